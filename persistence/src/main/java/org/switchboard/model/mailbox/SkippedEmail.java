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
 * A message of a mailbox folder that a sync could not read or store at all (MB-02): listed on the mailbox page with
 * its reason and "Retry", while the folder's cursor has moved past it, so that one message never stops the mail
 * after it. A retry that stores the message deletes the row; one that fails again records the new reason.
 */
@Entity
@Table(name = "mailbox_skipped_message")
@NamedQuery(name = SkippedEmail.OF_MAILBOX, query = "SELECT s FROM SkippedEmail s JOIN FETCH s.folder "
        + "WHERE s.mailbox.id = :mailboxId ORDER BY s.skippedAt DESC, s.id DESC")
@NamedQuery(name = SkippedEmail.IN_FOLDER, query = "SELECT s FROM SkippedEmail s WHERE s.folder.id = :folderId "
        + "AND s.uidValidity = :uidValidity AND s.uid IN :uids")
@NamedQuery(name = SkippedEmail.COUNT_OF_MAILBOX,
        query = "SELECT COUNT(s) FROM SkippedEmail s WHERE s.mailbox.id = :mailboxId")
public class SkippedEmail {

    public static final String OF_MAILBOX = "SkippedEmail.ofMailbox";
    public static final String IN_FOLDER = "SkippedEmail.inFolder";
    public static final String COUNT_OF_MAILBOX = "SkippedEmail.countOfMailbox";
    public static final int REASON_MAX = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mailbox_skipped_message_seq")
    @SequenceGenerator(name = "mailbox_skipped_message_seq", sequenceName = "mailbox_skipped_message_seq",
            allocationSize = 50)
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

    @Column(name = "uid_validity", nullable = false, updatable = false)
    private long uidValidity;

    @Column(name = "uid", nullable = false, updatable = false)
    private long uid;

    @Column(name = "reason", length = REASON_MAX, nullable = false)
    private String reason;

    @Column(name = "skipped_at", nullable = false)
    private OffsetDateTime skippedAt;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    protected SkippedEmail() {
    }

    public SkippedEmail(Mailbox mailbox, MailboxFolder folder, long uidValidity, long uid, String reason,
            OffsetDateTime at) {
        this.mailbox = mailbox;
        this.folder = folder;
        this.uidValidity = uidValidity;
        this.uid = uid;
        this.reason = EmailMessage.clip(reason, REASON_MAX);
        this.skippedAt = at;
        this.attempts = 1;
    }

    /** Another attempt failed, for this reason. */
    public void failedAgain(String why, OffsetDateTime at) {
        this.reason = EmailMessage.clip(why, REASON_MAX);
        this.skippedAt = at;
        this.attempts++;
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

    public String getReason() {
        return reason;
    }

    public OffsetDateTime getSkippedAt() {
        return skippedAt;
    }

    public int getAttempts() {
        return attempts;
    }
}
