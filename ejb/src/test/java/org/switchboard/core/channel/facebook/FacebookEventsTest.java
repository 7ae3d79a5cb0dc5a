package org.switchboard.core.channel.facebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.channel.BotHandover;
import org.switchboard.core.channel.DeliveryReceipt;
import org.switchboard.core.channel.InboundChatMessage;
import org.switchboard.model.chat.DeliveryStatus;

/**
 * FB-02: Messenger's webhook items, as Meta's Messenger Platform reference shows them, become Switchboard's inbound
 * chat message; the webhook's signature is Meta's {@code sha256=} HMAC of the raw body under the app secret.
 */
class FacebookEventsTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static InboundChatMessage inbound(String item) {
        return InboundChatMessage.of(FacebookEvents.toInbound(42, json(item)).orElseThrow());
    }

    @Test
    @DisplayName("FB-02: a text message keeps its mid (the idempotency key), the sender's PSID and its time")
    void text() {
        InboundChatMessage message = inbound("""
                {"sender":{"id":"6789012345"},"recipient":{"id":"1001"},"timestamp":1765000000123,
                 "message":{"mid":"m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM","text":"Where is my order?"}}""");
        assertEquals(42, message.channelId());
        assertEquals("m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM", message.messageId());
        assertEquals("6789012345", message.senderId());
        assertEquals("Where is my order?", message.text());
        assertEquals("2025-12-06T05:46:40.123Z", message.sentAt().toString());
        assertTrue(message.attachments().isEmpty());
    }

    @Test
    @DisplayName("FB-02: images, files, audio and video are referenced for fetching; a sticker says it is one")
    void attachments() {
        InboundChatMessage message = inbound("""
                {"sender":{"id":"678"},"recipient":{"id":"1001"},"timestamp":1765000000000,
                 "message":{"mid":"m_1","attachments":[
                   {"type":"image","payload":{"url":"https://scontent.xx.fbcdn.net/v/t1.15752-9/4711_n.png?_nc_cat=1"}},
                   {"type":"file","payload":{"url":"https://cdn.fbsbx.com/v/t59.2708-21/invoice.pdf?_nc_cat=2"}},
                   {"type":"audio","payload":{"url":"https://cdn.fbsbx.com/v/t59.3654-21/audioclip-1765"}},
                   {"type":"image","payload":{"url":"https://scontent.xx.fbcdn.net/v/t39.1997-6/369239263.png",
                     "sticker_id":369239263222822}}]}}""");
        assertEquals(4, message.attachments().size());
        assertEquals("4711_n.png", message.attachments().get(0).fileName());
        assertEquals("image/png", message.attachments().get(0).contentType());
        assertEquals("application/pdf", message.attachments().get(1).contentType());
        assertEquals("facebook:https://scontent.xx.fbcdn.net/v/t1.15752-9/4711_n.png?_nc_cat=1",
                message.attachments().get(0).url());
        assertEquals("invoice.pdf", message.attachments().get(1).fileName());
        assertEquals("audio-3.mp4", message.attachments().get(2).fileName());
        assertEquals("audio/mp4", message.attachments().get(2).contentType());
        assertEquals("[Sticker]", message.text());
    }

    @Test
    @DisplayName("FB-02: a location and a shared link arrive as a text saying what they were")
    void locationAndLink() {
        InboundChatMessage location = inbound("""
                {"sender":{"id":"678"},"recipient":{"id":"1001"},"timestamp":1765000000000,
                 "message":{"mid":"m_2","attachments":[{"type":"location","title":"Pinned Location",
                   "payload":{"coordinates":{"lat":52.3676,"long":4.9041}}}]}}""");
        assertEquals("[Location 52.3676, 4.9041]", location.text());
        InboundChatMessage link = inbound("""
                {"sender":{"id":"678"},"recipient":{"id":"1001"},"timestamp":1765000000000,
                 "message":{"mid":"m_3","text":"look","attachments":[{"type":"fallback","title":"Our shop",
                   "payload":{"url":"https://shop.example.com/"}}]}}""");
        assertEquals("look\n[Link Our shop https://shop.example.com/]", link.text());
    }

    @Test
    @DisplayName("FB-02: a postback (a tapped button) arrives as the button's title")
    void postback() {
        InboundChatMessage message = inbound("""
                {"sender":{"id":"678"},"recipient":{"id":"1001"},"timestamp":1765000000000,
                 "postback":{"title":"Talk to a person","payload":"HUMAN","mid":"m_pb1"}}""");
        assertEquals("m_pb1", message.messageId());
        assertEquals("Talk to a person", message.text());
    }

    @Test
    @DisplayName("FB-02: the page's own messages (echoes), deliveries and reads are not customers' messages")
    void notMessages() {
        assertTrue(FacebookEvents.toInbound(42, json("""
                {"sender":{"id":"1001"},"recipient":{"id":"678"},"timestamp":1765000000000,
                 "message":{"is_echo":true,"app_id":1517776481860111,"mid":"m_echo","text":"Hi"}}""")).isEmpty());
        assertTrue(FacebookEvents.toInbound(42, json("""
                {"sender":{"id":"678"},"recipient":{"id":"1001"},"timestamp":1765000000000,
                 "delivery":{"mids":["m_1"],"watermark":1765000000000}}""")).isEmpty());
        assertTrue(FacebookEvents.toInbound(42, json("""
                {"sender":{"id":"678"},"recipient":{"id":"1001"},"read":{"watermark":1765000000000}}""")).isEmpty());
    }

    @Test
    @DisplayName("FB-02 CH-12: a delivery names Messenger's mids; a read (or a delivery without mids) is a watermark "
            + "for the customer; both parse as DeliveryReceipts; a FAILED watermark is refused")
    void receipts() {
        List<DeliveryReceipt> delivered = FacebookEvents.toReceipts(42, json("""
                {"sender":{"id":"678"},"recipient":{"id":"1001"},
                 "delivery":{"mids":["m_a","m_b"],"watermark":1765000000000}}""")).stream()
                .map(r -> DeliveryReceipt.parse(r.toString())).toList();
        assertEquals(List.of(new DeliveryReceipt(42, 0, "m_a", DeliveryStatus.DELIVERED, null),
                new DeliveryReceipt(42, 0, "m_b", DeliveryStatus.DELIVERED, null)), delivered);
        assertEquals("m_b", delivered.get(1).key());

        List<DeliveryReceipt> read = FacebookEvents.toReceipts(42, json("""
                {"sender":{"id":"678"},"recipient":{"id":"1001"},"timestamp":1765000000999,
                 "read":{"watermark":1765000000500}}""")).stream().map(r -> DeliveryReceipt.parse(r.toString()))
                .toList();
        assertEquals(1, read.size());
        assertTrue(read.get(0).watermark());
        assertEquals("678", read.get(0).recipient());
        assertEquals(DeliveryStatus.READ, read.get(0).status());
        assertEquals("2025-12-06T05:46:40.500Z", read.get(0).upTo().toString());

        org.switchboard.core.inbound.InboundRejectedException failedWatermark = org.junit.jupiter.api.Assertions
                .assertThrows(org.switchboard.core.inbound.InboundRejectedException.class, () -> DeliveryReceipt.parse(
                        "{\"channelId\":42,\"status\":\"FAILED\",\"recipient\":\"678\","
                                + "\"upTo\":\"2026-12-07T10:00:00Z\"}"));
        assertTrue(failedWatermark.getMessage().contains("DELIVERED or READ"), failedWatermark::getMessage);

        assertTrue(FacebookEvents.toReceipts(42, json("""
                {"sender":{"id":"678"},"recipient":{"id":"1001"},"timestamp":1,
                 "message":{"mid":"m_1","text":"hi"}}""")).isEmpty());
    }

    @Test
    @DisplayName("FB-02: X-Hub-Signature-256 is sha256= and the hex HMAC-SHA256 of the raw bytes under the app secret")
    void signature() {
        byte[] body = "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        String good = "sha256=" + HexFormat.of().formatHex(FacebookApp.hmac("app-secret", body));
        assertTrue(FacebookApp.matches("app-secret", good, body));
        assertTrue(FacebookApp.matches("app-secret", good.toUpperCase().replace("SHA256=", "sha256="), body));
        assertFalse(FacebookApp.matches("other-secret", good, body));
        assertFalse(FacebookApp.matches("app-secret", good, "{\"object\":\"page\", \"entry\":[]}"
                .getBytes(StandardCharsets.UTF_8)), "the raw bytes, not their JSON");
        assertFalse(FacebookApp.matches("app-secret", good.substring("sha256=".length()), body));
        assertFalse(FacebookApp.matches(null, good, body));
        assertFalse(FacebookApp.matches("app-secret", null, body));
    }

    @Test
    @DisplayName("FB-05: a standby message is the same inbound message marked for a bot dialog; the bot's own reply "
            + "(an echo) is not stored")
    void standby() {
        InboundChatMessage message = InboundChatMessage.of(FacebookEvents.asBotDialog(FacebookEvents.toInbound(42,
                json("""
                        {"sender":{"id":"6789"},"recipient":{"id":"1001"},"timestamp":1765000000123,
                         "message":{"mid":"m_standby1","text":"What are your opening hours?"}}""")).orElseThrow()));
        assertTrue(message.botDialog());
        assertEquals("m_standby1", message.messageId());
        assertFalse(FacebookEvents.toInbound(42, json("""
                {"sender":{"id":"1001"},"recipient":{"id":"6789"},"timestamp":1765000000200,
                 "message":{"is_echo":true,"app_id":1234567890,"mid":"m_echo1","text":"We open at 9"}}""")).isPresent());
    }

    @Test
    @DisplayName("FB-05: pass_thread_control to another app than the bot (Switchboard) is a handover; to the bot, "
            + "take_thread_control and request_thread_control are not")
    void handovers() {
        JsonObject toUs = json("""
                {"sender":{"id":"6789"},"recipient":{"id":"1001"},"timestamp":1458692752478,
                 "pass_thread_control":{"previous_owner_app_id":"1234567890","new_owner_app_id":"5550001",
                 "metadata":"The customer asked for a human"}}""");
        assertEquals(new BotHandover(42, "6789", "1458692752478"),
                FacebookEvents.toHandover(42, toUs, "1234567890").orElseThrow());
        assertFalse(FacebookEvents.toHandover(42, json("""
                {"sender":{"id":"6789"},"recipient":{"id":"1001"},"timestamp":1458692752479,
                 "pass_thread_control":{"previous_owner_app_id":"5550001","new_owner_app_id":"1234567890",
                 "metadata":"Switchboard chat 5 finished"}}"""), "1234567890").isPresent());
        assertFalse(FacebookEvents.toHandover(42, json("""
                {"sender":{"id":"6789"},"recipient":{"id":"1001"},"timestamp":1458692752480,
                 "take_thread_control":{"previous_owner_app_id":"5550001","new_owner_app_id":"1234567890",
                 "metadata":"The bot took it back"}}"""), "1234567890").isPresent());
        assertFalse(FacebookEvents.toHandover(42, json("""
                {"sender":{"id":"6789"},"recipient":{"id":"1001"},"timestamp":1458692752481,
                 "request_thread_control":{"requested_owner_app_id":"1234567890","metadata":"May I?"}}"""),
                "1234567890").isPresent());
    }
}
