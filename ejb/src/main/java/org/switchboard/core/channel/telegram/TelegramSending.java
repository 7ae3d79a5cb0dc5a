package org.switchboard.core.channel.telegram;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.switchboard.core.channel.ChannelDeliveries.Delivery;
import org.switchboard.core.channel.ChannelDeliveries.OutboundFile;
import org.switchboard.core.channel.ChannelFile;
import org.switchboard.core.channel.ChannelSettings;
import org.switchboard.core.channel.ProviderSending;
import org.switchboard.core.channel.SendOutcome;

/**
 * Sends replies to Telegram (TG-*): texts with {@code sendMessage} in pieces of 4,096 characters, images with
 * {@code sendPhoto}, other files with {@code sendDocument}; a single file carries a short text as its caption. Keeps to
 * the Bot FAQ's limits: about 30 messages a second per bot and one a second per chat.
 */
@ApplicationScoped
public class TelegramSending implements ProviderSending {

    private static final Set<String> PHOTO_TYPES = Set.of("image/jpeg", "image/png", "image/webp");
    private static final Duration PER_BOT = Duration.ofMillis(1000 / TelegramLimits.PER_BOT_PER_SECOND + 1);
    private static final Duration PER_CHAT = Duration.ofSeconds(1);

    @Inject
    private TelegramClient client;

    @Override
    public List<Part> parts(Delivery delivery) {
        List<Part> parts = new ArrayList<>();
        String text = delivery.text();
        List<OutboundFile> files = delivery.files();
        if (files.size() == 1 && text != null && text.length() <= TelegramLimits.CAPTION_MAX) {
            return List.of(new Part(text, files.get(0)));
        }
        for (String piece : ProviderSending.pieces(text, TelegramLimits.TEXT_MAX)) {
            parts.add(new Part(piece, null));
        }
        for (OutboundFile file : files) {
            parts.add(new Part(null, file));
        }
        return parts;
    }

    @Override
    public SendOutcome send(Delivery delivery, Part part) {
        String token = delivery.settings().get(ChannelSettings.BOT_TOKEN);
        SendOutcome outcome;
        if (part.file() == null) {
            outcome = client.sendMessage(token, delivery.recipient(), part.text());
        } else {
            OutboundFile file = part.file();
            TelegramClient.FileKind kind = PHOTO_TYPES.contains(file.contentType())
                    && file.content().length <= TelegramLimits.PHOTO_MAX_BYTES
                    ? TelegramClient.FileKind.PHOTO : TelegramClient.FileKind.DOCUMENT;
            outcome = client.sendFile(token, delivery.recipient(), kind,
                    new ChannelFile(file.fileName(), file.contentType(), file.content()), part.text());
        }
        if (outcome instanceof SendOutcome.Sent sent && sent.providerMessageId() != null) {
            // Telegram's message ids count per chat: chat and message id make the key, as for inbound messages.
            return new SendOutcome.Sent(delivery.recipient() + ":" + sent.providerMessageId());
        }
        return outcome;
    }

    @Override
    public List<Limit> limits(Delivery delivery) {
        return List.of(new Limit("telegram:" + delivery.channelId(), PER_BOT),
                new Limit("telegram:" + delivery.channelId() + ":" + delivery.recipient(), PER_CHAT));
    }
}
