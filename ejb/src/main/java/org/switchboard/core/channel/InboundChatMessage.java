package org.switchboard.core.channel;

import jakarta.json.JsonException;
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
 * message, unique per channel: the idempotency key.
 */
public record InboundChatMessage(long channelId, String messageId, String senderId, String senderName, String text,
        OffsetDateTime sentAt, List<Attachment> attachments) {

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
        if (channel == null || channel.getValueType() != JsonValue.ValueType.NUMBER) {
            throw new InboundRejectedException("MISSING_FIELD", "channelId (a number) is required");
        }
        String messageId = requiredText(json, "messageId", ChatMessage.PROVIDER_ID_MAX);
        JsonValue sender = json.get("sender");
        if (sender == null || sender.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InboundRejectedException("MISSING_FIELD", "sender (an object with id and name) is required");
        }
        String senderId = requiredText(sender.asJsonObject(), "id", ContactIdentity.EXTERNAL_ID_MAX);
        String senderName = optionalText(sender.asJsonObject(), "name", ContactIdentity.DISPLAY_NAME_MAX);
        String text = optionalText(json, "text", ChatMessage.BODY_MAX);
        OffsetDateTime sentAt = null;
        String sent = optionalText(json, "sentAt", 40);
        if (sent != null) {
            try {
                sentAt = OffsetDateTime.parse(sent);
            } catch (DateTimeParseException e) {
                throw new InboundRejectedException("INVALID_FIELD", "sentAt must be an ISO-8601 instant");
            }
        }
        List<Attachment> attachments = attachments(json);
        if ((text == null || text.isBlank()) && attachments.isEmpty()) {
            throw new InboundRejectedException("EMPTY_MESSAGE", "A message needs a text or an attachment");
        }
        return new InboundChatMessage(json.getJsonNumber("channelId").longValue(), messageId, senderId, senderName,
                text, sentAt, attachments);
    }

    private static List<Attachment> attachments(JsonObject json) {
        JsonValue value = json.get("attachments");
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InboundRejectedException("INVALID_FIELD", "attachments must be an array");
        }
        List<Attachment> attachments = new ArrayList<>();
        for (JsonValue item : value.asJsonArray()) {
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InboundRejectedException("INVALID_FIELD", "each attachment must be an object");
            }
            JsonObject file = item.asJsonObject();
            String name = requiredText(file, "fileName", ChatAttachment.FILE_NAME_MAX);
            String type = optionalText(file, "contentType", ChatAttachment.CONTENT_TYPE_MAX);
            String url = optionalText(file, "url", ChatAttachment.URL_MAX);
            String content = optionalText(file, "content", Integer.MAX_VALUE);
            byte[] bytes = null;
            if (content != null) {
                try {
                    bytes = Base64.getDecoder().decode(content);
                } catch (IllegalArgumentException e) {
                    throw new InboundRejectedException("INVALID_FIELD", "attachment content must be Base64");
                }
                if (bytes.length > INLINE_MAX_BYTES) {
                    throw new InboundRejectedException("INVALID_FIELD", "an inline attachment may have at most "
                            + INLINE_MAX_BYTES + " bytes; give a url instead");
                }
            }
            if (bytes == null && url == null) {
                throw new InboundRejectedException("INVALID_FIELD", "an attachment needs content or url");
            }
            attachments.add(new Attachment(name, type == null ? "application/octet-stream" : type, bytes, url));
        }
        return attachments;
    }

    private static String requiredText(JsonObject json, String name, int max) {
        String text = optionalText(json, name, max);
        if (text == null || text.isBlank()) {
            throw new InboundRejectedException("MISSING_FIELD", name + " is required");
        }
        return text;
    }

    private static String optionalText(JsonObject json, String name, int max) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.NUMBER) {
            return value.toString();
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new InboundRejectedException("INVALID_FIELD", name + " must be a string");
        }
        String text = ((JsonString) value).getString();
        if (text.length() > max) {
            throw new InboundRejectedException("INVALID_FIELD", name + " may have at most " + max + " characters");
        }
        return text;
    }
}
