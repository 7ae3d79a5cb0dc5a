package org.switchboard.core.channel;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.switchboard.model.channel.ChannelProvider;

/**
 * An operator's reply as a channel adapter sends it (CH-12): the message and chat it belongs to, where it goes (the
 * contact's id on the channel), who wrote it, its text and files, how far earlier attempts got, and the channel's
 * provider settings with its secrets decrypted (never printed). {@code customerWroteAt} is when the chat's last
 * message from the customer arrived, given to adapters whose messenger limits replies to a window after it
 * ({@link ChannelAdapter#answersWithinWindow()}), null for the others.
 */
public record ChannelDelivery(long messageId, long chatId, long channelId, ChannelProvider provider, String recipient,
        String operatorLogin, String text, List<OutboundFile> files, OffsetDateTime createdAt, int partsSent,
        int failures, Map<String, String> settings, OffsetDateTime customerWroteAt) {

    /** A file of a reply: its bytes, or for a file the operator forwarded by reference, the URL it is at. */
    public record OutboundFile(long attachmentId, String fileName, String contentType, byte[] content, String url) {
    }

    @Override
    public String toString() {
        return "Delivery[message " + messageId + ", channel " + channelId + ", part " + partsSent + "]";
    }
}
