package org.switchboard.core.channel.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.channel.DeliveryReceipt;
import org.switchboard.core.channel.InboundChatMessage;
import org.switchboard.core.inbound.InboundRejectedException;
import org.switchboard.model.chat.DeliveryStatus;

/**
 * {@link WhatsAppWebhooks} with the form parameters Twilio documents for its incoming-message webhook and its status
 * callbacks; every result must be accepted by the inbound queue's own parsers.
 */
class WhatsAppWebhooksTest {

    private static final long CHANNEL = 3;
    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String MESSAGE_SID = "SM1f0c2c4ee2e1a2a3b4c5d6e7f8a9b0c1";
    private static final String MEDIA_URL = "https://api.twilio.com/2010-04-01/Accounts/" + ACCOUNT
            + "/Messages/MM800f449d0399ed014aae2bcc0cc2f2ec/Media/ME279c8f3b1a0d4fbd9e0d2f6d1c2b3a4f";
    private static final String WEBHOOK = "https://switchboard.example.com/hooks/whatsapp/3";

    /** An incoming WhatsApp text message's form as Twilio posts it, changed by {@code changes} (null removes). */
    private static Map<String, String> incoming(String... changes) {
        Map<String, String> form = new HashMap<>(Map.ofEntries(
                Map.entry("SmsMessageSid", MESSAGE_SID), Map.entry("NumMedia", "0"),
                Map.entry("ProfileName", "Ann Lee"), Map.entry("MessageType", "text"),
                Map.entry("SmsSid", MESSAGE_SID), Map.entry("WaId", "15551234567"),
                Map.entry("SmsStatus", "received"), Map.entry("Body", "Hello, where is my order?"),
                Map.entry("To", "whatsapp:+14155238886"), Map.entry("NumSegments", "1"),
                Map.entry("ReferralNumMedia", "0"), Map.entry("MessageSid", MESSAGE_SID),
                Map.entry("AccountSid", ACCOUNT), Map.entry("From", "whatsapp:+15551234567"),
                Map.entry("ApiVersion", "2010-04-01")));
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                form.remove(changes[i]);
            } else {
                form.put(changes[i], changes[i + 1]);
            }
        }
        return form;
    }

    private static InboundChatMessage inbound(Map<String, String> form) {
        return InboundChatMessage.parse(WhatsAppWebhooks.toInbound(CHANNEL, form).toString());
    }

    /** A status callback's form as Twilio posts it for a WhatsApp message. */
    private static Map<String, String> status(String status, String errorCode) {
        Map<String, String> form = new HashMap<>(Map.of("MessageStatus", status, "MessageSid", MESSAGE_SID,
                "SmsSid", MESSAGE_SID, "SmsStatus", status, "AccountSid", ACCOUNT, "From", "whatsapp:+14155238886",
                "To", "whatsapp:+15551234567", "ChannelPrefix", "whatsapp", "ChannelToAddress", "+15551234567",
                "ApiVersion", "2010-04-01"));
        if (errorCode != null) {
            form.put("ErrorCode", errorCode);
        }
        return form;
    }

    private static DeliveryReceipt receipt(Map<String, String> form) {
        return DeliveryReceipt.parse(WhatsAppWebhooks.receipt(CHANNEL, 901, form).toString());
    }

    // --- incoming messages ------------------------------------------------------------------------------------------

    @Test
    @DisplayName("WA-02: a text message: MessageSid is the id, the sender is the number without 'whatsapp:', named")
    void text() {
        assertEquals(new InboundChatMessage(CHANNEL, MESSAGE_SID, "+15551234567", "Ann Lee",
                "Hello, where is my order?", null, List.of()), inbound(incoming()));
    }

    @Test
    @DisplayName("WA-02: media become attachments with Twilio's URL, its type and a matching extension")
    void media() {
        InboundChatMessage message = inbound(incoming("MessageType", "image", "Body", "", "NumMedia", "2",
                "MediaContentType0", "image/jpeg", "MediaUrl0", MEDIA_URL,
                "MediaContentType1", "application/pdf", "MediaUrl1", MEDIA_URL + "0"));

        assertNull(message.text());
        assertEquals(2, message.attachments().size());
        InboundChatMessage.Attachment photo = message.attachments().get(0);
        assertEquals(List.of("ME279c8f3b1a0d4fbd9e0d2f6d1c2b3a4f.jpg", "image/jpeg", MEDIA_URL),
                List.of(photo.fileName(), photo.contentType(), photo.url()));
        InboundChatMessage.Attachment pdf = message.attachments().get(1);
        assertEquals(List.of("ME279c8f3b1a0d4fbd9e0d2f6d1c2b3a4f0.pdf", "application/pdf", MEDIA_URL + "0"),
                List.of(pdf.fileName(), pdf.contentType(), pdf.url()));
    }

    @Test
    @DisplayName("WA-02: a caption comes with its media as the text")
    void mediaWithCaption() {
        InboundChatMessage message = inbound(incoming("MessageType", "audio", "Body", "Listen", "NumMedia", "1",
                "MediaContentType0", "audio/ogg", "MediaUrl0", MEDIA_URL));

        assertEquals("Listen", message.text());
        assertEquals("ME279c8f3b1a0d4fbd9e0d2f6d1c2b3a4f.ogg", message.attachments().get(0).fileName());
    }

    @Test
    @DisplayName("WA-02: a shared location becomes a text with its coordinates")
    void location() {
        InboundChatMessage message = inbound(incoming("MessageType", "location", "Body", "", "Latitude", "37.7749",
                "Longitude", "-122.4194", "Address", "1 Market St, San Francisco", "Label", "Office"));

        assertEquals("[Location 37.7749, -122.4194]", message.text());
    }

    @Test
    @DisplayName("WA-02: a message with neither text nor media becomes a descriptive text, not a rejection")
    void empty() {
        InboundChatMessage message = inbound(incoming("MessageType", "unsupported", "Body", ""));

        assertEquals("[A WhatsApp message of a kind Switchboard does not show]", message.text());
    }

    @Test
    @DisplayName("WA-02: a form without MessageSid is rejected as MISSING_FIELD")
    void missingSid() {
        InboundRejectedException e = assertThrows(InboundRejectedException.class,
                () -> WhatsAppWebhooks.toInbound(CHANNEL, incoming("MessageSid", null)));

        assertEquals("MISSING_FIELD", e.reasonCode());
        assertTrue(e.getMessage().contains("MessageSid"), e.getMessage());
    }

    // --- status callbacks -------------------------------------------------------------------------------------------

    @Test
    @DisplayName("WA-02: status callbacks sent, delivered and read become receipts of that status")
    void receipts() {
        assertEquals(new DeliveryReceipt(CHANNEL, 901, MESSAGE_SID, DeliveryStatus.SENT, null),
                receipt(status("sent", null)));
        assertEquals(new DeliveryReceipt(CHANNEL, 901, MESSAGE_SID, DeliveryStatus.DELIVERED, null),
                receipt(status("delivered", null)));
        assertEquals(new DeliveryReceipt(CHANNEL, 901, MESSAGE_SID, DeliveryStatus.READ, null),
                receipt(status("read", null)));
    }

    @Test
    @DisplayName("WA-02: failed with ErrorCode 63016 is a FAILED receipt explaining the closed 24-hour window")
    void failed() {
        assertEquals(new DeliveryReceipt(CHANNEL, 901, MESSAGE_SID, DeliveryStatus.FAILED,
                TwilioErrors.describe(63016, "unused")), receipt(status("failed", "63016")));
        assertTrue(receipt(status("failed", "63016")).error().startsWith("Twilio error 63016: the 24-hour window"));
        assertEquals("Twilio error 30007: the message was undelivered",
                receipt(status("undelivered", "30007")).error());
        assertEquals("Twilio: the message was failed", receipt(status("failed", null)).error());
    }

    @Test
    @DisplayName("WA-02: queued, accepted and sending change nothing shown: no receipt")
    void interimStatuses() {
        for (String interim : List.of("queued", "accepted", "sending")) {
            assertNull(WhatsAppWebhooks.receipt(CHANNEL, 901, status(interim, null)), interim);
        }
    }

    // --- media URLs -------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("WA-03: a reply file's URL is signed: deterministic, different per attachment and per Auth Token")
    void mediaUrl() {
        String signature = WhatsAppWebhooks.mediaSignature("auth-token-0123", 55);

        // HMAC-SHA256 of "media:55" by the token, computed independently (Python's hmac module).
        assertEquals("ef14f8174602bf7756ae1a1136352a822fa027762b4584e5aaa5629d863ebf57", signature);
        assertEquals(signature, WhatsAppWebhooks.mediaSignature("auth-token-0123", 55));
        assertNotEquals(signature, WhatsAppWebhooks.mediaSignature("auth-token-0123", 56));
        assertNotEquals(signature, WhatsAppWebhooks.mediaSignature("auth-token-0124", 55));
        assertEquals(WEBHOOK + "/media/55/" + signature, WhatsAppWebhooks.mediaUrl(WEBHOOK, "auth-token-0123", 55));
        assertEquals(WEBHOOK + "/status/901", WhatsAppWebhooks.statusUrl(WEBHOOK, 901));
    }
}
