package org.switchboard.model.mailbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A file of an e-mail (MB-02): an attachment, or an inline part that the HTML body shows by its Content-ID. */
@Entity
@Table(name = "email_attachment")
@NamedQuery(name = EmailAttachment.OF_EMAIL, query = "SELECT a.id, a.fileName, a.contentType, a.sizeBytes, "
        + "a.contentId, a.inlinePart FROM EmailAttachment a WHERE a.email.id = :emailId ORDER BY a.id")
@NamedQuery(name = EmailAttachment.FILES_OF_EMAIL,
        query = "SELECT a FROM EmailAttachment a WHERE a.email.id = :emailId ORDER BY a.id")
public class EmailAttachment {

    /** The files of an e-mail without their bytes: id, name, type, size, Content-ID, inline. */
    public static final String OF_EMAIL = "EmailAttachment.ofEmail";
    /** The files of an e-mail with their bytes: what a send (or its retry) attaches (MB-03). */
    public static final String FILES_OF_EMAIL = "EmailAttachment.filesOfEmail";
    public static final int FILE_NAME_MAX = 255;
    public static final int CONTENT_TYPE_MAX = 100;
    public static final int CONTENT_ID_MAX = 500;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "email_attachment_seq")
    @SequenceGenerator(name = "email_attachment_seq", sequenceName = "email_attachment_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "email_id", nullable = false, updatable = false)
    private EmailMessage email;

    @Column(name = "file_name", length = FILE_NAME_MAX, nullable = false, updatable = false)
    private String fileName;

    @Column(name = "content_type", length = CONTENT_TYPE_MAX, nullable = false, updatable = false)
    private String contentType;

    @Column(name = "content_id", length = CONTENT_ID_MAX, updatable = false)
    private String contentId;

    @Column(name = "inline_part", nullable = false, updatable = false)
    private boolean inlinePart;

    @Column(name = "size_bytes", nullable = false, updatable = false)
    private long sizeBytes;

    @Column(name = "content", nullable = false, updatable = false)
    private byte[] content;

    protected EmailAttachment() {
    }

    public EmailAttachment(EmailMessage email, String fileName, String contentType, String contentId,
            boolean inlinePart, byte[] content) {
        this.email = email;
        this.fileName = EmailMessage.clip(fileName, FILE_NAME_MAX);
        this.contentType = EmailMessage.clip(contentType, CONTENT_TYPE_MAX);
        this.contentId = EmailMessage.clip(contentId, CONTENT_ID_MAX);
        this.inlinePart = inlinePart;
        this.content = content;
        this.sizeBytes = content.length;
    }

    /**
     * A file whose bytes are too many to hold (issue 18 item 7): the row is written with no content, and the caller
     * streams the {@code sizeBytes} bytes into its {@code content} column over JDBC, in the same transaction, once the
     * row is flushed ({@link #STREAM_CONTENT}).
     */
    public static EmailAttachment streamed(EmailMessage email, String fileName, String contentType, String contentId,
            boolean inlinePart, long sizeBytes) {
        EmailAttachment file = new EmailAttachment(email, fileName, contentType, contentId, inlinePart, new byte[0]);
        file.sizeBytes = sizeBytes;
        return file;
    }

    /** The statement that streams a {@link #streamed} file's bytes into its row: the content, then the id. */
    public static final String STREAM_CONTENT = "UPDATE email_attachment SET content = ? WHERE id = ?";

    public Long getId() {
        return id;
    }

    public EmailMessage getEmail() {
        return email;
    }

    public String getFileName() {
        return fileName;
    }

    public String getContentType() {
        return contentType;
    }

    public String getContentId() {
        return contentId;
    }

    public boolean isInlinePart() {
        return inlinePart;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public byte[] getContent() {
        return content;
    }
}
