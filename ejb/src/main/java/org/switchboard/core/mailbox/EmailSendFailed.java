package org.switchboard.core.mailbox;

import jakarta.json.JsonObjectBuilder;
import java.util.List;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventTypes;

/**
 * An e-mail could not be sent (MB-03, X-03): the SMTP server refused it, or could not be reached on any attempt.
 * {@code reason} is the server's own answer (e.g. {@code 550 5.1.1 mailbox unavailable}); for a
 * {@code SendEmailCommand} the event carries its {@code requestId}.
 */
public record EmailSendFailed(long emailId, long mailboxId, String mailbox, String messageId, String requestId,
        String reason, int attempts, String senderLogin,
        List<String> audience) implements DomainEvent {

    public static final String TYPE = EventTypes.EMAIL_SEND_FAILED;

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
        data.add("emailId", emailId).add("mailboxId", mailboxId).add("mailbox", mailbox).add("messageId", messageId);
        EmailReceived.nullable(data, "requestId", requestId);
        data.add("reason", reason).add("attempts", attempts).add("senderLogin", senderLogin)
                .add("audience", EmailSent.audienceOf(senderLogin, audience));
    }
}
