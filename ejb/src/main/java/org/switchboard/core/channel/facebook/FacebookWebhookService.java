package org.switchboard.core.channel.facebook;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.logging.Logger;
import org.switchboard.core.channel.DeliveryReceipt;
import org.switchboard.core.channel.InboundChatMessage;
import org.switchboard.core.channel.WebhookRefusedException;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.inbound.InboundQueue;
import org.switchboard.core.inbound.Submitter;
import org.switchboard.model.channel.ChannelProvider;

/**
 * Takes Messenger's webhook requests (FB-02, {@code /hooks/facebook}): one address for every page of the app. The
 * callback's verification answers Meta's challenge when the verify token matches. A POST must carry the app secret's
 * signature of its raw bytes; each customer message of a page that a channel owns becomes an inbound chat message on
 * the inbound queue, idempotent by its {@code mid}, so Meta's redelivery creates nothing. A page no channel owns is
 * acknowledged and dropped (logged once), since Meta would otherwise retry it for hours. No transaction and no
 * database read: the secret and the pages' owners are remembered ({@link FacebookApp}, {@link FacebookPages}).
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FacebookWebhookService {

    private static final Logger LOG = Logger.getLogger(FacebookWebhookService.class.getName());

    @Inject
    private FacebookApp app;

    @Inject
    private FacebookPages pages;

    @Inject
    private InboundQueue queue;

    /**
     * The callback's verification: Meta's {@code hub.challenge} when the mode is {@code subscribe} and the verify
     * token matches.
     *
     * @throws WebhookRefusedException 403 otherwise
     */
    public String verify(String mode, String verifyToken, String challenge) {
        if (!"subscribe".equals(mode) || challenge == null || !app.verifyToken(verifyToken)) {
            LOG.warning("Messenger webhook verification refused: wrong mode or verify token");
            throw new WebhookRefusedException(403, "The hub.verify_token does not match FacebookVerifyToken");
        }
        return challenge;
    }

    /**
     * A signed webhook request; returns the keys of the messages queued.
     *
     * @throws WebhookRefusedException 403 for a missing or wrong signature, or no app secret set; 400 for a body that
     *                                 is not a webhook event
     */
    public List<String> receive(String signature, byte[] body) {
        if (!app.signed(signature, body)) {
            boolean configured = app.configured();
            LOG.warning(() -> "Messenger webhook refused: " + (!configured ? "FacebookAppSecret is empty"
                    : signature == null ? "no X-Hub-Signature-256" : "a wrong X-Hub-Signature-256"));
            throw new WebhookRefusedException(403, configured
                    ? "The X-Hub-Signature-256 header is missing or is not the app secret's signature of the body"
                    : "This installation has no FacebookAppSecret to check the signature with");
        }
        JsonObject event;
        try (JsonReader reader = Jsons.reader(new String(body, StandardCharsets.UTF_8))) {
            event = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new WebhookRefusedException(400, "The body is not a Messenger webhook event");
        }
        List<String> queued = new ArrayList<>();
        if (!"page".equals(event.getString("object", "")) || !(event.get("entry") instanceof JsonArray entries)) {
            return queued;
        }
        for (JsonValue value : entries) {
            if (!(value instanceof JsonObject entry) || !(entry.get("id") instanceof JsonString page)) {
                continue;
            }
            if (!(entry.get("messaging") instanceof JsonArray messaging) || messaging.isEmpty()) {
                continue;
            }
            OptionalLong channel = pages.channelOf(page.getString());
            if (channel.isEmpty()) {
                continue;
            }
            for (JsonValue item : messaging) {
                if (item instanceof JsonObject object) {
                    FacebookEvents.toInbound(channel.getAsLong(), object).ifPresent(message -> {
                        queue.enqueue(InboundChatMessage.TYPE, InboundChatMessage.VERSION, message.toString(),
                                Submitter.webhook(ChannelProvider.FACEBOOK.name()));
                        queued.add(FacebookEvents.key(message));
                    });
                    for (JsonObject receipt : FacebookEvents.toReceipts(channel.getAsLong(), object)) {
                        queue.enqueue(DeliveryReceipt.TYPE, 1, receipt.toString(),
                                Submitter.webhook(ChannelProvider.FACEBOOK.name()));
                    }
                }
            }
        }
        return queued;
    }
}
