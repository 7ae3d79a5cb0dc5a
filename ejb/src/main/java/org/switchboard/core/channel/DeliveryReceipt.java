package org.switchboard.core.channel;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.inbound.InboundRejectedException;
import org.switchboard.model.chat.ChatMessage;
import org.switchboard.model.chat.DeliveryStatus;

/**
 * A delivery receipt for an outbound chat message (X-03): a messenger integration reports that Switchboard's message
 * {@code messageId} was sent, delivered, read, or failed with a reason. A messenger that knows only its own ids names
 * the message by {@code providerMessageId} instead ({@code messageId} 0); one that reports "everything up to this
 * moment" (Messenger's read watermark) names the customer ({@code recipient}) and the moment ({@code upTo}).
 */
public record DeliveryReceipt(long channelId, long messageId, String providerMessageId, DeliveryStatus status,
        String error, String recipient, OffsetDateTime upTo) {

    public DeliveryReceipt(long channelId, long messageId, String providerMessageId, DeliveryStatus status,
            String error) {
        this(channelId, messageId, providerMessageId, status, error, null, null);
    }

    /** Whether it names Switchboard's message; otherwise its provider id or a watermark. */
    public boolean byMessageId() {
        return messageId > 0;
    }

    /** Whether it is a watermark: every message to {@code recipient} stored up to {@code upTo}. */
    public boolean watermark() {
        return !byMessageId() && providerMessageId == null && recipient != null && upTo != null;
    }

    /** The idempotency key: the message, its provider id, or the watermark. */
    public String key() {
        return byMessageId() ? Long.toString(messageId) : providerMessageId != null ? providerMessageId
                : recipient + "@" + upTo;
    }

    public static final String TYPE = "DeliveryReceipt";
    private static final Set<DeliveryStatus> REPORTABLE = Set.of(DeliveryStatus.SENT, DeliveryStatus.DELIVERED,
            DeliveryStatus.READ, DeliveryStatus.FAILED);

    public static DeliveryReceipt parse(String body) {
        JsonObject json;
        try (JsonReader reader = Jsons.reader(body == null ? "" : body)) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InboundRejectedException("NOT_JSON", "The body is not a JSON object");
        }
        long channelId = number(json, "channelId");
        String providerId = text(json, "providerMessageId");
        String recipient = text(json, "recipient");
        OffsetDateTime upTo = null;
        if (text(json, "upTo") != null) {
            try {
                upTo = OffsetDateTime.parse(text(json, "upTo"));
            } catch (DateTimeParseException e) {
                throw new InboundRejectedException("INVALID_FIELD", "upTo must be an ISO-8601 instant", "upTo");
            }
        }
        boolean otherwiseNamed = providerId != null || (recipient != null && upTo != null);
        long messageId = otherwiseNamed && !json.containsKey("messageId") ? 0 : number(json, "messageId");
        DeliveryStatus status;
        try {
            status = DeliveryStatus.valueOf(text(json, "status"));
        } catch (IllegalArgumentException | NullPointerException e) {
            status = null;
        }
        if (status == null || !REPORTABLE.contains(status)) {
            throw new InboundRejectedException("INVALID_FIELD", "status must be one of SENT, DELIVERED, READ, FAILED",
                    "status");
        }
        if (messageId <= 0 && providerId == null && status != DeliveryStatus.DELIVERED
                && status != DeliveryStatus.READ) {
            // A watermark says how far the customer got; applied with FAILED it would fail every reply to them.
            throw new InboundRejectedException("INVALID_FIELD", "a receipt by recipient and upTo takes the status "
                    + "DELIVERED or READ", "status");
        }
        if (providerId != null && providerId.length() > ChatMessage.PROVIDER_ID_MAX) {
            throw new InboundRejectedException("INVALID_FIELD", "providerMessageId is too long", "providerMessageId");
        }
        String error = text(json, "error");
        if (error != null && error.length() > ChatMessage.ERROR_MAX) {
            error = error.substring(0, ChatMessage.ERROR_MAX);
        }
        return new DeliveryReceipt(channelId, messageId, providerId, status, error, recipient, upTo);
    }

    private static long number(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (!(value instanceof JsonNumber number)) {
            throw new InboundRejectedException("MISSING_FIELD", name + " (a number) is required", name);
        }
        return InboundChatMessage.wholeNumber(number, name);
    }

    private static String text(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value instanceof JsonString string ? string.getString() : null;
    }
}
