package org.switchboard.core.mailbox;

import java.io.Serializable;
import org.switchboard.model.mailbox.SendStatus;

/**
 * Where a send stands (MB-03): the stored e-mail, PENDING / SENT / FAILED, its Message-ID, the SMTP server's reason
 * when it failed, and a warning when it was sent but not saved to the Sent folder.
 */
public record SentEmailView(long id, long mailboxId, SendStatus status, String messageId, String error,
        String warning, String folder) implements Serializable {
}
