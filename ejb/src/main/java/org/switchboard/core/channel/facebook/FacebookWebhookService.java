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
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.switchboard.core.channel.BotHandover;
import org.switchboard.core.channel.ChannelAccessTimer;
import org.switchboard.core.channel.ChannelFlags;
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
 * acknowledged and dropped (logged once), since Meta would otherwise retry it for hours. With an external bot (FB-05)
 * the customer's messages on {@code standby} go to a bot dialog and the bot's {@code pass_thread_control} to this app
 * becomes a {@link BotHandover}. No transaction and no
 * database read: the secret and the pages' owners are remembered ({@link FacebookApp}, {@link FacebookPages}).
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FacebookWebhookService {

    private static final Logger LOG = Logger.getLogger(FacebookWebhookService.class.getName());
    private static final int STANDBY_LOGGED_MAX = 1_000;
    /** The pages whose standby events without a bot were logged: once per page and node (a stateless bean's pool). */
    private static final Set<String> STANDBY_LOGGED_PAGES = ConcurrentHashMap.newKeySet();
    /** How often standby without a bot flags its channel again (after it was cleared), per page and node. */
    static final long STANDBY_FLAG_EVERY_NANOS = 60_000_000_000L;
    private static final Map<String, Long> STANDBY_FLAGGED_AT = new ConcurrentHashMap<>();

    @Inject
    private FacebookApp app;

    @Inject
    private FacebookPages pages;

    @Inject
    private InboundQueue queue;

    @Inject
    private ChannelAccessTimer accessChecks;

    @Inject
    private ChannelFlags flags;

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
     * Meta's deauthorize callback (FB-07): a user removed the app, so some page tokens may be dead. The
     * {@code signed_request} must carry the app secret's signature; then every Facebook channel's access is checked
     * at once, in the background, and those that lost it are flagged. Which pages the user's removal touched Meta does
     * not say, and a check of each is cheap.
     *
     * @throws WebhookRefusedException 403 when the signed request is missing, malformed or not signed by the app
     */
    public void deauthorize(String signedRequest) {
        Optional<JsonObject> payload = app.appSecret().flatMap(secret -> signedPayload(secret, signedRequest));
        if (payload.isEmpty()) {
            LOG.warning("Messenger deauthorize callback refused: no valid signed_request");
            throw new WebhookRefusedException(403, "The signed_request is missing or not signed with the app secret");
        }
        LOG.info(() -> "Facebook user " + payload.get().getString("user_id", "?") + " removed the app: checking "
                + "every Facebook channel");
        accessChecks.checkAllNow(ChannelProvider.FACEBOOK);
    }

    /**
     * The payload of a {@code signed_request} ({@code base64url(signature).base64url(payload)}, the signature being the
     * HMAC-SHA256 of the payload's encoded form under the app secret), or empty when it is not one or not signed so.
     */
    static Optional<JsonObject> signedPayload(String appSecret, String signedRequest) {
        if (signedRequest == null) {
            return Optional.empty();
        }
        int dot = signedRequest.indexOf('.');
        if (dot <= 0 || dot == signedRequest.length() - 1) {
            return Optional.empty();
        }
        String encodedPayload = signedRequest.substring(dot + 1);
        try {
            byte[] signature = Base64.getUrlDecoder().decode(signedRequest.substring(0, dot));
            byte[] expected = FacebookApp.hmac(appSecret, encodedPayload.getBytes(StandardCharsets.US_ASCII));
            if (!MessageDigest.isEqual(signature, expected)) {
                return Optional.empty();
            }
            JsonObject payload = Jsons.objectOrNull(new String(Base64.getUrlDecoder().decode(encodedPayload),
                    StandardCharsets.UTF_8));
            return payload != null && "HMAC-SHA256".equalsIgnoreCase(payload.getString("algorithm", ""))
                    ? Optional.of(payload) : Optional.empty();
        } catch (IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
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
            JsonArray messaging = entry.get("messaging") instanceof JsonArray array ? array
                    : JsonValue.EMPTY_JSON_ARRAY;
            JsonArray standby = entry.get("standby") instanceof JsonArray array ? array : JsonValue.EMPTY_JSON_ARRAY;
            if (messaging.isEmpty() && standby.isEmpty()) {
                continue;
            }
            OptionalLong channel = pages.channelOf(page.getString());
            if (channel.isEmpty()) {
                continue;
            }
            long channelId = channel.getAsLong();
            Optional<String> bot = pages.botOf(channelId);
            for (JsonValue item : messaging) {
                if (item instanceof JsonObject object) {
                    FacebookEvents.toInbound(channelId, object).ifPresent(message -> queued.add(enqueue(message)));
                    for (JsonObject receipt : FacebookEvents.toReceipts(channelId, object)) {
                        queue.enqueue(DeliveryReceipt.TYPE, 1, receipt.toString(),
                                Submitter.webhook(ChannelProvider.FACEBOOK.name()));
                    }
                    bot.flatMap(appId -> FacebookEvents.toHandover(channelId, object, appId)).ifPresent(handover ->
                            queue.enqueue(BotHandover.TYPE, BotHandover.VERSION, handover.toJson().toString(),
                                    Submitter.webhook(ChannelProvider.FACEBOOK.name())));
                }
            }
            if (!standby.isEmpty() && bot.isEmpty()) {
                standbyWithoutBot(channelId, page.getString());
                continue;
            }
            for (JsonValue item : standby) {
                // FB-05: the bot holds the conversation; the customer's messages go to a bot dialog, the bot's own
                // replies (echoes) are not stored.
                if (item instanceof JsonObject object) {
                    FacebookEvents.toInbound(channelId, object).map(FacebookEvents::asBotDialog)
                            .ifPresent(message -> queued.add(enqueue(message)));
                }
            }
        }
        return queued;
    }

    private String enqueue(JsonObject message) {
        queue.enqueue(InboundChatMessage.TYPE, InboundChatMessage.VERSION, message.toString(),
                Submitter.webhook(ChannelProvider.FACEBOOK.name()));
        return FacebookEvents.key(message);
    }

    /**
     * Standby items for a channel without an external bot (FB-04, FB-07): another app now receives the page's
     * conversations (the page's Conversation Routing gives them to it), so this installation lost them. The items are
     * dropped, logged once per page, and the channel is flagged with why, at most once every
     * {@link #STANDBY_FLAG_EVERY_NANOS} per page on this node (a database write, off the common path).
     */
    void standbyWithoutBot(long channelId, String pageId) {
        if (STANDBY_LOGGED_PAGES.size() < STANDBY_LOGGED_MAX && STANDBY_LOGGED_PAGES.add(pageId)) {
            LOG.warning(() -> "Messenger posted standby events for Facebook page " + pageId + " of channel " + channelId
                    + ", which has no external bot: another app holds its conversations; dropped (logged once per "
                    + "page)");
        }
        long now = System.nanoTime();
        Long last = STANDBY_FLAGGED_AT.get(pageId);
        if (last != null && now - last < STANDBY_FLAG_EVERY_NANOS) {
            return;
        }
        if (STANDBY_FLAGGED_AT.size() > STANDBY_LOGGED_MAX) {
            STANDBY_FLAGGED_AT.clear();
        }
        STANDBY_FLAGGED_AT.put(pageId, now);
        try {
            flags.flag(channelId, "Another app now receives the conversations of page " + pageId + " (Messenger "
                    + "sends this installation only standby copies, which it drops): the page's Conversation Routing "
                    + "gives them to that app. Make this installation's app the page's default receiver in the page's "
                    + "settings, or, if a bot should answer first, turn on \"An external bot answers first\" on this "
                    + "card; then Check now");
        } catch (RuntimeException e) {
            STANDBY_FLAGGED_AT.remove(pageId);
            LOG.warning(() -> "Channel " + channelId + " could not be flagged for its standby events: " + e);
        }
    }
}
