package org.switchboard.core.channel.whatsapp;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;
import org.switchboard.core.channel.ChannelFile;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.inbound.InboundRejectedException;

/**
 * Maps Twilio's webhook forms to Switchboard's inbound formats (WA-02): an incoming WhatsApp message (its
 * {@code MessageSid} is the idempotency key, its media are fetched from {@code MediaUrl<n>} with the account's
 * credentials once it is stored) and a status callback (queued, sent, delivered, read, undelivered or failed with
 * {@code ErrorCode}) for one of Switchboard's messages.
 */
public final class WhatsAppWebhooks {

    /** Twilio's media are at most 10 per message. */
    private static final int MEDIA_MAX = 10;

    private WhatsAppWebhooks() {
    }

    /** The status callback URL of Switchboard's message {@code messageId} under the channel's webhook URL. */
    public static String statusUrl(String webhookUrl, long messageId) {
        return webhookUrl + "/status/" + messageId;
    }

    /**
     * The URL Twilio fetches a reply's file from (WA-03): under the channel's webhook URL, with a signature of the
     * attachment's id by the account's Auth Token, so that only Twilio (and whoever it shows the URL) can read it.
     */
    public static String mediaUrl(String webhookUrl, String authToken, long attachmentId) {
        return webhookUrl + "/media/" + attachmentId + "/" + mediaSignature(authToken, attachmentId);
    }

    /** The signature of {@link #mediaUrl}: hex HMAC-SHA256 of "media:" and the id, by the Auth Token. */
    public static String mediaSignature(String authToken, long attachmentId) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    authToken.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(("media:" + attachmentId)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The {@code InboundChatMessage} of an incoming message's form. */
    public static JsonObject toInbound(long channelId, Map<String, String> form) {
        String sid = required(form, "MessageSid");
        String from = required(form, "From");
        String sender = from.startsWith("whatsapp:") ? from.substring("whatsapp:".length()) : from;
        JsonObjectBuilder senderJson = Jsons.object().add("id", sender);
        String name = form.get("ProfileName");
        if (name != null && !name.isBlank()) {
            senderJson.add("name", name.strip());
        }
        JsonArrayBuilder files = Jsons.array();
        int media = count(form.get("NumMedia"));
        for (int i = 0; i < Math.min(media, MEDIA_MAX); i++) {
            String url = form.get("MediaUrl" + i);
            if (url == null || url.isBlank()) {
                continue;
            }
            String type = form.getOrDefault("MediaContentType" + i, "application/octet-stream");
            String last = url.substring(url.lastIndexOf('/') + 1);
            files.add(Jsons.object().add("fileName", last + ChannelFile.suffixFor(type)).add("contentType", type)
                    .add("url", url));
        }
        var attachments = files.build();
        String text = form.get("Body");
        if ((text == null || text.isBlank()) && form.get("Latitude") != null) {
            text = "[Location " + form.get("Latitude") + ", " + form.get("Longitude") + "]";
        }
        if ((text == null || text.isBlank()) && attachments.isEmpty()) {
            text = "[A WhatsApp message of a kind Switchboard does not show]";
        }
        JsonObjectBuilder inbound = Jsons.object().add("channelId", channelId).add("messageId", sid)
                .add("sender", senderJson).add("attachments", attachments);
        if (text != null && !text.isBlank()) {
            inbound.add("text", text);
        }
        return inbound.build();
    }

    /**
     * The {@code DeliveryReceipt} of a status callback, or null for a status that changes nothing shown (queued,
     * accepted, sending: the message is already "sent" once Twilio took it).
     */
    public static JsonObject receipt(long channelId, long messageId, Map<String, String> form) {
        String status = required(form, "MessageStatus");
        String mapped = switch (status) {
            case "sent" -> "SENT";
            case "delivered" -> "DELIVERED";
            case "read" -> "READ";
            case "failed", "undelivered" -> "FAILED";
            default -> null;
        };
        if (mapped == null) {
            return null;
        }
        JsonObjectBuilder receipt = Jsons.object().add("channelId", channelId).add("messageId", messageId)
                .add("providerMessageId", required(form, "MessageSid")).add("status", mapped);
        if ("FAILED".equals(mapped)) {
            int code = count(form.get("ErrorCode"));
            receipt.add("error", code > 0 ? TwilioErrors.describe(code, "Twilio error " + code + ": the message was " + status)
                    : "Twilio: the message was " + status);
        }
        return receipt.build();
    }

    private static String required(Map<String, String> form, String name) {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            throw new InboundRejectedException("MISSING_FIELD", name + " is required");
        }
        return value.strip();
    }

    private static int count(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

}
