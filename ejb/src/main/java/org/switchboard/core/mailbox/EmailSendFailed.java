package org.switchboard.core.mailbox;

import jakarta.json.JsonObjectBuilder;
import java.util.List;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventTypes;

/**
 * An e-mail could not be sent (MB-03, X-03): the SMTP server refused it, or could not be reached on any attempt.
 * {@code failure} says which kind of failure it was; for a {@code SendEmailCommand} the event carries its
 * {@code requestId}. Version 2 carries no content (issue 18, SM-03): the server's own answer names the recipient it
 * refused, so it stays on the e-mail ({@code sendError} over REST) and out of the event.
 */
public record EmailSendFailed(long emailId, long mailboxId, String mailbox, String messageId, String requestId,
        MailFailure.Reason failure, int attempts, String senderLogin,
        List<String> audience) implements DomainEvent {

    public static final String TYPE = EventTypes.EMAIL_SEND_FAILED;

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
        data.add("failure", failure.name()).add("attempts", attempts).add("senderLogin", senderLogin)
                .add("audience", EmailSent.audienceOf(senderLogin, audience));
    }
}
