package org.switchboard.core.mailbox;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.OffsetDateTime;
import java.util.List;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventTypes;

/**
 * An e-mail was loaded into Switchboard from a mailbox (MB-02, X-03): one event per new message, with what a
 * subscriber needs to route or link it, and its audience: the logins whose panels show it (the owner, and the send
 * holders of a shared mailbox, SM-03); the bodies and files are read over REST.
 */
public record EmailReceived(long emailId, long mailboxId, String mailbox, String folder, String messageId,
        String threadKey, String subject, String from, List<String> to, OffsetDateTime receivedAt, int attachments,
        List<String> audience) implements DomainEvent {

    public static final String TYPE = EventTypes.EMAIL_RECEIVED;
    /** The most of a subject the event carries. */
    static final int SUBJECT_MAX = 500;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String subject() {
        return mailbox;
    }

    @Override
    public void writeData(JsonObjectBuilder data) {
        data.add("emailId", emailId).add("mailboxId", mailboxId).add("mailbox", mailbox).add("folder", folder);
        nullable(data, "messageId", messageId);
        data.add("threadKey", threadKey);
        nullable(data, "subject", subject == null || subject.length() <= SUBJECT_MAX ? subject
                : subject.substring(0, SUBJECT_MAX));
        nullable(data, "from", from);
        JsonArrayBuilder recipients = Jsons.array();
        to.forEach(recipients::add);
        data.add("to", recipients);
        nullable(data, "receivedAt", receivedAt == null ? null : receivedAt.toString());
        JsonArrayBuilder logins = Jsons.array();
        audience.forEach(logins::add);
        data.add("attachments", attachments).add("audience", logins);
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
