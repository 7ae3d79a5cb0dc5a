package org.switchboard.core.channel;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.inbound.InboundRejectedException;
import org.switchboard.model.chat.ChatAttachment;
import org.switchboard.model.chat.ChatMessage;
import org.switchboard.model.crm.ContactIdentity;

/**
 * The provider-neutral inbound chat message (X-03, {@code docs/jms.md}): what every messenger adapter, and any other
 * system, posts to the inbound queue or to {@code POST /api/v1/inbound}. {@code messageId} is the provider's id of the
 * message, unique per channel: the idempotency key. {@code botDialog} (FB-05) says that the channel's external bot
 * answers the customer: the message goes to a bot dialog, which is not routed to the operators.
 */
public record InboundChatMessage(long channelId, String messageId, String senderId, String senderName, String text,
        OffsetDateTime sentAt, List<Attachment> attachments, boolean botDialog) {

    public InboundChatMessage(long channelId, String messageId, String senderId, String senderName, String text,
            OffsetDateTime sentAt, List<Attachment> attachments) {
        this(channelId, messageId, senderId, senderName, text, sentAt, attachments, false);
    }

    public static final String TYPE = "InboundChatMessage";
    public static final int VERSION = 1;
    /** The largest inline attachment accepted, decoded. */
    public static final int INLINE_MAX_BYTES = 10 * 1024 * 1024;

    /** A file of the message: inline bytes, or a URL the channel's adapter fetches it from. */
    public record Attachment(String fileName, String contentType, byte[] content, String url) {
    }

    /** Parses and validates a body; a problem is an {@link InboundRejectedException} with the field at fault. */
    public static InboundChatMessage parse(String body) {
        JsonObject json;
        try (JsonReader reader = Jsons.reader(body == null ? "" : body)) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InboundRejectedException("NOT_JSON", "The body is not a JSON object");
        }
        return of(json);
    }

    public static InboundChatMessage of(JsonObject json) {
        JsonValue channel = json.get("channelId");
        if (!(channel instanceof JsonNumber channelNumber)) {
            throw new InboundRejectedException("MISSING_FIELD", "channelId (a number) is required", "channelId");
        }
        long channelId = wholeNumber(channelNumber, "channelId");
        String messageId = requiredText(json, "messageId", "messageId", ChatMessage.PROVIDER_ID_MAX);
        JsonValue sender = json.get("sender");
        if (sender == null || sender.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InboundRejectedException("MISSING_FIELD", "sender (an object with id and name) is required",
                    "sender");
        }
        String senderId = requiredText(sender.asJsonObject(), "id", "sender.id", ContactIdentity.EXTERNAL_ID_MAX);
        String senderName = optionalText(sender.asJsonObject(), "name", "sender.name",
                ContactIdentity.DISPLAY_NAME_MAX);
        String text = optionalText(json, "text", "text", ChatMessage.BODY_MAX);
        OffsetDateTime sentAt = null;
        String sent = optionalText(json, "sentAt", "sentAt", 40);
        if (sent != null) {
            try {
                sentAt = OffsetDateTime.parse(sent);
            } catch (DateTimeParseException e) {
                throw new InboundRejectedException("INVALID_FIELD", "sentAt must be an ISO-8601 instant", "sentAt");
            }
        }
        List<Attachment> attachments = attachments(json);
        if ((text == null || text.isBlank()) && attachments.isEmpty()) {
            throw new InboundRejectedException("EMPTY_MESSAGE", "A message needs a text or an attachment", "text");
        }
        JsonValue bot = json.get("botDialog");
        if (bot != null && bot != JsonValue.NULL && bot != JsonValue.TRUE && bot != JsonValue.FALSE) {
            throw new InboundRejectedException("INVALID_FIELD", "botDialog must be true or false", "botDialog");
        }
        return new InboundChatMessage(channelId, messageId, senderId, senderName, text, sentAt, attachments,
                bot == JsonValue.TRUE);
    }

    /**
     * A number field as the whole number it gives (X-02, issue 18): {@code 9223372036854775808} wrapped to a negative
     * id and {@code 50.5} was rounded to 50 by {@link JsonNumber#longValue()}; both are refused on the field.
     */
    static long wholeNumber(JsonNumber number, String field) {
        try {
            return Jsons.exactLong(number);
        } catch (ArithmeticException e) {
            throw new InboundRejectedException("INVALID_FIELD", field + " must be a whole number from "
                    + Long.MIN_VALUE + " to " + Long.MAX_VALUE, field);
        }
    }

    private static List<Attachment> attachments(JsonObject json) {
        JsonValue value = json.get("attachments");
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InboundRejectedException("INVALID_FIELD", "attachments must be an array", "attachments");
        }
        List<Attachment> attachments = new ArrayList<>();
        JsonArray items = value.asJsonArray();
        for (int i = 0; i < items.size(); i++) {
            String at = "attachments[" + i + "]";
            if (items.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InboundRejectedException("INVALID_FIELD", "each attachment must be an object", at);
            }
            JsonObject file = items.get(i).asJsonObject();
            String name = requiredText(file, "fileName", at + ".fileName", ChatAttachment.FILE_NAME_MAX);
            String type = optionalText(file, "contentType", at + ".contentType", ChatAttachment.CONTENT_TYPE_MAX);
            String url = optionalText(file, "url", at + ".url", ChatAttachment.URL_MAX);
            String content = optionalText(file, "content", at + ".content", Integer.MAX_VALUE);
            byte[] bytes = null;
            if (content != null) {
                try {
                    bytes = Base64.getDecoder().decode(content);
                } catch (IllegalArgumentException e) {
                    throw new InboundRejectedException("INVALID_FIELD", "attachment content must be Base64",
                            at + ".content");
                }
                if (bytes.length > INLINE_MAX_BYTES) {
                    throw new InboundRejectedException("INVALID_FIELD", "an inline attachment may have at most "
                            + INLINE_MAX_BYTES + " bytes; give a url instead", at + ".content");
                }
            }
            if (bytes == null && url == null) {
                throw new InboundRejectedException("INVALID_FIELD", "an attachment needs content or url", at);
            }
            attachments.add(new Attachment(name, type == null ? "application/octet-stream" : type, bytes, url));
        }
        return attachments;
    }

    private static String requiredText(JsonObject json, String name, String field, int max) {
        String text = optionalText(json, name, field, max);
        if (text == null || text.isBlank()) {
            throw new InboundRejectedException("MISSING_FIELD", field + " is required", field);
        }
        return text;
    }

    private static String optionalText(JsonObject json, String name, String field, int max) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.NUMBER) {
            return value.toString();
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new InboundRejectedException("INVALID_FIELD", field + " must be a string", field);
        }
        String text = ((JsonString) value).getString();
        if (text.length() > max) {
            throw new InboundRejectedException("INVALID_FIELD", field + " may have at most " + max + " characters",
                    field);
        }
        return text;
    }
}
