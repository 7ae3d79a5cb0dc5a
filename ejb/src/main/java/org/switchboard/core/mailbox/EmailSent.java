package org.switchboard.core.mailbox;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventTypes;

/**
 * An e-mail sent from Switchboard was accepted by the mailbox's SMTP server (MB-03, X-03): from the panel, over REST
 * or for a {@code SendEmailCommand}, whose {@code requestId} it carries. Version 2 carries no content (issue 18,
 * SM-03): no subject and no addresses, only how many recipients; the e-mail is read over REST.
 */
public record EmailSent(long emailId, long mailboxId, String mailbox, String messageId, String requestId,
        int recipients, OffsetDateTime sentAt, String senderLogin, List<String> audience) implements DomainEvent {

    public static final String TYPE = EventTypes.EMAIL_SENT;

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
        data.add("emailId", emailId).add("mailboxId", mailboxId).add("mailbox", mailbox).add("messageId", messageId);
        EmailReceived.nullable(data, "requestId", requestId);
        data.add("recipients", recipients).add("sentAt", sentAt.toString()).add("senderLogin", senderLogin)
                .add("audience", audienceOf(senderLogin, audience));
    }

    /** The sender first, then the others whose panels list the mailbox's e-mails (SM-03: owner, send holders). */
    static JsonArrayBuilder audienceOf(String senderLogin, List<String> others) {
        Set<String> logins = new LinkedHashSet<>();
        logins.add(senderLogin);
        logins.addAll(others);
        JsonArrayBuilder array = Jsons.array();
        logins.forEach(array::add);
        return array;
    }
}
