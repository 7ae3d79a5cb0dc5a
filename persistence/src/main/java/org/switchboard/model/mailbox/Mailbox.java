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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.switchboard.model.mail.MailProvider;
import org.switchboard.model.security.User;

/**
 * A connected mailbox (MB-01..MB-03, MB-08..MB-12): whose it is, its provider and log-in (the password encrypted by
 * the service), how it loads mail (period, automatic, all or selected folders), how it sends (flag, default sender,
 * alias, signature), whether others may use it (SM-04), and where its sync stands.
 */
@Entity
@Table(name = "mailbox")
@NamedQuery(name = Mailbox.BY_ADDRESS, query = "SELECT m FROM Mailbox m WHERE m.address = :address")
@NamedQuery(name = Mailbox.OF_OWNER,
        query = "SELECT m FROM Mailbox m JOIN FETCH m.provider WHERE m.owner.id = :ownerId ORDER BY m.address")
@NamedQuery(name = Mailbox.BY_IDS, query = "SELECT m FROM Mailbox m JOIN FETCH m.provider JOIN FETCH m.owner "
        + "WHERE m.id IN :ids ORDER BY m.address")
@NamedQuery(name = Mailbox.WITH_PROVIDER,
        query = "SELECT m FROM Mailbox m JOIN FETCH m.provider JOIN FETCH m.owner WHERE m.id = :id")
@NamedQuery(name = Mailbox.COUNT_BY_PROVIDER,
        query = "SELECT COUNT(m) FROM Mailbox m WHERE m.provider.id = :providerId")
@NamedQuery(name = Mailbox.DUE, query = "SELECT m.id FROM Mailbox m WHERE (m.syncRequested = TRUE "
        + "OR (m.autoSync = TRUE AND m.nextSyncAt <= :now)) AND m.signInNeededAt IS NULL "
        + "AND (m.syncClaimedUntil IS NULL OR m.syncClaimedUntil < :now) ORDER BY m.nextSyncAt")
@NamedQuery(name = Mailbox.CLAIM, query = "UPDATE Mailbox m SET m.version = m.version, m.syncClaimedUntil = :until, m.syncRequested = FALSE, "
        + "m.syncClaimedBy = :node, m.syncClaimRun = :run WHERE m.id = :id "
        + "AND (m.syncClaimedUntil IS NULL OR m.syncClaimedUntil < :now)")
@NamedQuery(name = Mailbox.RENEW_CLAIMS, query = "UPDATE Mailbox m SET m.version = m.version, m.syncClaimedUntil = :until "
        + "WHERE m.id IN :ids AND m.syncClaimRun = :run AND m.syncClaimedUntil IS NOT NULL")
@NamedQuery(name = Mailbox.WATCHABLE, query = "SELECT m.id, m.version FROM Mailbox m WHERE m.autoSync = TRUE "
        + "AND m.lastSyncAt IS NOT NULL AND m.status <> :failed AND m.signInNeededAt IS NULL "
        + "AND (m.provider.type = :imap OR m.provider.exchangeKind = :exchangeServer) ORDER BY m.id")
@NamedQuery(name = Mailbox.RELEASE_CLAIM, query = "UPDATE Mailbox m SET m.version = m.version, m.syncClaimedUntil = NULL, "
        + "m.syncClaimedBy = NULL, m.syncClaimRun = NULL WHERE m.id = :id AND m.syncClaimRun = :run")
@NamedQuery(name = Mailbox.RELEASE_DEAD_CLAIMS, query = "UPDATE Mailbox m SET m.version = m.version, m.syncClaimedUntil = NULL, "
        + "m.syncClaimedBy = NULL, m.syncClaimRun = NULL, m.syncRequested = TRUE "
        + "WHERE m.syncClaimedBy = :node AND (m.syncClaimRun IS NULL OR m.syncClaimRun <> :run)")
@NamedQuery(name = Mailbox.REQUEST_SYNC, query = "UPDATE Mailbox m SET m.version = m.version, m.syncRequested = TRUE WHERE m.id = :id")
@NamedQuery(name = Mailbox.SYNC_STARTED, query = "UPDATE Mailbox m SET m.version = m.version, m.status = :status, m.syncPlanned = 0, "
        + "m.syncLoaded = 0 WHERE m.id = :id")
@NamedQuery(name = Mailbox.FIX_LOAD_SINCE,
        query = "UPDATE Mailbox m SET m.version = m.version, m.loadSince = :since WHERE m.id = :id AND m.loadSince IS NULL")
@NamedQuery(name = Mailbox.SYNC_PROGRESS, query = "UPDATE Mailbox m SET m.version = m.version, m.syncPlanned = :planned, "
        + "m.syncLoaded = :loaded, m.syncClaimedUntil = :until WHERE m.id = :id")
@NamedQuery(name = Mailbox.SYNC_FINISHED, query = "UPDATE Mailbox m SET m.version = m.version, m.status = :status, m.lastError = :error, "
        + "m.lastErrorAt = :errorAt, m.lastSyncAt = :at, m.nextSyncAt = :next, m.syncClaimedUntil = NULL, "
        + "m.syncClaimedBy = NULL, m.syncClaimRun = NULL "
        + "WHERE m.id = :id")
@NamedQuery(name = Mailbox.NEEDS_SIGN_IN, query = "UPDATE Mailbox m SET m.version = m.version, m.signInReason = :reason, "
        + "m.signInNeededAt = :at WHERE m.id = :id AND m.signInNeededAt IS NULL")
@NamedQuery(name = Mailbox.SIGNED_IN, query = "UPDATE Mailbox m SET m.version = m.version, m.signInReason = NULL, "
        + "m.signInNeededAt = NULL, m.syncRequested = TRUE WHERE m.id = :id")
public class Mailbox {

    /*
     * The sync's own columns (status, progress, error, schedule, claim, request) change only by these bulk updates,
     * without the version, and are not updatable by entity writes: a sync never collides with a user saving the
     * mailbox's settings (which the version guards), and saving settings never writes back a stale sync state.
     * "m.version = m.version" says so to EclipseLink, which otherwise adds one to the version in every bulk update
     * (Hibernate does not): on Payara each sync's progress made a settings save fail as someone else's change, and
     * restarted the mailbox's IDLE watch, which compares versions.
     */
    public static final String REQUEST_SYNC = "Mailbox.requestSync";
    public static final String SYNC_STARTED = "Mailbox.syncStarted";
    public static final String FIX_LOAD_SINCE = "Mailbox.fixLoadSince";
    public static final String SYNC_PROGRESS = "Mailbox.syncProgress";
    public static final String SYNC_FINISHED = "Mailbox.syncFinished";

    public static final String BY_ADDRESS = "Mailbox.byAddress";
    public static final String OF_OWNER = "Mailbox.ofOwner";
    public static final String WITH_PROVIDER = "Mailbox.withProvider";
    /** Mailboxes by id with provider and owner, for the lists a user's rights select (SM-02). */
    public static final String BY_IDS = "Mailbox.byIds";
    /** MP-05: how many mailboxes use a provider. */
    public static final String COUNT_BY_PROVIDER = "Mailbox.countByProvider";
    /** The ids of mailboxes due for a sync and not claimed by a node. */
    public static final String DUE = "Mailbox.due";
    /** Claims a mailbox for one sync run on this node; 1 row updated = claimed. */
    public static final String CLAIM = "Mailbox.claim";
    /** Extends the claims this node's live runs hold (the sync timer, every tick). */
    public static final String RENEW_CLAIMS = "Mailbox.renewClaims";
    /** IMAP mailboxes to watch with IDLE: loading automatically, synced once, not failing; id and version. */
    public static final String WATCHABLE = "Mailbox.watchable";
    /** Gives a claim back without ending a sync run (a "Retry" of one skipped message held it). */
    public static final String RELEASE_CLAIM = "Mailbox.releaseClaim";
    /**
     * At a node's start: the claims its earlier runs (before a crash) still hold are released and their mailboxes
     * asked for again, so they resume at once rather than when the claim expires.
     */
    public static final String RELEASE_DEAD_CLAIMS = "Mailbox.releaseDeadClaims";
    /**
     * MO-02: flags the mailbox "sign in again" (its grant is gone) once, with the reason; its sync pauses. 1 row
     * updated = this call flagged it (the owner is told once).
     */
    public static final String NEEDS_SIGN_IN = "Mailbox.needsSignIn";
    /** MB-12, MO-01: its owner signed in again: the flag goes and a sync is asked for. */
    public static final String SIGNED_IN = "Mailbox.signedIn";
    public static final int NODE_MAX = 100;

    public static final int ADDRESS_MAX = 254;
    public static final int LOGIN_MAX = 254;
    public static final int PASSWORD_STORED_MAX = 1000;
    public static final int ERROR_MAX = 1000;
    public static final int ALIAS_MAX = 200;
    public static final int SIGNATURE_MAX = 200_000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mailbox_seq")
    @SequenceGenerator(name = "mailbox_seq", sequenceName = "mailbox_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "owner_id", nullable = false, updatable = false)
    @NotNull
    private User owner;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "provider_id", nullable = false)
    @NotNull
    private MailProvider provider;

    @Column(name = "address", length = ADDRESS_MAX, nullable = false)
    @NotBlank
    @Size(max = ADDRESS_MAX)
    private String address;

    @Column(name = "login", length = LOGIN_MAX, nullable = false)
    @NotBlank
    @Size(max = LOGIN_MAX)
    private String login;

    /** AES-GCM ciphertext; {@code null} for OAuth mailboxes. */
    @Column(name = "password", length = PASSWORD_STORED_MAX)
    private String password;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 20, nullable = false, updatable = false)
    @NotNull
    private MailboxStatus status = MailboxStatus.NEW;

    @Column(name = "last_error", length = ERROR_MAX, updatable = false)
    private String lastError;

    @Column(name = "last_error_at", updatable = false)
    private OffsetDateTime lastErrorAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "load_period", length = 20, nullable = false)
    @NotNull
    private LoadPeriod loadPeriod = LoadPeriod.WEEK;

    @Column(name = "load_since", updatable = false)
    private OffsetDateTime loadSince;

    @Column(name = "auto_sync", nullable = false)
    private boolean autoSync = true;

    @Column(name = "all_folders", nullable = false)
    private boolean allFolders = true;

    @Column(name = "send_enabled", nullable = false)
    private boolean sendEnabled = true;

    @Column(name = "default_sender", nullable = false)
    private boolean defaultSender;

    @Column(name = "use_alias", nullable = false)
    private boolean useAlias;

    @Column(name = "alias", length = ALIAS_MAX)
    @Size(max = ALIAS_MAX)
    private String alias;

    @Column(name = "use_signature", nullable = false)
    private boolean useSignature;

    @Column(name = "signature_html")
    @Size(max = SIGNATURE_MAX)
    private String signatureHtml;

    @Column(name = "shared", nullable = false)
    private boolean shared;

    @Column(name = "sync_requested", nullable = false, updatable = false)
    private boolean syncRequested;

    @Column(name = "next_sync_at", updatable = false)
    private OffsetDateTime nextSyncAt;

    @Column(name = "sync_claimed_until", updatable = false)
    private OffsetDateTime syncClaimedUntil;

    /** The node whose sync run holds the claim, and that run of the node (a new id at every start). */
    @Column(name = "sync_claimed_by", length = NODE_MAX, updatable = false)
    private String syncClaimedBy;

    @Column(name = "sync_claim_run", length = 36, updatable = false)
    private String syncClaimRun;

    @Column(name = "last_sync_at", updatable = false)
    private OffsetDateTime lastSyncAt;

    @Column(name = "sync_planned", nullable = false, updatable = false)
    private int syncPlanned;

    @Column(name = "sync_loaded", nullable = false, updatable = false)
    private int syncLoaded;

    @Column(name = "sign_in_reason", length = ERROR_MAX, updatable = false)
    private String signInReason;

    @Column(name = "sign_in_needed_at", updatable = false)
    private OffsetDateTime signInNeededAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected Mailbox() {
    }

    public Mailbox(User owner, MailProvider provider, String address, OffsetDateTime createdAt) {
        this.owner = owner;
        this.provider = provider;
        this.address = address;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public User getOwner() {
        return owner;
    }

    public MailProvider getProvider() {
        return provider;
    }

    public void setProvider(MailProvider provider) {
        this.provider = provider;
    }

    public String getAddress() {
        return address;
    }

    public String getLogin() {
        return login;
    }

    public void setLogin(String login) {
        this.login = login;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public MailboxStatus getStatus() {
        return status;
    }


    public String getLastError() {
        return lastError;
    }

    public OffsetDateTime getLastErrorAt() {
        return lastErrorAt;
    }


    public LoadPeriod getLoadPeriod() {
        return loadPeriod;
    }

    public void setLoadPeriod(LoadPeriod loadPeriod) {
        this.loadPeriod = loadPeriod;
    }

    public OffsetDateTime getLoadSince() {
        return loadSince;
    }


    public boolean isAutoSync() {
        return autoSync;
    }

    public void setAutoSync(boolean autoSync) {
        this.autoSync = autoSync;
    }

    public boolean isAllFolders() {
        return allFolders;
    }

    public void setAllFolders(boolean allFolders) {
        this.allFolders = allFolders;
    }

    public boolean isSendEnabled() {
        return sendEnabled;
    }

    public void setSendEnabled(boolean sendEnabled) {
        this.sendEnabled = sendEnabled;
    }

    public boolean isDefaultSender() {
        return defaultSender;
    }

    public void setDefaultSender(boolean defaultSender) {
        this.defaultSender = defaultSender;
    }

    public boolean isUseAlias() {
        return useAlias;
    }

    public void setUseAlias(boolean useAlias) {
        this.useAlias = useAlias;
    }

    public String getAlias() {
        return alias;
    }

    public void setAlias(String alias) {
        this.alias = alias;
    }

    public boolean isUseSignature() {
        return useSignature;
    }

    public void setUseSignature(boolean useSignature) {
        this.useSignature = useSignature;
    }

    public String getSignatureHtml() {
        return signatureHtml;
    }

    public void setSignatureHtml(String signatureHtml) {
        this.signatureHtml = signatureHtml;
    }

    /** Why its owner must sign in again (MO-02), or {@code null}. */
    public String getSignInReason() {
        return signInReason;
    }

    /** When its grant was found gone (MO-02): its sync pauses until the owner signs in again; or {@code null}. */
    public OffsetDateTime getSignInNeededAt() {
        return signInNeededAt;
    }

    public boolean isShared() {
        return shared;
    }

    public void setShared(boolean shared) {
        this.shared = shared;
    }

    public boolean isSyncRequested() {
        return syncRequested;
    }


    public OffsetDateTime getNextSyncAt() {
        return nextSyncAt;
    }


    public OffsetDateTime getSyncClaimedUntil() {
        return syncClaimedUntil;
    }

    public String getSyncClaimedBy() {
        return syncClaimedBy;
    }

    public String getSyncClaimRun() {
        return syncClaimRun;
    }


    public OffsetDateTime getLastSyncAt() {
        return lastSyncAt;
    }


    public int getSyncPlanned() {
        return syncPlanned;
    }

    public int getSyncLoaded() {
        return syncLoaded;
    }


    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
