package org.switchboard.core.chat;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Map;
import org.switchboard.model.channel.ChannelProvider;

/**
 * A channel as the designer and the REST API show it (CH-10, CH-11, CH-14), with the name of its queue and the
 * provider's settings that are not secret (the bot's name, the WhatsApp number, the webhook URL to give Twilio), and,
 * while the messenger no longer takes its messages, why and since when (FB-07; both null otherwise).
 */
public record ChannelView(long id, long version, ChannelProvider provider, String name, boolean active, long queueId,
                          String queueName, String language, Map<String, String> settings, String flagReason,
                          OffsetDateTime flaggedAt) implements Serializable {

    public boolean flagged() {
        return flagReason != null;
    }
}
