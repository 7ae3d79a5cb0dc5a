package org.switchboard.core.channel;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.inbound.InboundRejectedException;
import org.switchboard.model.crm.ContactIdentity;

/**
 * The channel's external bot handed a customer's conversation to Switchboard (FB-05, X-03: Messenger's
 * {@code pass_thread_control} to this app): the customer's open bot dialog becomes a chat routed by the channel's
 * queue. {@code key} is the provider's mark of the handover (Messenger's timestamp), for idempotency with the customer.
 */
public record BotHandover(long channelId, String customer, String key) {

    public static final String TYPE = "BotHandover";
    public static final int VERSION = 1;

    /** The idempotency key: the channel, the customer and the handover's own mark. */
    public String idempotencyKey() {
        return channelId + ":" + customer + ":" + key;
    }

    public JsonObject toJson() {
        return Jsons.object().add("channelId", channelId).add("customer", customer).add("key", key).build();
    }

    public static BotHandover parse(String body) {
        JsonObject json;
        try (JsonReader reader = Jsons.reader(body == null ? "" : body)) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InboundRejectedException("NOT_JSON", "The body is not a JSON object");
        }
        if (!(json.get("channelId") instanceof JsonNumber channel)) {
            throw new InboundRejectedException("MISSING_FIELD", "channelId (a number) is required", "channelId");
        }
        long channelId = InboundChatMessage.wholeNumber(channel, "channelId");
        String customer = text(json.get("customer"));
        if (customer == null || customer.isBlank() || customer.length() > ContactIdentity.EXTERNAL_ID_MAX) {
            throw new InboundRejectedException("MISSING_FIELD", "customer (the customer's id on the channel) is "
                    + "required", "customer");
        }
        String key = text(json.get("key"));
        return new BotHandover(channelId, customer, key == null ? "" : key);
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString()
                : value instanceof JsonNumber number ? number.toString() : null;
    }
}
