package org.switchboard.core.exchange;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.logging.Logger;
import org.switchboard.core.channel.WebhookRefusedException;
import org.switchboard.core.common.Jsons;

/**
 * MP-11: what Microsoft Graph POSTs to a subscription's notification and lifecycle URLs, read and checked without
 * I/O, for the webhook to answer: the validation handshake's echo, and a batch of change and lifecycle notifications
 * whose {@code clientState} is compared, in constant time, with the one the caller gave each subscription. A
 * notification that does not match is dropped and counted, never returned; a body that is not Graph's format is
 * refused with a {@link WebhookRefusedException} (400).
 */
public final class GraphNotifications {

    /**
     * The longest validation token echoed. Graph's is about 110 characters ("Validation: Testing client application
     * reachability for subscription Request-Id: {guid}"); the documentation calls its format opaque, hence the room.
     */
    public static final int VALIDATION_TOKEN_MAX = 1024;
    private static final String VALIDATION_TOKEN = "validationToken";
    private static final Logger LOG = Logger.getLogger(GraphNotifications.class.getName());

    private GraphNotifications() {
    }

    /** What changed in a subscribed folder; the sync fetches it (the notification carries no message data). */
    public enum ChangeType {
        CREATED, UPDATED, DELETED
    }

    /** The kinds of lifecycle notification Graph sends to a subscription's lifecycle URL. */
    public enum LifecycleEvent {
        /** Renew (or reauthorize) the subscription soon, with a fresh token, or notifications pause. */
        REAUTHORIZATION_REQUIRED("reauthorizationRequired"),
        /** Graph deleted the subscription: subscribe again and sync the folder. */
        SUBSCRIPTION_REMOVED("subscriptionRemoved"),
        /** Some notifications were not delivered: sync the folder. */
        MISSED("missed");

        private final String graphName;

        LifecycleEvent(String graphName) {
            this.graphName = graphName;
        }

        /** The event as Graph spells it in {@code lifecycleEvent}. */
        public String graphName() {
            return graphName;
        }
    }

    /**
     * One change notification whose {@code clientState} matched (the secret itself is not kept, so that it never
     * reaches a log through {@code toString()}).
     *
     * @param resource the changed message as Graph names it ({@code Users/{id}/Messages/{id}})
     * @param messageId {@code resourceData.id}, or null when Graph named none: the caller syncs the folder
     * @param subscriptionExpiresAt when the subscription expires, or null when Graph's value was not a time
     */
    public record ChangeNotification(String subscriptionId, ChangeType changeType, String resource, String messageId,
            String tenantId, OffsetDateTime subscriptionExpiresAt) {
    }

    /** One lifecycle notification whose {@code clientState} matched. */
    public record LifecycleNotification(String subscriptionId, LifecycleEvent event, String tenantId,
            OffsetDateTime subscriptionExpiresAt) {
    }

    /**
     * One POST's notifications, in Graph's order.
     *
     * @param dropped notifications whose {@code clientState} was not the one expected for their subscription, or
     *        whose subscription the caller does not know: forged, or for a subscription it no longer keeps
     * @param unrecognised authentic notifications of a change type or lifecycle event this code does not know,
     *        skipped
     */
    public record Batch(List<ChangeNotification> changes, List<LifecycleNotification> lifecycle, int dropped,
            int unrecognised) {

        public Batch {
            changes = List.copyOf(changes);
            lifecycle = List.copyOf(lifecycle);
        }
    }

    /**
     * The validation handshake: when it creates a subscription Graph POSTs to each of its URLs with
     * {@code ?validationToken=…} and wants the token back, URL-decoded, as {@code text/plain} with status 200 within
     * 10 seconds. The webhook answers with this text and {@code X-Content-Type-Options: nosniff}.
     *
     * @param rawQuery the request's query string as received, not yet decoded ({@code getQueryString()}): decoded
     *        here exactly once
     * @return the text to answer, or empty when the request carries no validation token (a notification)
     * @throws WebhookRefusedException (400) for a token that is empty, longer than {@link #VALIDATION_TOKEN_MAX},
     *         not valid URL encoding, given twice, or holds control characters or angle brackets (Graph never sends
     *         HTML or script, and an echo must not carry any)
     */
    public static Optional<String> validationAnswer(String rawQuery) {
        List<String> tokens = new ArrayList<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equalsIgnoreCase(VALIDATION_TOKEN)) {
                tokens.add(pair.substring(equals + 1));
            }
        }
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        if (tokens.size() > 1) {
            throw refused("more than one validationToken");
        }
        String encoded = tokens.get(0);
        if (encoded.isEmpty() || encoded.length() > 3 * VALIDATION_TOKEN_MAX) {
            throw refused("a validationToken that is empty or too long");
        }
        String token;
        try {
            token = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refused("a validationToken that is not URL-encoded");
        }
        if (token.isBlank() || token.length() > VALIDATION_TOKEN_MAX) {
            throw refused("a validationToken that is empty or longer than " + VALIDATION_TOKEN_MAX + " characters");
        }
        if (token.chars().anyMatch(c -> Character.isISOControl(c) || c == '<' || c == '>')) {
            throw refused("a validationToken with control characters or angle brackets");
        }
        return Optional.of(token);
    }

    /**
     * The notifications of one POST body ({@code {"value":[…]}}), change and lifecycle ones apart, each kept only
     * when its {@code clientState} equals the one the caller gave its subscription.
     *
     * @param clientStates the {@code clientState} the caller gave each subscription it keeps, by subscription id;
     *        null for an id it does not know
     * @throws WebhookRefusedException (400) when the body is not JSON, has no {@code value} array, or holds an
     *         element that is not a notification (no subscription id, or not exactly one of {@code changeType} and
     *         {@code lifecycleEvent})
     */
    public static Batch parse(String body, Function<String, String> clientStates) {
        JsonValue root;
        try {
            root = body == null ? null : Jsons.readValue(body);
        } catch (JsonException e) {
            throw refused("a body that is not JSON");
        }
        if (!(root instanceof JsonObject object) || !(object.get("value") instanceof JsonArray value)) {
            throw refused("a body without its \"value\" array");
        }
        List<ChangeNotification> changes = new ArrayList<>();
        List<LifecycleNotification> lifecycle = new ArrayList<>();
        TreeSet<String> forged = new TreeSet<>();
        int dropped = 0;
        int unrecognised = 0;
        for (JsonValue item : value) {
            if (!(item instanceof JsonObject notification)) {
                throw refused("a notification that is not an object");
            }
            String subscriptionId = MicrosoftHttp.text(notification, "subscriptionId");
            String changeType = MicrosoftHttp.text(notification, "changeType");
            String event = MicrosoftHttp.text(notification, "lifecycleEvent");
            if (subscriptionId == null || subscriptionId.isBlank() || (changeType == null) == (event == null)) {
                throw refused("a notification without its subscriptionId, or without exactly one of changeType and "
                        + "lifecycleEvent");
            }
            if (!matches(clientStates.apply(subscriptionId), MicrosoftHttp.text(notification, "clientState"))) {
                dropped++;
                forged.add(subscriptionId);
                continue;
            }
            // Lifecycle notifications have been seen with organizationId in place of tenantId (msgraph-sdk-java#1551).
            String tenantId = Objects.requireNonNullElse(MicrosoftHttp.text(notification, "tenantId"),
                    MicrosoftHttp.text(notification, "organizationId"));
            OffsetDateTime expiresAt = MicrosoftHttp.time(MicrosoftHttp.text(notification,
                    "subscriptionExpirationDateTime"));
            if (changeType != null) {
                Optional<ChangeType> type = Arrays.stream(ChangeType.values()).filter(t -> t.name().equals(changeType
                        .toUpperCase(Locale.ROOT))).findFirst();
                if (type.isPresent()) {
                    String messageId = notification.get("resourceData") instanceof JsonObject data
                            ? MicrosoftHttp.text(data, "id") : null;
                    changes.add(new ChangeNotification(subscriptionId, type.get(), MicrosoftHttp.text(notification,
                            "resource"), messageId, tenantId, expiresAt));
                } else {
                    unrecognised++;
                }
            } else {
                Optional<LifecycleEvent> known = Arrays.stream(LifecycleEvent.values()).filter(e -> e.graphName()
                        .equalsIgnoreCase(event)).findFirst();
                if (known.isPresent()) {
                    lifecycle.add(new LifecycleNotification(subscriptionId, known.get(), tenantId, expiresAt));
                } else {
                    unrecognised++;
                }
            }
        }
        if (dropped > 0) {
            int count = dropped;
            LOG.warning(() -> "Dropped " + count + " Graph notification(s) whose clientState did not match; "
                    + "subscriptions " + forged);
        }
        return new Batch(changes, lifecycle, dropped, unrecognised);
    }

    /** MP-11: the secrets compared in a time that does not depend on where they differ. */
    private static boolean matches(String expected, String given) {
        return expected != null && given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private static WebhookRefusedException refused(String what) {
        return new WebhookRefusedException(400, "Not a Microsoft Graph notification: " + what);
    }
}
