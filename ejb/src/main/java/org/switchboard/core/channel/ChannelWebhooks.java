package org.switchboard.core.channel;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.switchboard.core.channel.telegram.TelegramUpdates;
import org.switchboard.core.channel.whatsapp.TwilioSignatures;
import org.switchboard.core.channel.whatsapp.WhatsAppWebhooks;
import org.switchboard.core.chat.DeliveryReceipt;
import org.switchboard.core.chat.InboundChatMessage;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.inbound.InboundQueue;
import org.switchboard.core.inbound.InboundRejectedException;
import org.switchboard.core.inbound.Submitter;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.channel.ChannelProvider;
import org.switchboard.model.chat.ChatAttachment;

/**
 * Takes the providers' webhook requests (TG-03, WA-02): authenticates each by its provider's own mechanism (Telegram's
 * secret token, Twilio's signature), turns it into the provider-neutral inbound message or delivery receipt, and puts
 * that on the inbound queue in this transaction; processing is asynchronous and idempotent by the provider's message id,
 * so a provider's retry creates nothing. Nothing of a refused request is stored. Callers are anonymous: the provider's
 * credential is the authentication.
 * <p>
 * No transaction: the queue's send is durable when it returns, and the channel's credential comes from
 * {@link WebhookKeys}, so a webhook costs no database round trip and no two-phase commit. A credential that does not
 * match the remembered one is checked against the database before the request is refused, so a new secret applies
 * at once.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ChannelWebhooks {

    private static final Logger LOG = Logger.getLogger(ChannelWebhooks.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private ChannelSecrets secrets;

    @Inject
    private WebhookKeys keys;

    @Inject
    private InboundQueue queue;

    /**
     * A Telegram update; returns the queued message's key, or empty for an update that is not a new message.
     *
     * @throws WebhookRefusedException 404 for no such channel, 401 for a missing or wrong secret token, 400 for
     *                                 a body that is not an update
     */
    public Optional<String> telegram(long channelId, String secretToken, String body) {
        if (!keys.matches(channelId, ChannelProvider.TELEGRAM, key -> key.secret() != null && secretToken != null
                && MessageDigest.isEqual(key.secret().getBytes(StandardCharsets.UTF_8),
                        secretToken.getBytes(StandardCharsets.UTF_8)))) {
            LOG.warning(() -> "Telegram webhook of channel " + channelId + " refused: "
                    + (secretToken == null ? "no" : "a wrong") + " secret token");
            throw new WebhookRefusedException(401, "The X-Telegram-Bot-Api-Secret-Token header is missing or wrong");
        }
        JsonObject update;
        try (JsonReader reader = Jsons.reader(body == null ? "" : body)) {
            update = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new WebhookRefusedException(400, "The body is not a Telegram update");
        }
        Optional<JsonObject> message = TelegramUpdates.toInbound(channelId, update);
        message.ifPresent(m -> enqueue(InboundChatMessage.TYPE, m, ChannelProvider.TELEGRAM));
        return message.map(TelegramUpdates::key);
    }

    /**
     * A Twilio request to the channel's webhook URL: an incoming WhatsApp message, or, under {@code /status/{id}}, the
     * status callback of Switchboard's message {@code id}. Returns the queued item's key.
     *
     * @param statusOf the id of Switchboard's message for a status callback, or null for an incoming message
     * @throws WebhookRefusedException 404 for no such channel, 403 for a missing or wrong signature, 400 for a
     *                                 request without the fields of Twilio's format
     */
    public String whatsApp(long channelId, Long statusOf, Map<String, String> form, String signature) {
        if (!keys.matches(channelId, ChannelProvider.WHATSAPP, key -> key.secret() != null && key.url() != null
                && TwilioSignatures.valid(key.secret(), statusOf == null ? key.url()
                        : WhatsAppWebhooks.statusUrl(key.url(), statusOf), form, signature))) {
            LOG.warning(() -> "WhatsApp webhook of channel " + channelId + " refused: "
                    + (signature == null ? "no" : "a wrong") + " X-Twilio-Signature");
            throw new WebhookRefusedException(403, "The X-Twilio-Signature header is missing or does not match");
        }
        try {
            if (statusOf != null) {
                JsonObject receipt = WhatsAppWebhooks.receipt(channelId, statusOf, form);
                if (receipt == null) {
                    return null;
                }
                enqueue(DeliveryReceipt.TYPE, receipt, ChannelProvider.WHATSAPP);
                return Long.toString(statusOf);
            }
            JsonObject message = WhatsAppWebhooks.toInbound(channelId, form);
            enqueue(InboundChatMessage.TYPE, message, ChannelProvider.WHATSAPP);
            return message.getString("messageId");
        } catch (InboundRejectedException e) {
            throw new WebhookRefusedException(400, e.getMessage());
        }
    }

    /**
     * A reply's file for Twilio to fetch (WA-03), when the signature of {@code WhatsAppWebhooks.mediaUrl} matches.
     *
     * @throws WebhookRefusedException 404 for anything else, so that nobody learns which files exist
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public ChannelFile whatsAppMedia(long channelId, long attachmentId, String signature) {
        Channel channel = channel(channelId, ChannelProvider.WHATSAPP);
        String token = secrets.get(channel, ChannelSettings.AUTH_TOKEN).orElse("");
        ChatAttachment file = em.find(ChatAttachment.class, attachmentId);
        boolean valid = !token.isEmpty() && signature != null && MessageDigest.isEqual(
                WhatsAppWebhooks.mediaSignature(token, attachmentId).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
        if (!valid || file == null || file.getContent() == null
                || !file.getMessage().getChannel().getId().equals(channelId)) {
            throw new WebhookRefusedException(404, "There is no such file");
        }
        return new ChannelFile(file.getFileName(), file.getContentType(), file.getContent());
    }

    private Channel channel(long channelId, ChannelProvider provider) {
        Channel channel = em.find(Channel.class, channelId);
        // An inactive channel's messages are taken: processing keeps them as dead letters to replay (CH-14).
        if (channel == null || channel.getProvider() != provider) {
            throw new WebhookRefusedException(404, "There is no " + provider + " channel " + channelId);
        }
        return channel;
    }

    private void enqueue(String type, JsonObject body, ChannelProvider provider) {
        queue.enqueue(type, 1, body.toString(), Submitter.webhook(provider.name()));
    }
}
