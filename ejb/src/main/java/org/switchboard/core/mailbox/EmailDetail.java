package org.switchboard.core.mailbox;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import org.switchboard.model.mailbox.SendStatus;

/**
 * An e-mail read in full (MB-02, MB-03): headers, every address by kind, both bodies, and its files without their
 * bytes; for one sent from here its send status, the server's reason when it failed, and a warning when it was sent
 * but not saved to the Sent folder, and who asked for it when an inbound command did.
 */
public record EmailDetail(long id, long mailboxId, String mailbox, String folder, String messageId, String threadKey,
        String inReplyTo, String subject, String fromAddress, String fromName, List<Recipient> to,
        List<Recipient> cc, List<Recipient> bcc, OffsetDateTime sentAt, OffsetDateTime receivedAt, boolean seen,
        String textBody, String htmlBody, List<File> files, SendStatus sendStatus, String sendError,
        String sendWarning, String submittedBy, List<Problem> problems) implements Serializable {

    /**
     * MB-02: something of the received message that could not be read as sent; {@code kind} is a
     * {@link ReadProblem.Kind} name (the UI's message {@code panel_email.problem.<kind>}), {@code where} the part.
     */
    public record Problem(String kind, String where) implements Serializable {

        public String messageKey() {
            return "panel_email.problem." + kind;
        }
    }

    /** An address of the e-mail with its display name. */
    public record Recipient(String address, String name) implements Serializable {
    }

    /** A file of the e-mail; its bytes are read on their own. */
    public record File(long id, String fileName, String contentType, long sizeBytes, String contentId,
            boolean inline) implements Serializable {
    }
}
