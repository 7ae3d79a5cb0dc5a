package org.switchboard.core.channel;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Set;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.inbound.InboundRejectedException;
import org.switchboard.model.chat.ChatMessage;
import org.switchboard.model.chat.DeliveryStatus;

/**
 * A delivery receipt for an outbound chat message: a messenger integration reports that Switchboard's message
 * {@code messageId} was sent, delivered, read, or failed with a reason.
 */
public record DeliveryReceipt(long channelId, long messageId, String providerMessageId, DeliveryStatus status,
        String error) {

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
        long messageId = number(json, "messageId");
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
        String providerId = text(json, "providerMessageId");
        if (providerId != null && providerId.length() > ChatMessage.PROVIDER_ID_MAX) {
            throw new InboundRejectedException("INVALID_FIELD", "providerMessageId is too long", "providerMessageId");
        }
        String error = text(json, "error");
        if (error != null && error.length() > ChatMessage.ERROR_MAX) {
            error = error.substring(0, ChatMessage.ERROR_MAX);
        }
        return new DeliveryReceipt(channelId, messageId, providerId, status, error);
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
