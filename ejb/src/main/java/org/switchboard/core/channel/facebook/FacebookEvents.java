package org.switchboard.core.channel.facebook;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLConnection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.switchboard.core.channel.BotHandover;
import org.switchboard.core.common.Jsons;

/**
 * Maps one item of a Messenger webhook's {@code entry[].messaging[]} to Switchboard's inbound chat message (FB-02,
 * The message's id is Messenger's {@code mid}, which Meta repeats when it redelivers: the idempotency key. The
 * sender is the customer's page-scoped id (PSID), where replies go. Images, videos, audio and files are referenced as
 * {@code facebook:<url>} and fetched once stored (Messenger's attachment URLs expire); stickers arrive as their image,
 * locations and shared links as a short text, postbacks (a tapped button) as the button's title. The page's own
 * messages (echoes) and the events that are not messages are not mapped.
 */
public final class FacebookEvents {

    /** The scheme of an attachment's source that {@link FacebookAdapter#fetchFile} downloads. */
    public static final String FILE_SCHEME = "facebook:";

    private FacebookEvents() {
    }

    /** The inbound message of a messaging item, or empty for one that is not a customer's message. */
    public static Optional<JsonObject> toInbound(long channelId, JsonObject item) {
        String sender = id(item.get("sender"));
        if (sender == null) {
            return Optional.empty();
        }
        JsonObjectBuilder inbound = Jsons.object().add("channelId", channelId).add("sender",
                Jsons.object().add("id", sender));
        if (item.get("timestamp") instanceof JsonNumber timestamp) {
            inbound.add("sentAt", Instant.ofEpochMilli(timestamp.longValue()).atOffset(ZoneOffset.UTC).toString());
        }
        if (item.get("message") instanceof JsonObject message) {
            if (message.getBoolean("is_echo", false) || !(message.get("mid") instanceof JsonString mid)) {
                return Optional.empty();
            }
            return Optional.of(message(inbound.add("messageId", mid.getString()), message));
        }
        if (item.get("postback") instanceof JsonObject postback) {
            String mid = postback.get("mid") instanceof JsonString value ? value.getString()
                    : "postback:" + sender + ":" + item.getJsonNumber("timestamp");
            String title = postback.getString("title", "");
            String text = !title.isBlank() ? title : postback.getString("payload", "[A button was tapped]");
            return Optional.of(inbound.add("messageId", mid).add("text", text).add("attachments", Jsons.array())
                    .build());
        }
        return Optional.empty();
    }

    /**
     * A customer's message that arrived on {@code standby} while the channel's external bot holds the conversation
     * (FB-05): the same message, marked for a bot dialog.
     */
    public static JsonObject asBotDialog(JsonObject inbound) {
        return Jsons.object(inbound).add("botDialog", true).build();
    }

    /**
     * The handover of a {@code messaging_handovers} item (FB-05): a {@code pass_thread_control} whose new owner is not
     * the channel's bot hands the conversation to Switchboard (the page's other app). Empty for any other item: one
     * to the bot (Switchboard's own pass back, or the bot keeping it), {@code take_thread_control} (the bot took the
     * conversation back: the operator's chat stays as it is) and {@code request_thread_control} (Switchboard hands a
     * conversation back when its chat is finished, not on request).
     */
    public static Optional<BotHandover> toHandover(long channelId, JsonObject item, String botAppId) {
        String customer = id(item.get("sender"));
        if (customer == null || !(item.get("pass_thread_control") instanceof JsonObject pass)) {
            return Optional.empty();
        }
        JsonValue owner = pass.get("new_owner_app_id");
        String newOwner = owner instanceof JsonString text ? text.getString()
                : owner instanceof JsonNumber number ? number.toString() : null;
        if (newOwner == null || newOwner.equals(botAppId)) {
            return Optional.empty();
        }
        String key = item.get("timestamp") instanceof JsonNumber timestamp ? timestamp.toString() : newOwner;
        return Optional.of(new BotHandover(channelId, customer, key));
    }

    /**
     * The delivery receipts of a {@code delivery} or {@code read} item (issue 19 item 4): each delivered {@code mid}
     * by Messenger's id; a read, or a delivery without mids, as a watermark for the customer (every message to them up
     * to that moment). Empty for other items.
     */
    public static List<JsonObject> toReceipts(long channelId, JsonObject item) {
        String customer = id(item.get("sender"));
        List<JsonObject> receipts = new ArrayList<>();
        if (customer == null) {
            return receipts;
        }
        if (item.get("delivery") instanceof JsonObject delivery) {
            if (delivery.get("mids") instanceof JsonArray mids && !mids.isEmpty()) {
                for (JsonValue mid : mids) {
                    if (mid instanceof JsonString value) {
                        receipts.add(Jsons.object().add("channelId", channelId).add("status", "DELIVERED")
                                .add("providerMessageId", value.getString()).build());
                    }
                }
            } else if (delivery.get("watermark") instanceof JsonNumber watermark) {
                receipts.add(watermark(channelId, customer, "DELIVERED", watermark));
            }
        }
        if (item.get("read") instanceof JsonObject read && read.get("watermark") instanceof JsonNumber watermark) {
            receipts.add(watermark(channelId, customer, "READ", watermark));
        }
        return receipts;
    }

    private static JsonObject watermark(long channelId, String customer, String status, JsonNumber millis) {
        return Jsons.object().add("channelId", channelId).add("status", status).add("recipient", customer)
                .add("upTo", Instant.ofEpochMilli(millis.longValue()).atOffset(ZoneOffset.UTC).toString()).build();
    }

    private static JsonObject message(JsonObjectBuilder inbound, JsonObject message) {
        StringBuilder text = new StringBuilder(message.getString("text", ""));
        var files = Jsons.array();
        int index = 0;
        JsonArray attachments = message.get("attachments") instanceof JsonArray array ? array
                : JsonValue.EMPTY_JSON_ARRAY;
        for (JsonValue value : attachments) {
            if (!(value instanceof JsonObject attachment)) {
                continue;
            }
            index++;
            String type = attachment.getString("type", "file");
            JsonObject payload = attachment.get("payload") instanceof JsonObject p ? p : JsonValue.EMPTY_JSON_OBJECT;
            String url = payload.getString("url", null);
            switch (type) {
                case "image", "video", "audio", "file" -> {
                    if (url != null) {
                        String named = nameInUrl(url);
                        String name = named != null ? named : madeUpName(type, index);
                        files.add(Jsons.object().add("fileName", name).add("contentType", contentType(named, type))
                                .add("url", FILE_SCHEME + url));
                    }
                    if (payload.containsKey("sticker_id")) {
                        append(text, "[Sticker]");
                    }
                }
                case "location" -> {
                    JsonObject at = payload.get("coordinates") instanceof JsonObject c ? c
                            : JsonValue.EMPTY_JSON_OBJECT;
                    append(text, "[Location " + at.get("lat") + ", " + at.get("long") + "]");
                }
                case "fallback" -> append(text, "[Link " + attachment.getString("title", "") + " " + (url == null
                        ? "" : url) + "]");
                default -> append(text, "[" + type + " message that Switchboard does not show]");
            }
        }
        JsonArray fileList = files.build();
        if (text.isEmpty() && fileList.isEmpty()) {
            text.append("[A Messenger message of a kind Switchboard does not show]");
        }
        if (!text.isEmpty()) {
            inbound.add("text", text.toString().strip());
        }
        return inbound.add("attachments", fileList).build();
    }

    private static void append(StringBuilder text, String line) {
        if (!text.isEmpty()) {
            text.append('\n');
        }
        text.append(line.strip());
    }

    /** The idempotency key {@link #toInbound} gives the message. */
    public static String key(JsonObject inbound) {
        return inbound.getString("messageId");
    }

    private static String id(JsonValue party) {
        if (party instanceof JsonObject object) {
            JsonValue id = object.get("id");
            if (id instanceof JsonString string && !string.getString().isBlank()) {
                return string.getString();
            }
            if (id instanceof JsonNumber number) {
                return number.toString();
            }
        }
        return null;
    }

    /** The file's name in its URL when it has one with a suffix (Facebook's CDN keeps it); null otherwise. */
    static String nameInUrl(String url) {
        try {
            String path = URI.create(url).getPath();
            String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
            return last.matches("[^/]{1,200}\\.[A-Za-z0-9]{1,8}") ? last : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String madeUpName(String type, int index) {
        return type + "-" + index + switch (type) {
            case "image" -> ".jpg";
            case "video" -> ".mp4";
            case "audio" -> ".mp4";
            default -> ".bin";
        };
    }

    /** By the file's name when it tells (Messenger's images are JPEG, PNG or GIF), else by the attachment's kind. */
    private static String contentType(String fileName, String type) {
        String byName = fileName == null ? null : URLConnection.guessContentTypeFromName(fileName);
        if (byName != null) {
            return byName;
        }
        return switch (type) {
            case "image" -> "image/jpeg";
            case "video" -> "video/mp4";
            case "audio" -> "audio/mp4";
            default -> "application/octet-stream";
        };
    }
}
