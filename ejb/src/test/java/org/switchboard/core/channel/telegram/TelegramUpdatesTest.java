package org.switchboard.core.channel.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.channel.InboundChatMessage.Attachment;
import org.switchboard.core.channel.InboundChatMessage;
import org.switchboard.core.common.Jsons;

/**
 * {@link TelegramUpdates#toInbound} with Bot API {@code Update}s shaped as Telegram sends them; every message it
 * produces must be accepted by {@link InboundChatMessage#parse}, the inbound queue's own parser.
 */
class TelegramUpdatesTest {

    private static final long CHANNEL = 7;
    private static final String FROM = """
            "from":{"id":42,"is_bot":false,"first_name":"Ann","last_name":"Lee","username":"annlee",
                    "language_code":"en"},
            "chat":{"id":42,"first_name":"Ann","last_name":"Lee","username":"annlee","type":"private"},
            "date":1723546845""";

    private static JsonObject json(String text) {
        try (JsonReader reader = Jsons.reader(text)) {
            return reader.readObject();
        }
    }

    /** An update with one message from Ann in her private chat: {@code fields} are the message's content. */
    private static JsonObject update(String fields) {
        return json("{\"update_id\":14800894,\"message\":{\"message_id\":1550," + FROM + "," + fields + "}}");
    }

    /** The inbound message of an update, parsed back the way the inbound queue parses it. */
    private static InboundChatMessage inbound(JsonObject update) {
        Optional<JsonObject> result = TelegramUpdates.toInbound(CHANNEL, update);
        assertTrue(result.isPresent(), "a message update gives an inbound message");
        return InboundChatMessage.parse(result.get().toString());
    }

    private static void assertFile(String fileName, String contentType, String url, Attachment file) {
        assertEquals(List.of(fileName, contentType, url), List.of(file.fileName(), file.contentType(), file.url()));
        assertNull(file.content(), "fetched through getFile when first opened, not inline");
    }

    @Test
    @DisplayName("CH-10: a text message: id chat:message_id, sender the chat named after the person, sentAt from date")
    void text() {
        InboundChatMessage message = inbound(update("\"text\":\"Hello, I need help with my order\""));

        assertEquals(new InboundChatMessage(CHANNEL, "42:1550", "42", "Ann Lee", "Hello, I need help with my order",
                OffsetDateTime.parse("2024-08-13T11:00:45Z"), List.of()), message);
        assertEquals("42:1550", TelegramUpdates.key(TelegramUpdates.toInbound(CHANNEL,
                update("\"text\":\"again\"")).orElseThrow()));
    }

    @Test
    @DisplayName("CH-10: a photo is its largest size's file_id as telegram:<file_id>, with the caption as text")
    void photo() {
        InboundChatMessage message = inbound(update("""
                "photo":[
                  {"file_id":"AgACAgIAAxkBAAIGZ2a7small","file_unique_id":"AQADsmall",
                   "file_size":2250,"width":68,"height":90},
                  {"file_id":"AgACAgIAAxkBAAIGZ2a7medium","file_unique_id":"AQADmedium",
                   "file_size":33350,"width":242,"height":320},
                  {"file_id":"AgACAgIAAxkBAAIGZ2a7large","file_unique_id":"AQADlarge",
                   "file_size":36123,"width":257,"height":340}],
                "caption":"The box arrived broken"
                """));

        assertEquals("The box arrived broken", message.text());
        assertEquals(1, message.attachments().size());
        assertFile("photo-1550.jpg", "image/jpeg", "telegram:AgACAgIAAxkBAAIGZ2a7large", message.attachments().get(0));
    }

    @Test
    @DisplayName("CH-10: a document keeps its file_name and mime_type; without a caption the text is empty")
    void document() {
        InboundChatMessage message = inbound(update("""
                "document":{"file_name":"invoice-2024-118.pdf","mime_type":"application/pdf",
                  "file_id":"BQACAgIAAxkBAAIGaGa7doc","file_unique_id":"AgADdoc","file_size":48213}"""));

        assertNull(message.text());
        assertEquals(1, message.attachments().size());
        assertFile("invoice-2024-118.pdf", "application/pdf", "telegram:BQACAgIAAxkBAAIGaGa7doc",
                message.attachments().get(0));
    }

    @Test
    @DisplayName("CH-10: a voice note is an audio/ogg attachment named voice-<id>.ogg")
    void voice() {
        InboundChatMessage message = inbound(update("""
                "voice":{"duration":3,"mime_type":"audio/ogg","file_id":"AwACAgIAAxkBAAIGaWa7voice",
                  "file_unique_id":"AgADvoice","file_size":9541}"""));

        assertEquals(1, message.attachments().size());
        assertFile("voice-1550.ogg", "audio/ogg", "telegram:AwACAgIAAxkBAAIGaWa7voice", message.attachments().get(0));
    }

    @Test
    @DisplayName("CH-10: a video keeps its file_name and mime_type, and its caption")
    void video() {
        InboundChatMessage message = inbound(update("""
                "video":{"duration":12,"width":1280,"height":720,"file_name":"unboxing.mp4","mime_type":"video/mp4",
                  "thumbnail":{"file_id":"AAMCAgADthumb","file_unique_id":"AQADthumb","file_size":11254,
                    "width":320,"height":180},
                  "file_id":"BAACAgIAAxkBAAIGama7video","file_unique_id":"AgADvideo","file_size":1843246},
                "caption":"See?"
                """));

        assertEquals("See?", message.text());
        assertEquals(1, message.attachments().size());
        assertFile("unboxing.mp4", "video/mp4", "telegram:BAACAgIAAxkBAAIGama7video", message.attachments().get(0));
    }

    @Test
    @DisplayName("CH-10: a sticker, a location and a contact arrive as a text saying what they were")
    void others() {
        assertEquals("[Sticker 👍]", inbound(update("""
                "sticker":{"width":512,"height":512,"emoji":"👍","set_name":"HotCherry","is_animated":true,
                  "is_video":false,"type":"regular","file_id":"CAACAgIAAxkBAAIGa2a7sticker",
                  "file_unique_id":"AgADsticker","file_size":31421}""")).text());
        assertEquals("[Location 51.500729, -0.124625]", inbound(update("""
                "location":{"latitude":51.500729,"longitude":-0.124625}""")).text());
        assertEquals("[Contact Bob Stone +447700900123]", inbound(update("""
                "contact":{"phone_number":"+447700900123","first_name":"Bob","last_name":"Stone","user_id":77}"""))
                .text());
        assertEquals("[poll message that Switchboard does not show]", inbound(update("""
                "poll":{"id":"5289","question":"Pizza?","options":[{"text":"Yes","voter_count":0}],
                  "total_voter_count":0,"is_closed":false,"is_anonymous":true,"type":"regular",
                  "allows_multiple_answers":false}""")).text());
    }

    @Test
    @DisplayName("CH-10: updates that are not a new message (edits, member changes) give nothing")
    void notAMessage() {
        assertEquals(Optional.empty(), TelegramUpdates.toInbound(CHANNEL, json("""
                {"update_id":14800895,"edited_message":{"message_id":1550,%s,"edit_date":1723546900,
                  "text":"Hello, I need help"}}""".formatted(FROM))));
        assertEquals(Optional.empty(), TelegramUpdates.toInbound(CHANNEL, json("""
                {"update_id":14800896,"my_chat_member":{"chat":{"id":42,"first_name":"Ann","type":"private"},
                  "from":{"id":42,"is_bot":false,"first_name":"Ann"},"date":1723547000,
                  "old_chat_member":{"user":{"id":123456789,"is_bot":true,"first_name":"Bot"},"status":"member"},
                  "new_chat_member":{"user":{"id":123456789,"is_bot":true,"first_name":"Bot"},"status":"kicked",
                    "until_date":0}}}""")));
    }

    @Test
    @DisplayName("CH-10: in a group the sender is the (negative) group chat, named after the person who wrote")
    void group() {
        InboundChatMessage message = inbound(json("""
                {"update_id":14800897,"message":{"message_id":88,
                  "from":{"id":42,"is_bot":false,"first_name":"Ann","last_name":"Lee","username":"annlee"},
                  "chat":{"id":-1001234567890,"title":"Acme customers","type":"supergroup"},
                  "date":1723546845,"text":"Anyone there?"}}"""));

        assertEquals("-1001234567890:88", message.messageId());
        assertEquals("-1001234567890", message.senderId());
        assertEquals("Ann Lee", message.senderName());
        assertEquals("Anyone there?", message.text());
    }
}
