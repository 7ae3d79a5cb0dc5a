package org.switchboard.core.channel.whatsapp;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.logging.Logger;
import org.switchboard.core.channel.ChannelFile;
import org.switchboard.core.channel.ChannelSecrets;
import org.switchboard.core.channel.DeliveryReceipt;
import org.switchboard.core.channel.InboundChatMessage;
import org.switchboard.core.channel.WebhookKeys;
import org.switchboard.core.channel.WebhookRefusedException;
import org.switchboard.core.inbound.InboundQueue;
import org.switchboard.core.inbound.InboundRejectedException;
import org.switchboard.core.inbound.Submitter;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.channel.ChannelProvider;
import org.switchboard.model.chat.ChatAttachment;

/**
 * Takes Twilio's webhook requests for WhatsApp channels (WA-02, WA-03): checks {@code X-Twilio-Signature} against the
 * channel's Auth Token and webhook URL, turns an incoming message into the provider-neutral inbound message and a
 * status callback into a delivery receipt, and puts it on the inbound queue; Twilio's retry creates nothing. Also
 * serves a reply's file to Twilio at the URL Switchboard signed. No transaction and no database read on the webhook
 * path: the credentials come from {@link WebhookKeys}.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WhatsAppWebhookService {

    private static final Logger LOG = Logger.getLogger(WhatsAppWebhookService.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private WebhookKeys keys;

    @Inject
    private ChannelSecrets secrets;

    @Inject
    private InboundQueue queue;

    /**
     * A Twilio request to the channel's webhook URL: an incoming WhatsApp message, or, under {@code /status/{id}}, the
     * status callback of Switchboard's message {@code id}. Returns the queued item's key.
     *
     * @param statusOf the id of Switchboard's message for a status callback, or null for an incoming message
     * @throws WebhookRefusedException 403 for a missing or wrong signature and, alike, for no such channel; 400
     *                                 for a request without the fields of Twilio's format
     */
    public String request(long channelId, Long statusOf, Map<String, String> form, String signature) {
        if (!keys.matches(channelId, ChannelProvider.WHATSAPP, key -> key.secret() != null && key.url() != null
                && TwilioSignatures.valid(key.secret(), statusOf == null ? key.url()
                        : WhatsAppWebhooks.statusUrl(key.url(), statusOf), form, signature))) {
            LOG.warning(() -> "WhatsApp webhook of channel " + channelId + " refused: "
                    + (signature == null ? "no" : "a wrong") + " X-Twilio-Signature");
            throw new WebhookRefusedException(403, "The X-Twilio-Signature header is missing or does not match");
        }
        Submitter twilio = Submitter.webhook(ChannelProvider.WHATSAPP.name());
        try {
            if (statusOf != null) {
                JsonObject receipt = WhatsAppWebhooks.receipt(channelId, statusOf, form);
                if (receipt == null) {
                    return null;
                }
                queue.enqueue(DeliveryReceipt.TYPE, 1, receipt.toString(), twilio);
                return Long.toString(statusOf);
            }
            JsonObject message = WhatsAppWebhooks.toInbound(channelId, form);
            queue.enqueue(InboundChatMessage.TYPE, InboundChatMessage.VERSION, message.toString(), twilio);
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
    public ChannelFile media(long channelId, long attachmentId, String signature) {
        Channel channel = em.find(Channel.class, channelId);
        if (channel == null || channel.getProvider() != ChannelProvider.WHATSAPP) {
            throw new WebhookRefusedException(404, "There is no " + ChannelProvider.WHATSAPP + " channel " + channelId);
        }
        String token = secrets.get(channel, WhatsAppSettings.AUTH_TOKEN).orElse("");
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
}
