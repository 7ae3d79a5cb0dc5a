package org.switchboard.core.channel.telegram;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.switchboard.core.channel.ChannelFile;
import org.switchboard.core.channel.InboundChatMessage;
import org.switchboard.core.common.Jsons;

/**
 * Maps a Bot API {@code Update} to Switchboard's inbound chat message (TG-*, X-03). The message's id is
 * {@code chat_id:message_id}, Telegram's own identity of a message, which a redelivered update repeats: the idempotency
 * key. The sender is the chat (where replies go), named after the person who wrote. Files are referenced as
 * {@code telegram:<file_id>} and downloaded through {@code getFile} once stored (see
 * {@code ChannelFilePrefetch}). Kinds of message without text
 * or a file (stickers, locations, contacts, polls…) arrive as a short text saying what they were, so nothing a customer
 * sends disappears unseen.
 */
public final class TelegramUpdates {

    /** The scheme of an attachment's source that Telegram's {@code getFile} resolves. */
    public static final String FILE_SCHEME = "telegram:";
    private static final List<String> KNOWN_OTHER = List.of("sticker", "animation", "video_note", "location",
            "venue", "contact", "poll", "dice", "game", "story");

    private TelegramUpdates() {
    }

    /** The inbound message of an update, or empty for an update that is not a new message (edits, member changes…). */
    public static Optional<JsonObject> toInbound(long channelId, JsonObject update) {
        if (!(update.get("message") instanceof JsonObject message) || !(message.get("chat") instanceof JsonObject chat)
                || !(chat.get("id") instanceof JsonNumber chatId)
                || !(message.get("message_id") instanceof JsonNumber messageId)) {
            return Optional.empty();
        }
        JsonObjectBuilder sender = Jsons.object().add("id", chatId.toString());
        String name = name(message.get("from") instanceof JsonObject from ? from : chat);
        if (name != null) {
            sender.add("name", name);
        }
        JsonObjectBuilder inbound = Jsons.object().add("channelId", channelId)
                .add("messageId", chatId + ":" + messageId).add("sender", sender);
        if (message.get("date") instanceof JsonNumber date) {
            inbound.add("sentAt", Instant.ofEpochSecond(date.longValue()).atOffset(ZoneOffset.UTC).toString());
        }
        String text = message.getString("text", message.getString("caption", null));
        var files = Jsons.array();
        if (message.get("photo") instanceof JsonArray sizes && !sizes.isEmpty()
                && sizes.get(sizes.size() - 1) instanceof JsonObject largest) {
            files.add(file(largest, "photo-" + messageId + ".jpg", "image/jpeg"));
        }
        for (String kind : List.of("document", "voice", "video", "audio")) {
            if (message.get(kind) instanceof JsonObject file) {
                String type = file.getString("mime_type", defaultType(kind));
                String made = kind + "-" + messageId + ChannelFile.suffixFor(type);
                files.add(file(file, file.getString("file_name", made), type));
            }
        }
        JsonArray attachments = files.build();
        if ((text == null || text.isBlank()) && attachments.isEmpty()) {
            text = describeOther(message);
        }
        if (text != null) {
            inbound.add("text", text);
        }
        return Optional.of(inbound.add("attachments", attachments).build());
    }

    /** The idempotency key {@link #toInbound} gives the update's message, for the webhook's answer and its log. */
    public static String key(JsonObject inbound) {
        return inbound.getString("messageId");
    }

    private static JsonObject file(JsonObject file, String fileName, String contentType) {
        return Jsons.object().add("fileName", fileName).add("contentType", contentType)
                .add("url", FILE_SCHEME + file.getString("file_id")).build();
    }

    private static String name(JsonObject person) {
        String first = person.getString("first_name", "");
        String last = person.getString("last_name", "");
        String full = (first + " " + last).strip();
        if (full.isEmpty()) {
            full = person.getString("title", person.getString("username", ""));
        }
        return full.isEmpty() ? null : full;
    }

    private static String describeOther(JsonObject message) {
        if (message.get("sticker") instanceof JsonObject sticker) {
            return ("[Sticker " + sticker.getString("emoji", "")).strip() + "]";
        }
        if (message.get("venue") instanceof JsonObject venue) {
            return ("[Venue " + venue.getString("title", "") + ", " + venue.getString("address", "")).strip() + "]";
        }
        if (message.get("location") instanceof JsonObject location) {
            return "[Location " + location.get("latitude") + ", " + location.get("longitude") + "]";
        }
        if (message.get("contact") instanceof JsonObject contact) {
            return "[Contact " + (contact.getString("first_name", "") + " " + contact.getString("last_name", ""))
                    .strip() + " " + contact.getString("phone_number", "") + "]";
        }
        for (String kind : KNOWN_OTHER) {
            if (message.containsKey(kind) && message.get(kind) != JsonValue.NULL) {
                return "[" + kind.replace('_', ' ') + " message that Switchboard does not show]";
            }
        }
        return "[A Telegram message of a kind Switchboard does not show]";
    }

    private static String defaultType(String kind) {
        return switch (kind) {
            case "voice" -> "audio/ogg";
            case "video" -> "video/mp4";
            case "audio" -> "audio/mpeg";
            default -> "application/octet-stream";
        };
    }

}
