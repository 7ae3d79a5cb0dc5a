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
@NamedQuery(name = MailboxFolder.SET_SYNC_STATE, query = "UPDATE MailboxFolder f SET f.version = f.version, "
        + "f.uidValidity = :uidValidity, f.lastUid = :lastUid, f.syncState = :syncState, f.syncedAt = :at "
        + "WHERE f.id = :id")
@NamedQuery(name = MailboxFolder.SET_REMOTE_ID, query = "UPDATE MailboxFolder f SET f.version = f.version, "
        + "f.remoteId = :remoteId WHERE f.id = :id")
@NamedQuery(name = MailboxFolder.SET_SUBSCRIPTION, query = "UPDATE MailboxFolder f SET f.version = f.version, "
        + "f.subscriptionId = :subscriptionId, f.subscriptionSecret = :secret, f.subscriptionExpiresAt = :expiresAt, "
        + "f.subscriptionRefusedAt = :refusedAt WHERE f.id = :id")
@NamedQuery(name = MailboxFolder.BY_SUBSCRIPTIONS, query = "SELECT f FROM MailboxFolder f JOIN FETCH f.mailbox "
        + "WHERE f.subscriptionId IN :ids")
@NamedQuery(name = MailboxFolder.SET_SUBSCRIPTION_EXPIRY, query = "UPDATE MailboxFolder f SET f.version = f.version, "
        + "f.subscriptionExpiresAt = :expiresAt WHERE f.subscriptionId = :subscriptionId")
@NamedQuery(name = MailboxFolder.SUBSCRIPTIONS_OF_MAILBOX, query = "SELECT f.subscriptionId FROM MailboxFolder f "
        + "WHERE f.mailbox.id = :mailboxId AND f.subscriptionId IS NOT NULL")
public class MailboxFolder {

    public static final String OF_MAILBOX = "MailboxFolder.ofMailbox";
    /**
     * Moves a folder's cursor in the transaction that stores what it covers. A bulk update, without the version:
     * the sync must not collide with a user ticking folders (MB-10), which is what the version guards.
     */
    public static final String SET_CURSOR = "MailboxFolder.setCursor";
    public static final String BY_NAME = "MailboxFolder.byName";
    /**
     * MB-02 over Graph or EWS: moves a folder's sync state (Graph's delta link, EWS's SyncState) and its UID counter
     * in the transaction that stores what they cover, like {@link #SET_CURSOR}.
     */
    public static final String SET_SYNC_STATE = "MailboxFolder.setSyncState";
    /** Records the id the service gives a folder (it may change when the folder is recreated). */
    public static final String SET_REMOTE_ID = "MailboxFolder.setRemoteId";
    public static final int REMOTE_ID_MAX = 1000;
    /** MP-11: records (or clears, or marks refused) a folder's Graph subscription. */
    public static final String SET_SUBSCRIPTION = "MailboxFolder.setSubscription";
    /** MP-11: the folders (with their mailboxes) whose subscriptions a notification names. */
    public static final String BY_SUBSCRIPTIONS = "MailboxFolder.bySubscriptions";
    /**
     * MP-11: a subscription's new expiry, after a renewal; or now, when Graph asked to reauthorize it, so that the
     * mailbox's next sync renews it.
     */
    public static final String SET_SUBSCRIPTION_EXPIRY = "MailboxFolder.setSubscriptionExpiry";
    /** MP-11: the live subscriptions of a mailbox (to delete when it stops loading). */
    public static final String SUBSCRIPTIONS_OF_MAILBOX = "MailboxFolder.subscriptionsOfMailbox";
    public static final int SUBSCRIPTION_ID_MAX = 200;
    public static final int SYNC_STATE_MAX = 20_000;
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

    @Column(name = "remote_id", length = REMOTE_ID_MAX, updatable = false)
    private String remoteId;

    @Column(name = "sync_state", length = SYNC_STATE_MAX, updatable = false)
    private String syncState;

    @Column(name = "subscription_id", length = SUBSCRIPTION_ID_MAX, updatable = false)
    private String subscriptionId;

    /** AES-GCM ciphertext of the subscription's clientState. */
    @Column(name = "subscription_secret", length = 1000, updatable = false)
    private String subscriptionSecret;

    @Column(name = "subscription_expires_at", updatable = false)
    private OffsetDateTime subscriptionExpiresAt;

    @Column(name = "subscription_refused_at", updatable = false)
    private OffsetDateTime subscriptionRefusedAt;

    @Column(name = "synced_at", updatable = false)
    private OffsetDateTime syncedAt;

    protected MailboxFolder() {
    }

    public MailboxFolder(Mailbox mailbox, String fullName) {
        this.mailbox = mailbox;
        this.fullName = fullName;
    }

    /** A folder of a Graph or EWS mailbox, with the id the service gives it. */
    public MailboxFolder(Mailbox mailbox, String fullName, String remoteId) {
        this(mailbox, fullName);
        this.remoteId = remoteId;
    }

    /** The folder's id at Graph or EWS; {@code null} for an IMAP folder. */
    public String getRemoteId() {
        return remoteId;
    }

    /** Graph's delta link or EWS's SyncState that the next sync starts from; {@code null} before the first. */
    public String getSyncState() {
        return syncState;
    }

    /** MP-11: the folder's Graph subscription, or {@code null}. */
    public String getSubscriptionId() {
        return subscriptionId;
    }

    /** The ciphertext of the subscription's clientState. */
    public String getSubscriptionSecret() {
        return subscriptionSecret;
    }

    public OffsetDateTime getSubscriptionExpiresAt() {
        return subscriptionExpiresAt;
    }

    /** When Graph last refused a subscription for this folder, or {@code null}. */
    public OffsetDateTime getSubscriptionRefusedAt() {
        return subscriptionRefusedAt;
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
