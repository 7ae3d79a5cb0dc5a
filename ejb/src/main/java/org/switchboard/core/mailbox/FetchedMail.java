package org.switchboard.core.mailbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One e-mail as read from a mail server (MB-02), in our own terms: its place in the folder (UID), the headers that
 * thread and deduplicate it, its addresses, both bodies and its files. Built by {@link MailParser}; no Jakarta Mail
 * type escapes it.
 *
 * @param uid the message's UID in its folder (0 for a message that was not read from a folder, e.g. one sent)
 * @param dedupeKey the Message-ID, or when the message has none a {@code sha256:} digest of its date, sender,
 *     subject and raw body: the same for the same message in two folders, different for look-alikes
 * @param threadKey the first message of the conversation: the first References id, else In-Reply-To, else itself
 * @param problems what could not be read as sent (empty for a sound message); when there are any, the attachments
 *     end with the message's original source ({@code original.eml})
 */
public record FetchedMail(long uid, String messageId, String dedupeKey, String threadKey, String inReplyTo,
        String subject, Address from, List<Address> to, List<Address> cc, List<Address> bcc,
        OffsetDateTime sentAt, OffsetDateTime receivedAt, long sizeBytes, boolean seen, String textBody,
        String htmlBody, List<Attachment> attachments, List<ReadProblem> problems) {

    public FetchedMail {
        problems = List.copyOf(problems);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        attachments = List.copyOf(attachments);
    }

    /** Every address the message carries (sender and recipients), for linking it to records (MB-04). */
    public List<Address> allAddresses() {
        List<Address> all = new java.util.ArrayList<>();
        if (from != null) {
            all.add(from);
        }
        all.addAll(to);
        all.addAll(cc);
        all.addAll(bcc);
        return all;
    }

    /** An e-mail address, lower-cased, with its display name when the message gives one. */
    public record Address(String address, String name) {
    }

    /**
     * A file of the message: an attachment, or an inline part that the HTML body shows by its Content-ID. Its bytes
     * are in {@code content}, or, for a part larger than the spool's threshold (issue 18 item 7), in the file
     * {@code spooled}, which the store streams into the database and the spool deletes afterwards.
     *
     * @param contentId without angle brackets; {@code null} when the part has none
     * @param content the bytes; {@code null} when they are spooled
     * @param spooled the file holding the bytes; {@code null} when they are in {@code content}
     */
    public record Attachment(String fileName, String contentType, String contentId, boolean inline, byte[] content,
            Path spooled, long sizeBytes) {

        public Attachment {
            if ((content == null) == (spooled == null)) {
                throw new IllegalArgumentException("a file's bytes are either in memory or spooled");
            }
        }

        /** A file whose bytes are in memory. */
        public Attachment(String fileName, String contentType, String contentId, boolean inline, byte[] content) {
            this(fileName, contentType, contentId, inline, content, null, content.length);
        }

        /** A file whose bytes are in a spooled file. */
        public static Attachment spooled(String fileName, String contentType, String contentId, boolean inline,
                Path file) throws IOException {
            return new Attachment(fileName, contentType, contentId, inline, null, file, Files.size(file));
        }

        /** The bytes, from memory or from the spooled file. */
        public InputStream open() throws IOException {
            return content != null ? new ByteArrayInputStream(content) : Files.newInputStream(spooled);
        }
    }
}
