package org.switchboard.core.events;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Set;
import org.switchboard.core.common.Jsons;

/**
 * Keeps the content of mail and chats out of the administrators' Event log (SM-03, issue 18). The events published
 * now carry none (e-mail and chat message events at version 2); the journal may still hold version 1 events,
 * published before, with subjects, addresses and message text. The Event log shows those without the fields
 * version 2 dropped, so an installation need not rewrite its journal.
 */
final class JournalPrivacy {

    /** The content fields of each version 1 event that version 2 no longer carries. */
    private static final Map<String, Set<String>> CONTENT_OF_VERSION_1 = Map.of(
            EventTypes.EMAIL_RECEIVED, Set.of("folder", "subject", "from", "to"),
            EventTypes.EMAIL_SENT, Set.of("subject", "to"),
            EventTypes.EMAIL_SEND_FAILED, Set.of("reason"),
            EventTypes.CHAT_MESSAGE_RECEIVED, Set.of("text", "textTruncated"),
            EventTypes.CHAT_MESSAGE_SENT, Set.of("text", "textTruncated"));

    private JournalPrivacy() {
    }

    /** The journaled envelope as the Event log may show it: version 1 content fields left out. */
    static String shown(String type, int version, String payload) {
        Set<String> content = CONTENT_OF_VERSION_1.get(type);
        if (version != 1 || content == null || payload == null) {
            return payload;
        }
        JsonObject envelope;
        try {
            if (!(Jsons.readValue(payload) instanceof JsonObject object)) {
                return "{}";
            }
            envelope = object;
        } catch (JsonException e) {
            return "{}"; // the outbox wrote it, so this does not happen; if it did, nothing of it is shown
        }
        JsonObjectBuilder shown = Jsons.object();
        envelope.forEach((name, value) -> shown.add(name, "data".equals(name) && value instanceof JsonObject data
                ? without(data, content) : value));
        return shown.build().toString();
    }

    private static JsonValue without(JsonObject data, Set<String> content) {
        JsonObjectBuilder kept = Jsons.object();
        data.forEach((name, value) -> {
            if (!content.contains(name)) {
                kept.add(name, value);
            }
        });
        return kept.build();
    }
}
