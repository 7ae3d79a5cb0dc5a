package org.switchboard.core.mailbox;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.OffsetDateTime;
import java.util.List;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventTypes;

/**
 * An e-mail was loaded into Switchboard from a mailbox (MB-02, X-03): one event per new message, with its ids, the
 * mailbox, counts, and its audience: the logins whose panels show it (the owner, and the send holders of a shared
 * mailbox, SM-03). Version 2 carries no content (issue 18, SM-03): no subject, no folder and no addresses, since the
 * journal of every event is the administrators' Event log and a subscriber need not see a mail it may not read; a
 * subscriber reads the rest over REST, with its own rights.
 */
public record EmailReceived(long emailId, long mailboxId, String mailbox, String messageId, String threadKey,
        OffsetDateTime receivedAt, int recipients, int attachments, List<String> audience) implements DomainEvent {

    public static final String TYPE = EventTypes.EMAIL_RECEIVED;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int version() {
        return 2;
    }

    @Override
    public String subject() {
        return mailbox;
    }

    @Override
    public void writeData(JsonObjectBuilder data) {
        data.add("emailId", emailId).add("mailboxId", mailboxId).add("mailbox", mailbox);
        nullable(data, "messageId", messageId);
        data.add("threadKey", threadKey);
        nullable(data, "receivedAt", receivedAt == null ? null : receivedAt.toString());
        JsonArrayBuilder logins = Jsons.array();
        audience.forEach(logins::add);
        data.add("recipients", recipients).add("attachments", attachments).add("audience", logins);
    }

    /** Writes the value, or JSON null when there is none (the mailbox events share it). */
    static void nullable(JsonObjectBuilder data, String name, String value) {
        if (value == null) {
            data.addNull(name);
        } else {
            data.add(name, value);
        }
    }
}
