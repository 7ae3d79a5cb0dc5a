package org.switchboard.core.mailbox;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Locale;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.inbound.InboundRejectedException;

/**
 * Another system asks Switchboard to load a mailbox's new mail now (X-03, MB-02), on the inbound queue or over
 * {@code POST /api/v1/inbound}: the mailbox is named by its address. A repeat only asks again.
 */
public record MailboxSyncCommand(String mailbox) {

    public static final String TYPE = "MailboxSyncCommand";

    /** Reads the body; what is missing or malformed is a rejection with its reason (a dead letter). */
    public static MailboxSyncCommand parse(String body) {
        JsonObject json;
        try (JsonReader reader = Jsons.reader(body == null ? "" : body)) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InboundRejectedException("NOT_JSON", "The body is not a JSON object");
        }
        JsonValue mailbox = json.get("mailbox");
        if (!(mailbox instanceof JsonString address) || address.getString().isBlank()) {
            throw new InboundRejectedException("MISSING_FIELD", "mailbox (a string) is required");
        }
        return new MailboxSyncCommand(address.getString().strip().toLowerCase(Locale.ROOT));
    }
}
