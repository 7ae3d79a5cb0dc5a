package org.switchboard.core.mailbox;

import java.io.Serializable;
import java.time.OffsetDateTime;
import org.switchboard.model.mailbox.SendStatus;

/**
 * An e-mail in a list (MB-02, MB-03): who sent it, about what, when, read or not, with how many files; for one sent
 * from here, where its send stands ({@code null} for loaded mail) and its folder {@code null} until saved to Sent.
 */
public record EmailSummary(long id, long mailboxId, String folder, String subject, String fromAddress,
        String fromName, OffsetDateTime receivedAt, boolean seen, int attachments, String threadKey,
        SendStatus sendStatus) implements Serializable {
}
