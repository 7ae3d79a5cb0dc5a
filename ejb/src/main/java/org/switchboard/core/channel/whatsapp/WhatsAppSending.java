package org.switchboard.core.channel.whatsapp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.switchboard.core.channel.ChannelDeliveries.Delivery;
import org.switchboard.core.channel.ChannelDeliveries.OutboundFile;
import org.switchboard.core.channel.ChannelSettings;
import org.switchboard.core.channel.ProviderSending;
import org.switchboard.core.channel.SendOutcome;

/**
 * Sends replies to WhatsApp through Twilio's Messages API (WA-*): texts in pieces of 1,600 characters (Twilio's limit
 * for WhatsApp), one medium per message, fetched by Twilio from a signed URL of this installation; a single file carries
 * a short text as its body. Each message asks Twilio for status callbacks, which move the reply to delivered, read or
 * failed. Keeps to Twilio's default of 80 messages a second per WhatsApp sender.
 */
@ApplicationScoped
public class WhatsAppSending implements ProviderSending {

    /** Characters of one WhatsApp message body through Twilio. */
    public static final int BODY_MAX = 1600;
    private static final Duration PER_NUMBER = Duration.ofMillis(13);

    @Inject
    private WhatsAppClient client;

    @Override
    public List<Part> parts(Delivery delivery) {
        String text = delivery.text();
        List<OutboundFile> files = delivery.files();
        if (files.size() == 1 && text != null && text.length() <= BODY_MAX) {
            return List.of(new Part(text, files.get(0)));
        }
        List<Part> parts = new ArrayList<>();
        for (String piece : ProviderSending.pieces(text, BODY_MAX)) {
            parts.add(new Part(piece, null));
        }
        for (OutboundFile file : files) {
            parts.add(new Part(null, file));
        }
        return parts;
    }

    @Override
    public SendOutcome send(Delivery delivery, Part part) {
        WhatsAppAccount account = new WhatsAppAccount(delivery.settings().get(ChannelSettings.ACCOUNT_SID),
                delivery.settings().get(ChannelSettings.AUTH_TOKEN),
                delivery.settings().get(ChannelSettings.PHONE_NUMBER));
        String webhook = delivery.settings().get(ChannelSettings.WEBHOOK_URL);
        String media = part.file() == null ? null
                : WhatsAppWebhooks.mediaUrl(webhook, account.authToken(), part.file().attachmentId());
        return client.send(account, delivery.recipient(), part.text(), media,
                WhatsAppWebhooks.statusUrl(webhook, delivery.messageId()));
    }

    @Override
    public List<Limit> limits(Delivery delivery) {
        return List.of(new Limit("whatsapp:" + delivery.channelId(), PER_NUMBER));
    }
}
