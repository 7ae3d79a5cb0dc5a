package org.switchboard.model.mailbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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
import org.switchboard.model.security.User;

/**
 * An e-mail loaded from a folder of a mailbox (MB-02): the server's identity of it (UIDVALIDITY, UID), the keys
 * that deduplicate and thread it, its headers, bodies and read flag. Its addresses and files are rows of their own.
 */
@Entity
@Table(name = "email_message")
@NamedQuery(name = EmailMessage.IN_UID_RANGE, query = "SELECT e FROM EmailMessage e WHERE e.folder.id = :folderId "
        + "AND e.uidValidity = :uidValidity AND e.uid BETWEEN :firstUid AND :lastUid")
@NamedQuery(name = EmailMessage.BY_DEDUPE_KEY, query = "SELECT e FROM EmailMessage e WHERE e.folder.id = :folderId "
        + "AND e.dedupeKey IN :keys")
@NamedQuery(name = EmailMessage.KEYS_IN_MAILBOX, query = "SELECT e.dedupeKey FROM EmailMessage e "
        + "WHERE e.dedupeKey IN :keys AND e.mailbox.id = :mailboxId")
@NamedQuery(name = EmailMessage.SET_SEEN, query = "UPDATE EmailMessage e SET e.seen = :seen, e.version = e.version + 1 "
        + "WHERE e.folder.id = :folderId AND e.uidValidity = :uidValidity AND e.uid = :uid")
@NamedQuery(name = EmailMessage.COUNT_OF_MAILBOX,
        query = "SELECT COUNT(e) FROM EmailMessage e WHERE e.mailbox.id = :mailboxId")
@NamedQuery(name = EmailMessage.PAGE_OF_MAILBOXES, query = "SELECT e FROM EmailMessage e LEFT JOIN FETCH e.folder "
        + "WHERE e.mailbox.id IN :mailboxIds ORDER BY e.receivedAt DESC, e.id DESC")
@NamedQuery(name = EmailMessage.IDS_CARRYING, query = "SELECT DISTINCT e.id, e.receivedAt FROM EmailAddress a "
        + "JOIN a.email e WHERE a.address IN :addresses AND e.mailbox.id IN :mailboxIds "
        + "ORDER BY e.receivedAt DESC, e.id DESC")
@NamedQuery(name = EmailMessage.WITH_FOLDER,
        query = "SELECT e FROM EmailMessage e LEFT JOIN FETCH e.folder WHERE e.id IN :ids")
@NamedQuery(name = EmailMessage.UNPLACED_OF_FOLDER, query = "SELECT e FROM EmailMessage e "
        + "WHERE e.folder.id = :folderId AND e.uidValidity = 0 AND e.uid < 0")
@NamedQuery(name = EmailMessage.BY_REQUEST_ID, query = "SELECT e FROM EmailMessage e WHERE e.requestId = :requestId")
@NamedQuery(name = EmailMessage.DUE_SENDS, query = "SELECT e.id FROM EmailMessage e WHERE e.sendStatus = :pending "
        + "AND e.storedAt < :before AND (e.sendClaimedUntil IS NULL OR e.sendClaimedUntil < :now) ORDER BY e.id")
@NamedQuery(name = EmailMessage.SEND_CLAIM,
        query = "SELECT e.sendClaimedUntil FROM EmailMessage e WHERE e.id = :id")
@NamedQuery(name = EmailMessage.CLAIM_SEND, query = "UPDATE EmailMessage e SET e.sendClaimedUntil = :until, "
        + "e.sendAttempts = e.sendAttempts + 1 WHERE e.id = :id AND e.sendStatus = :pending "
        + "AND (e.sendClaimedUntil IS NULL OR e.sendClaimedUntil < :now)")
@NamedQuery(name = EmailMessage.SEND_FINISHED, query = "UPDATE EmailMessage e SET e.sendStatus = :status, "
        + "e.sendError = :error, e.sendClaimedUntil = NULL WHERE e.id = :id")
@NamedQuery(name = EmailMessage.SEND_RELEASED, query = "UPDATE EmailMessage e SET e.sendError = :error, "
        + "e.sendClaimedUntil = NULL WHERE e.id = :id")
@NamedQuery(name = EmailMessage.SEND_WARNING,
        query = "UPDATE EmailMessage e SET e.sendWarning = :warning WHERE e.id = :id")
public class EmailMessage {

    /**
     * The folder's e-mails with a UID in a batch's range. A range, not an IN list of the batch's UIDs: H2 uses an
     * index only for an IN list on its first column, and scanned the whole folder for every batch (MB-02).
     */
    public static final String IN_UID_RANGE = "EmailMessage.inUidRange";
    public static final String BY_DEDUPE_KEY = "EmailMessage.byDedupeKey";
    /**
     * Which of the keys the mailbox holds already, in any folder: a message in several folders (a copy, Gmail's
     * labels and "All Mail") is stored once (MB-02).
     */
    public static final String KEYS_IN_MAILBOX = "EmailMessage.keysInMailbox";
    /** CONDSTORE: a message's read flag changed on the server. (EclipseLink prints booleans as 1/0 in an UPDATE's
     * WHERE, which H2 refuses: the flag is only set, never compared.) */
    public static final String SET_SEEN = "EmailMessage.setSeen";
    public static final String COUNT_OF_MAILBOX = "EmailMessage.countOfMailbox";
    /** MB-04: the e-mails of the given mailboxes that carry one of the addresses (a timeline), newest first. */
    public static final String IDS_CARRYING = "EmailMessage.idsCarrying";
    public static final String WITH_FOLDER = "EmailMessage.withFolder";
    public static final String PAGE_OF_MAILBOXES = "EmailMessage.pageOfMailboxes";
    /**
     * MB-03: sent e-mails saved to a Sent folder whose server gave no UID (no UIDPLUS) carry a placeholder UID below
     * zero (and UIDVALIDITY 0); the folder's next sync finds them by Message-ID and gives them their UID instead of
     * loading them again. All of a folder's, found through the unique key's prefix (few: a key IN list scanned the
     * folder).
     */
    public static final String UNPLACED_OF_FOLDER = "EmailMessage.unplacedOfFolder";
    /** the send stored for a SendEmailCommand's requestId, if any. */
    public static final String BY_REQUEST_ID = "EmailMessage.byRequestId";
    /** The ids of PENDING sends stored before {@code :before} and not claimed (the retry timer). */
    public static final String DUE_SENDS = "EmailMessage.dueSends";
    /** Claims a PENDING send for one attempt; 1 row updated = claimed. */
    public static final String CLAIM_SEND = "EmailMessage.claimSend";
    /** Until when an attempt holds a send; set after it ends only when the attempt was cut off (MB-03). */
    public static final String SEND_CLAIM = "EmailMessage.sendClaim";
    /** Records a send's outcome (SENT, or FAILED with the reason) and releases the claim. */
    public static final String SEND_FINISHED = "EmailMessage.sendFinished";
    /** A failed attempt that will be retried: the reason so far, and the claim released. */
    public static final String SEND_RELEASED = "EmailMessage.sendReleased";
    /** The sent e-mail could not be saved to the Sent folder: why (the send itself stands). */
    public static final String SEND_WARNING = "EmailMessage.sendWarning";
    public static final int SEND_ERROR_MAX = 1000;
    public static final int REQUEST_ID_MAX = 200;
    public static final int SUBMITTED_BY_MAX = 100;
    public static final int REFERENCES_MAX = 10_000;
    public static final int READ_PROBLEMS_MAX = 2000;

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

    /** {@code null} for a sent e-mail not (yet) saved to the server's Sent folder. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "folder_id")
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

    /*
     * The send's state (MB-03) changes only by the bulk updates above and is not updatable by entity writes, so that
     * the sync moving a message to its UID never writes back a stale send state.
     */
    @Enumerated(EnumType.STRING)
    @Column(name = "send_status", length = 10, updatable = false)
    private SendStatus sendStatus;

    @Column(name = "send_error", length = SEND_ERROR_MAX, updatable = false)
    private String sendError;

    @Column(name = "send_warning", length = SEND_ERROR_MAX, updatable = false)
    private String sendWarning;

    @Column(name = "send_attempts", nullable = false, updatable = false)
    private int sendAttempts;

    @Column(name = "send_claimed_until", updatable = false)
    private OffsetDateTime sendClaimedUntil;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "sent_by_id", updatable = false)
    private User sentBy;

    @Column(name = "request_id", length = REQUEST_ID_MAX, updatable = false)
    private String requestId;

    @Column(name = "references_header", length = REFERENCES_MAX, updatable = false)
    private String referencesHeader;

    /**
     * who asked for the send when it was not the sender: the REST caller acting for them, or the JMS producer
     * of a {@code SendEmailCommand}; null when the sender sent it themselves.
     */
    @Column(name = "submitted_by", length = SUBMITTED_BY_MAX, updatable = false)
    private String submittedBy;

    /**
     * MB-02: what of a received message could not be read as sent, one {@code KIND where} a line (the ejb's
     * {@code ReadProblem}); {@code null} for a sound message.
     */
    @Column(name = "read_problems", length = READ_PROBLEMS_MAX, updatable = false)
    private String readProblems;

    protected EmailMessage() {
    }

    /**
     * An e-mail to send from the mailbox (MB-03), stored PENDING before the SMTP server is asked; it has no folder
     * until it is saved to the Sent folder. {@code messageId} (without angle brackets) is fixed now, so that a retry
     * sends the same message and the Sent folder's sync recognises it.
     */
    public static EmailMessage outgoing(Mailbox mailbox, User sentBy, String messageId, String requestId,
            String references, OffsetDateTime storedAt) {
        EmailMessage email = new EmailMessage(mailbox, null, 0, 0, messageId, messageId, storedAt);
        email.sentBy = sentBy;
        email.requestId = clip(requestId, REQUEST_ID_MAX);
        email.referencesHeader = clip(references, REFERENCES_MAX);
        email.sendStatus = SendStatus.PENDING;
        email.seen = true;
        return email;
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

    /**
     * Cuts a header value to its column (headers have no length limit, columns do), without splitting a surrogate
     * pair, and drops U+0000, which a message may carry and PostgreSQL text cannot hold (MB-02).
     */
    public static String clip(String value, int max) {
        if (value == null) {
            return null;
        }
        String text = value.indexOf('\u0000') < 0 ? value : value.replace("\u0000", "");
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
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

    /**
     * MB-03: the sent e-mail was saved to the mailbox's Sent folder under this UID (a placeholder below zero when
     * the server did not say, see {@link #UNPLACED_OF_FOLDER}).
     */
    public void placeIn(MailboxFolder sentFolder, long newUidValidity, long newUid) {
        this.folder = sentFolder;
        this.uidValidity = newUidValidity;
        this.uid = newUid;
    }

    /** Threads a sent e-mail with the conversation it answers (MB-03). */
    public void setThreadKey(String threadKey) {
        this.threadKey = clip(threadKey, KEY_MAX);
    }

    public SendStatus getSendStatus() {
        return sendStatus;
    }

    public String getSendError() {
        return sendError;
    }

    public String getSendWarning() {
        return sendWarning;
    }

    public int getSendAttempts() {
        return sendAttempts;
    }

    public OffsetDateTime getSendClaimedUntil() {
        return sendClaimedUntil;
    }

    public User getSentBy() {
        return sentBy;
    }

    public String getRequestId() {
        return requestId;
    }

    public String getSubmittedBy() {
        return submittedBy;
    }

    /** Set before the e-mail is stored: the column is written once, with the insert. */
    public void setSubmittedBy(String submittedBy) {
        this.submittedBy = clip(submittedBy, SUBMITTED_BY_MAX);
    }

    public String getReadProblems() {
        return readProblems;
    }

    /** Set before the e-mail is stored: the column is written once, with the insert. */
    public void setReadProblems(String readProblems) {
        this.readProblems = clip(readProblems, READ_PROBLEMS_MAX);
    }

    public String getReferencesHeader() {
        return referencesHeader;
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
