package org.switchboard.core.mailbox;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** An e-mail in a list (MB-02): who sent it, about what, when, read or not, with how many files. */
public record EmailSummary(long id, long mailboxId, String folder, String subject, String fromAddress,
        String fromName, OffsetDateTime receivedAt, boolean seen, int attachments, String threadKey)
        implements Serializable {
}
