package org.switchboard.core.mailbox;

import java.io.Serializable;
import java.util.List;

/**
 * A new e-mail as the user wrote it (MB-03): the mailbox to send from, the recipients (each entry one address or
 * several separated by commas), the subject, the body as HTML from the rich-text editor and/or as plain text, the
 * files, and, for a reply, the stored e-mail it answers.
 */
public record EmailDraft(Long mailboxId, List<String> to, List<String> cc, List<String> bcc, String subject,
        String html, String text, List<File> files, Long inReplyToEmailId) implements Serializable {

    /** A file to attach, with the name and type the user's browser gave it. */
    public record File(String fileName, String contentType, byte[] content) implements Serializable {
    }

    public EmailDraft {
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        bcc = bcc == null ? List.of() : List.copyOf(bcc);
        files = files == null ? List.of() : List.copyOf(files);
    }
}
