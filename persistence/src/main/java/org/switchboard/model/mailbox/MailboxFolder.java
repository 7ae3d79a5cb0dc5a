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
 * A folder of a mailbox as the server names it (MB-02, MB-10): ticked for sync or not, and its sync cursor. The
 * cursor's columns change only by {@link #SET_CURSOR}, together with the e-mails they cover, in one transaction;
 * entity writes (a user ticking the folder) never touch them.
 */
@Entity
@Table(name = "mailbox_folder")
@NamedQuery(name = MailboxFolder.OF_MAILBOX,
        query = "SELECT f FROM MailboxFolder f WHERE f.mailbox.id = :mailboxId ORDER BY f.fullName")
@NamedQuery(name = MailboxFolder.BY_NAME,
        query = "SELECT f FROM MailboxFolder f WHERE f.mailbox.id = :mailboxId AND f.fullName = :fullName")
@NamedQuery(name = MailboxFolder.SET_CURSOR, query = "UPDATE MailboxFolder f SET f.version = f.version, f.uidValidity = :uidValidity, "
        + "f.uidNext = :uidNext, f.lastUid = :lastUid, f.highestModSeq = :highestModSeq, "
        + "f.periodUidLimit = :periodUidLimit, f.syncedAt = :at WHERE f.id = :id")
public class MailboxFolder {

    public static final String OF_MAILBOX = "MailboxFolder.ofMailbox";
    /**
     * Moves a folder's cursor in the transaction that stores what it covers. A bulk update, without the version:
     * the sync must not collide with a user ticking folders (MB-10), which is what the version guards.
     */
    public static final String SET_CURSOR = "MailboxFolder.setCursor";
    public static final String BY_NAME = "MailboxFolder.byName";
    public static final int NAME_MAX = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mailbox_folder_seq")
    @SequenceGenerator(name = "mailbox_folder_seq", sequenceName = "mailbox_folder_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "mailbox_id", nullable = false, updatable = false)
    private Mailbox mailbox;

    @Column(name = "full_name", length = NAME_MAX, nullable = false, updatable = false)
    private String fullName;

    @Column(name = "selected", nullable = false)
    private boolean selected;

    @Column(name = "uid_validity", nullable = false, updatable = false)
    private long uidValidity;

    @Column(name = "uid_next", nullable = false, updatable = false)
    private long uidNext;

    @Column(name = "last_uid", nullable = false, updatable = false)
    private long lastUid;

    @Column(name = "highest_mod_seq", nullable = false, updatable = false)
    private long highestModSeq;

    @Column(name = "period_uid_limit", nullable = false, updatable = false)
    private long periodUidLimit;

    @Column(name = "synced_at", updatable = false)
    private OffsetDateTime syncedAt;

    protected MailboxFolder() {
    }

    public MailboxFolder(Mailbox mailbox, String fullName) {
        this.mailbox = mailbox;
        this.fullName = fullName;
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

    public String getFullName() {
        return fullName;
    }

    public boolean isSelected() {
        return selected;
    }

    public void setSelected(boolean selected) {
        this.selected = selected;
    }

    public long getUidValidity() {
        return uidValidity;
    }

    public long getUidNext() {
        return uidNext;
    }

    public long getLastUid() {
        return lastUid;
    }

    public long getHighestModSeq() {
        return highestModSeq;
    }

    public long getPeriodUidLimit() {
        return periodUidLimit;
    }


    public OffsetDateTime getSyncedAt() {
        return syncedAt;
    }
}
