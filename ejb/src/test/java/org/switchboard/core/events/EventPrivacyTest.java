package org.switchboard.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.chat.ChatEvent;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.channel.ChannelProvider;
import org.switchboard.model.chat.Chat;
import org.switchboard.model.chat.ChatMessage;
import org.switchboard.model.chat.ChatQueue;
import org.switchboard.model.crm.Contact;

/**
 * SM-03, issue 18 item 8: the events every subscriber and the administrators' Event log see carry no content of mail
 * or chats; version 1 events journaled before are shown without it.
 */
class EventPrivacyTest {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-12-06T18:30:00Z");
    private static final String TEXT = "My card number is 4111 1111 1111 1111";

    @Test
    @DisplayName("SM-03 issue 18: a chat message event carries the message's length and files, not its text")
    void chatMessageEventWithoutText() throws ReflectiveOperationException {
        Chat chat = new Chat(new Channel(ChannelProvider.TELEGRAM), new Contact("Ann", AT), new ChatQueue(), AT);
        ChatMessage message = ChatMessage.inbound(chat, "tg-7", TEXT, AT, AT);
        Field id = ChatMessage.class.getDeclaredField("id"); // the database gives it
        id.setAccessible(true);
        id.set(message, 2100L);
        ChatEvent event = new ChatEvent(ChatEvent.MESSAGE_RECEIVED, 1050, 50, 50, 100, "ACTIVE", 51L, "alice",
                List.of("alice"), ChatEvent.message(message).build());

        JsonObject published = EventOutbox.envelope("6f1c2a9e-3b7d-4c1a-9f0e-2d5b8c7a1e43", event, AT, "system");

        assertFalse(published.toString().contains("4111"), published::toString);
        assertEquals(2, published.getInt("version"));
        JsonObject data = published.getJsonObject("data");
        assertEquals(TEXT.length(), data.getInt("textLength"));
        assertEquals("tg-7", data.getString("providerMessageId"));
    }

    @Test
    @DisplayName("SM-03 issue 18: the Event log shows a version 1 EmailReceived journaled before without its "
            + "subject, folder and addresses, and keeps its ids")
    void journaledVersion1Redacted() {
        String payload = """
                {"eventId":"7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e5f","type":"EmailReceived","version":1,
                "occurredAt":"2026-11-25T18:35:01.200Z","actor":"system","subject":"sales@acme.example",
                "data":{"emailId":2150,"mailboxId":50,"mailbox":"sales@acme.example","folder":"Divorce",
                "messageId":"a1b2@mail.example.org","threadKey":"a1b2@mail.example.org","subject":"Offer 7",
                "from":"bob@example.org","to":["sales@acme.example"],"receivedAt":"2026-11-25T18:35:00Z",
                "attachments":1,"audience":["anna"]}}""";

        JsonObject shown = read(JournalPrivacy.shown(EventTypes.EMAIL_RECEIVED, 1, payload));

        assertEquals(Set.of("emailId", "mailboxId", "mailbox", "messageId", "threadKey", "receivedAt", "attachments",
                "audience"), shown.getJsonObject("data").keySet());
        assertEquals("sales@acme.example", shown.getString("subject"), "the envelope is kept");
        assertFalse(shown.toString().contains("Offer 7") || shown.toString().contains("bob@")
                || shown.toString().contains("Divorce"), shown::toString);
    }

    @Test
    @DisplayName("SM-03 issue 18: version 1 chat message events in the journal are shown without their text; "
            + "version 2 events and other types are shown as journaled")
    void onlyVersion1ContentDropped() {
        String chat = "{\"type\":\"ChatMessageSent\",\"version\":1,\"data\":{\"chatId\":1,\"text\":\"" + TEXT
                + "\",\"textTruncated\":false,\"attachments\":0}}";
        assertEquals(Set.of("chatId", "attachments"),
                read(JournalPrivacy.shown(EventTypes.CHAT_MESSAGE_SENT, 1, chat)).getJsonObject("data").keySet());
        String current = "{\"type\":\"ChatMessageSent\",\"version\":2,\"data\":{\"chatId\":1,\"textLength\":4}}";
        assertEquals(current, JournalPrivacy.shown(EventTypes.CHAT_MESSAGE_SENT, 2, current));
        String setting = "{\"type\":\"SettingChanged\",\"version\":1,\"data\":{\"code\":\"SiteUrl\",\"text\":\"x\"}}";
        assertEquals(setting, JournalPrivacy.shown(EventTypes.SETTING_CHANGED, 1, setting));
        assertTrue(JournalPrivacy.shown(EventTypes.EMAIL_SENT, 1, "not json").equals("{}"));
    }

    private static JsonObject read(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
