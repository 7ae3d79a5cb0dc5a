package org.switchboard.core.mailbox;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Everything an e-mail to send is built from (MB-03, MB-11), as stored with it, so that a retry builds the same
 * message: the From address with its personal name (the alias, when the mailbox uses one), the recipients, the
 * subject, the HTML body with the signature already appended and its text alternative, the files, and the ids that
 * thread it (its own Message-ID, and for a reply In-Reply-To and References), all ids without angle brackets.
 */
public record OutgoingMail(String fromAddress, String fromName, List<String> to, List<String> cc, List<String> bcc,
        String subject, String html, String text, List<File> files, String messageId, String inReplyTo,
        List<String> references, OffsetDateTime date) {

    /** A file to attach. */
    public record File(String fileName, String contentType, byte[] content) {
    }
}
