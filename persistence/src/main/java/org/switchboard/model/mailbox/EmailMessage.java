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
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/**
 * An e-mail loaded from a folder of a mailbox (MB-02): the server's identity of it (UIDVALIDITY, UID), the keys
 * that deduplicate and thread it, its headers, bodies and read flag. Its addresses and files are rows of their own.
 */
@Entity
@Table(name = "email_message")
@NamedQuery(name = EmailMessage.BY_UID, query = "SELECT e FROM EmailMessage e WHERE e.folder.id = :folderId "
        + "AND e.uidValidity = :uidValidity AND e.uid IN :uids")
@NamedQuery(name = EmailMessage.BY_DEDUPE_KEY, query = "SELECT e FROM EmailMessage e WHERE e.folder.id = :folderId "
        + "AND e.dedupeKey IN :keys")
@NamedQuery(name = EmailMessage.SET_SEEN, query = "UPDATE EmailMessage e SET e.seen = :seen, e.version = e.version + 1 "
        + "WHERE e.folder.id = :folderId AND e.uidValidity = :uidValidity AND e.uid = :uid")
@NamedQuery(name = EmailMessage.COUNT_OF_MAILBOX,
        query = "SELECT COUNT(e) FROM EmailMessage e WHERE e.mailbox.id = :mailboxId")
@NamedQuery(name = EmailMessage.PAGE_OF_MAILBOXES, query = "SELECT e FROM EmailMessage e JOIN FETCH e.folder "
        + "WHERE e.mailbox.id IN :mailboxIds ORDER BY e.receivedAt DESC, e.id DESC")
@NamedQuery(name = EmailMessage.IDS_CARRYING, query = "SELECT DISTINCT e.id, e.receivedAt FROM EmailAddress a "
        + "JOIN a.email e WHERE a.address IN :addresses AND e.mailbox.id IN :mailboxIds "
        + "ORDER BY e.receivedAt DESC, e.id DESC")
@NamedQuery(name = EmailMessage.WITH_FOLDER,
        query = "SELECT e FROM EmailMessage e JOIN FETCH e.folder WHERE e.id IN :ids")
public class EmailMessage {

    public static final String BY_UID = "EmailMessage.byUid";
    public static final String BY_DEDUPE_KEY = "EmailMessage.byDedupeKey";
    /** CONDSTORE: a message's read flag changed on the server. (EclipseLink prints booleans as 1/0 in an UPDATE's
     * WHERE, which H2 refuses: the flag is only set, never compared.) */
    public static final String SET_SEEN = "EmailMessage.setSeen";
    public static final String COUNT_OF_MAILBOX = "EmailMessage.countOfMailbox";
    /** MB-04: the e-mails of the given mailboxes that carry one of the addresses (a timeline), newest first. */
    public static final String IDS_CARRYING = "EmailMessage.idsCarrying";
    public static final String WITH_FOLDER = "EmailMessage.withFolder";
    public static final String PAGE_OF_MAILBOXES = "EmailMessage.pageOfMailboxes";

    public static final int KEY_MAX = 1000;
    public static final int SUBJECT_MAX = 1000;
    public static final int ADDRESS_MAX = 320;
    public static final int NAME_MAX = 300;
    public static final int BODY_MAX = 10_000_000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "email_message_seq")
    @SequenceGenerator(name = "email_message_seq", sequenceName = "email_message_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "mailbox_id", nullable = false, updatable = false)
    private Mailbox mailbox;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "folder_id", nullable = false, updatable = false)
    private MailboxFolder folder;

    @Column(name = "uid_validity", nullable = false)
    private long uidValidity;

    @Column(name = "uid", nullable = false)
    private long uid;

    @Column(name = "message_id", length = KEY_MAX)
    private String messageId;

    @Column(name = "dedupe_key", length = KEY_MAX, nullable = false)
    private String dedupeKey;

    @Column(name = "thread_key", length = KEY_MAX, nullable = false)
    private String threadKey;

    @Column(name = "in_reply_to", length = KEY_MAX)
    private String inReplyTo;

    @Column(name = "subject", length = SUBJECT_MAX)
    private String subject;

    @Column(name = "from_address", length = ADDRESS_MAX)
    private String fromAddress;

    @Column(name = "from_name", length = NAME_MAX)
    private String fromName;

    @Column(name = "sent_at")
    private OffsetDateTime sentAt;

    @Column(name = "received_at")
    private OffsetDateTime receivedAt;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "seen", nullable = false)
    private boolean seen;

    @Column(name = "attachment_count", nullable = false)
    private int attachmentCount;

    @Column(name = "text_body")
    private String textBody;

    @Column(name = "html_body")
    private String htmlBody;

    @Column(name = "stored_at", nullable = false, updatable = false)
    private OffsetDateTime storedAt;

    protected EmailMessage() {
    }

    public EmailMessage(Mailbox mailbox, MailboxFolder folder, long uidValidity, long uid, String dedupeKey,
            String threadKey, OffsetDateTime storedAt) {
        this.mailbox = mailbox;
        this.folder = folder;
        this.uidValidity = uidValidity;
        this.uid = uid;
        this.dedupeKey = clip(dedupeKey, KEY_MAX);
        this.threadKey = clip(threadKey, KEY_MAX);
        this.storedAt = storedAt;
    }

    /** Cuts a header value to its column; headers have no length limit, columns do. */
    public static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public Mailbox getMailbox() {
        return mailbox;
    }

    public MailboxFolder getFolder() {
        return folder;
    }

    public long getUidValidity() {
        return uidValidity;
    }

    public long getUid() {
        return uid;
    }

    /** After a UIDVALIDITY change the same message is found again under a new UID (MB-02). */
    public void moveTo(long newUidValidity, long newUid) {
        this.uidValidity = newUidValidity;
        this.uid = newUid;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getDedupeKey() {
        return dedupeKey;
    }

    public String getThreadKey() {
        return threadKey;
    }

    public String getInReplyTo() {
        return inReplyTo;
    }

    public String getSubject() {
        return subject;
    }

    public String getFromAddress() {
        return fromAddress;
    }

    public String getFromName() {
        return fromName;
    }

    public OffsetDateTime getSentAt() {
        return sentAt;
    }

    public OffsetDateTime getReceivedAt() {
        return receivedAt;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public boolean isSeen() {
        return seen;
    }

    public void setSeen(boolean seen) {
        this.seen = seen;
    }

    public int getAttachmentCount() {
        return attachmentCount;
    }

    public String getTextBody() {
        return textBody;
    }

    public String getHtmlBody() {
        return htmlBody;
    }

    public OffsetDateTime getStoredAt() {
        return storedAt;
    }

    /** The headers and bodies as read from the server. */
    public void setContent(String messageId, String inReplyTo, String subject, String fromAddress, String fromName,
            OffsetDateTime sentAt, OffsetDateTime receivedAt, long sizeBytes, String textBody, String htmlBody,
            int attachmentCount) {
        this.messageId = clip(messageId, KEY_MAX);
        this.inReplyTo = clip(inReplyTo, KEY_MAX);
        this.subject = clip(subject, SUBJECT_MAX);
        this.fromAddress = clip(fromAddress, ADDRESS_MAX);
        this.fromName = clip(fromName, NAME_MAX);
        this.sentAt = sentAt;
        this.receivedAt = receivedAt;
        this.sizeBytes = sizeBytes;
        this.textBody = clip(textBody, BODY_MAX);
        this.htmlBody = clip(htmlBody, BODY_MAX);
        this.attachmentCount = attachmentCount;
    }
}
