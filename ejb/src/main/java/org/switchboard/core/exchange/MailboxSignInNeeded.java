package org.switchboard.core.exchange;

import jakarta.json.JsonObjectBuilder;
import java.util.List;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventTypes;

/**
 * A mailbox signed in with Microsoft lost its grant (MO-02): Entra ID refused its refresh token ({@code invalid_grant}:
 * consent revoked, the token expired or was rotated away) or asked for the user. Its sync pauses until its owner signs
 * in again (MB-12 "Change account settings"). The audience is the owner, whose panel shows the flag.
 */
public record MailboxSignInNeeded(long mailboxId, String mailbox, String reason, List<String> audience)
        implements DomainEvent {

    public static final String TYPE = EventTypes.MAILBOX_SIGN_IN_NEEDED;

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
        data.add("mailboxId", mailboxId).add("mailbox", mailbox).add("reason", reason);
        var logins = Jsons.array();
        audience.forEach(logins::add);
        data.add("audience", logins);
    }
}
