package org.switchboard.core.mailbox;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.inbound.InboundRejectedException;
import org.switchboard.model.mailbox.EmailMessage;

/**
 * Another system asks Switchboard to send an e-mail (X-03, MB-03), on the inbound queue or over
 * {@code POST /api/v1/inbound}: from the mailbox with this address, as the user with this login (who must be allowed
 * to send from it; over REST the caller when it is left out), to/cc/bcc, subject, text and/or HTML. {@code requestId}
 * is the idempotency key: a repeat sends nothing new.
 */
public record SendEmailCommand(String mailbox, String user, List<String> to, List<String> cc, List<String> bcc,
        String subject, String text, String html, String requestId) {

    public static final String TYPE = "SendEmailCommand";

    /** Reads the body; what is missing or malformed is a rejection with its reason (a dead letter). */
    public static SendEmailCommand parse(String body) {
        JsonObject json;
        try (JsonReader reader = Jsons.reader(body == null ? "" : body)) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InboundRejectedException("NOT_JSON", "The body is not a JSON object");
        }
        String mailbox = required(json, "mailbox");
        String user = text(json, "user");
        if (user != null && user.isBlank()) {
            throw new InboundRejectedException("INVALID_FIELD", "user must not be empty");
        }
        String text = text(json, "text");
        String html = text(json, "html");
        if ((text == null || text.isBlank()) && (html == null || html.isBlank())) {
            throw new InboundRejectedException("MISSING_FIELD", "text or html is required");
        }
        String requestId = text(json, "requestId");
        if (requestId != null && (requestId.isBlank() || requestId.length() > EmailMessage.REQUEST_ID_MAX)) {
            throw new InboundRejectedException("INVALID_FIELD", "requestId must have 1 to "
                    + EmailMessage.REQUEST_ID_MAX + " characters");
        }
        return new SendEmailCommand(mailbox.strip(), user == null ? null : user.strip(), list(json, "to"),
                list(json, "cc"), list(json, "bcc"), text(json, "subject"), text, html, requestId);
    }

    /** The command as a draft of the mailbox. */
    public EmailDraft draft(long mailboxId) {
        return new EmailDraft(mailboxId, to, cc, bcc, subject, html, text, List.of(), null);
    }

    private static String required(JsonObject json, String name) {
        String value = text(json, name);
        if (value == null || value.isBlank()) {
            throw new InboundRejectedException("MISSING_FIELD", name + " (a string) is required");
        }
        return value;
    }

    private static String text(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value instanceof JsonString string ? string.getString() : null;
    }

    /** An array of strings, or one string; absent is empty. */
    private static List<String> list(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (value instanceof JsonString string) {
            return List.of(string.getString());
        }
        if (value instanceof JsonArray array) {
            List<String> result = new ArrayList<>();
            for (JsonValue item : array) {
                if (!(item instanceof JsonString string)) {
                    throw new InboundRejectedException("INVALID_FIELD", name + " must be an array of strings");
                }
                result.add(string.getString());
            }
            return result;
        }
        throw new InboundRejectedException("INVALID_FIELD", name + " must be an array of strings");
    }
}
