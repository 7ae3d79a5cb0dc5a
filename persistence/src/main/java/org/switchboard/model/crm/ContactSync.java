package org.switchboard.model.crm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/**
 * A mailbox's two-way contact sync (EC-01..EC-05): its settings, its progress and last result, and its claim. The
 * claim columns are written only by the named updates, so that a run's claim and a user saving the settings never
 * overwrite each other; a run claims with a conditional update, as the mail sync does on the mailbox.
 */
@Entity
@Table(name = "contact_sync")
@NamedQuery(name = ContactSync.CLAIM, query = "UPDATE ContactSync s SET s.version = s.version, "
        + "s.claimedUntil = :until, s.claimedBy = :node, s.claimRun = :run, s.requested = FALSE "
        + "WHERE s.mailboxId = :mailboxId AND (s.claimedUntil IS NULL OR s.claimedUntil < :now)")
@NamedQuery(name = ContactSync.RENEW_CLAIM, query = "UPDATE ContactSync s SET s.version = s.version, "
        + "s.claimedUntil = :until WHERE s.mailboxId = :mailboxId AND s.claimRun = :run")
@NamedQuery(name = ContactSync.RELEASE_CLAIM, query = "UPDATE ContactSync s SET s.version = s.version, "
        + "s.claimedUntil = NULL, s.claimedBy = NULL, s.claimRun = NULL WHERE s.mailboxId = :mailboxId "
        + "AND s.claimRun = :run")
@NamedQuery(name = ContactSync.RELEASE_DEAD_CLAIMS, query = "UPDATE ContactSync s SET s.version = s.version, "
        + "s.claimedUntil = NULL, s.claimedBy = NULL, s.claimRun = NULL, s.requested = TRUE "
        + "WHERE s.claimedBy = :node AND (s.claimRun IS NULL OR s.claimRun <> :run)")
@NamedQuery(name = ContactSync.DUE, query = "SELECT s.mailboxId FROM ContactSync s "
        + "WHERE (s.requested = TRUE OR (s.autoSync = TRUE AND (s.nextRunAt IS NULL OR s.nextRunAt <= :now))) "
        + "AND (s.claimedUntil IS NULL OR s.claimedUntil < :now) ORDER BY s.nextRunAt, s.mailboxId")
public class ContactSync {

    public static final String CLAIM = "ContactSync.claim";
    public static final String RENEW_CLAIM = "ContactSync.renewClaim";
    public static final String RELEASE_CLAIM = "ContactSync.releaseClaim";
    /** At a node's start: the claims of its earlier start (killed mid-run) go, and those runs are asked for again. */
    public static final String RELEASE_DEAD_CLAIMS = "ContactSync.releaseDeadClaims";
    /** The mailboxes whose contact sync is asked for or due, not claimed. */
    public static final String DUE = "ContactSync.due";
    public static final int ERROR_MAX = 1000;

    /** EC-02: what the sync sends to the mailbox. */
    public enum ExportMode {
        /** Nothing: import only. */
        NONE,
        /** Every contact the mailbox's owner may see. */
        ALL,
        /** The contacts of the selected categories. */
        CATEGORIES
    }

    /** Where the sync stands. */
    public enum Status {
        NEW, RUNNING, READY, FAILED
    }

    @Id
    @Column(name = "mailbox_id")
    private Long mailboxId;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "auto_sync", nullable = false)
    private boolean autoSync;

    @Column(name = "import_contacts", nullable = false)
    private boolean importContacts = true;

    @Column(name = "all_folders", nullable = false)
    private boolean allFolders = true;

    @Enumerated(EnumType.STRING)
    @Column(name = "export_mode", length = 10, nullable = false)
    private ExportMode exportMode = ExportMode.ALL;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 20, nullable = false)
    private Status status = Status.NEW;

    @Column(name = "progress_done", nullable = false)
    private int progressDone;

    @Column(name = "last_synced_at")
    private OffsetDateTime lastSyncedAt;

    @Column(name = "last_error", length = ERROR_MAX)
    private String lastError;

    @Column(name = "last_error_at")
    private OffsetDateTime lastErrorAt;

    @Column(name = "next_run_at")
    private OffsetDateTime nextRunAt;

    @Column(name = "requested", nullable = false)
    private boolean requested;

    @Column(name = "set_up_at")
    private OffsetDateTime setUpAt;

    // Not updatable, as on the mailbox: only the named updates write them. Insertable (null on a new row): EclipseLink
    // bound a read-only column's NULL in a bulk update as a text, which PostgreSQL refused for claimed_until, so that
    // on Payara with PostgreSQL no claim was ever released (TransactionRecoveryIT found it).
    @Column(name = "claimed_until", updatable = false)
    private OffsetDateTime claimedUntil;

    @Column(name = "claimed_by", length = 100, updatable = false)
    private String claimedBy;

    @Column(name = "claim_run", length = 36, updatable = false)
    private String claimRun;

    protected ContactSync() {
    }

    public ContactSync(long mailboxId) {
        this.mailboxId = mailboxId;
    }

    public Long getMailboxId() {
        return mailboxId;
    }

    public long getVersion() {
        return version;
    }

    /** EC-03: whether the sync runs on its own, at the mail sync's interval. */
    public boolean isAutoSync() {
        return autoSync;
    }

    public void setAutoSync(boolean autoSync) {
        this.autoSync = autoSync;
    }

    /** EC-01: whether every contact folder is synced, or only the selected ones. */
    public boolean isAllFolders() {
        return allFolders;
    }

    public void setAllFolders(boolean allFolders) {
        this.allFolders = allFolders;
    }

    public ExportMode getExportMode() {
        return exportMode;
    }

    public void setExportMode(ExportMode exportMode) {
        this.exportMode = exportMode;
    }

    public Status getStatus() {
        return status;
    }

    public void setStatus(Status status) {
        this.status = status;
    }

    /** How many items the running (or last) run has handled ("142 of 980"). */
    public int getProgressDone() {
        return progressDone;
    }

    public void setProgressDone(int progressDone) {
        this.progressDone = progressDone;
    }

    public OffsetDateTime getLastSyncedAt() {
        return lastSyncedAt;
    }

    public void setLastSyncedAt(OffsetDateTime lastSyncedAt) {
        this.lastSyncedAt = lastSyncedAt;
    }

    public String getLastError() {
        return lastError;
    }

    public OffsetDateTime getLastErrorAt() {
        return lastErrorAt;
    }

    /** Records the last run's failure, or clears it ({@code null}). */
    public void setLastError(String lastError, OffsetDateTime at) {
        this.lastError = lastError == null || lastError.length() <= ERROR_MAX ? lastError
                : lastError.substring(0, ERROR_MAX);
        this.lastErrorAt = lastError == null ? null : at;
    }

    public OffsetDateTime getNextRunAt() {
        return nextRunAt;
    }

    public void setNextRunAt(OffsetDateTime nextRunAt) {
        this.nextRunAt = nextRunAt;
    }

    /** Whether a user asked for a run now ("Run sync"), which the next dispatch starts. */
    public boolean isRequested() {
        return requested;
    }

    public void setRequested(boolean requested) {
        this.requested = requested;
    }

    public OffsetDateTime getClaimedUntil() {
        return claimedUntil;
    }

    public String getClaimedBy() {
        return claimedBy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContactSync sync && mailboxId != null && mailboxId.equals(sync.getMailboxId());
    }

    @Override
    public int hashCode() {
        return ContactSync.class.hashCode();
    }

    /** EC-01: whether the mailbox's contacts are imported; off = export only. */
    public boolean isImportContacts() {
        return importContacts;
    }

    public void setImportContacts(boolean importContacts) {
        this.importContacts = importContacts;
    }

    /** EC-05: when its settings were first saved or a run first asked for; null while only its page was opened. */
    public OffsetDateTime getSetUpAt() {
        return setUpAt;
    }

    /** Marks it set up, at the first time only. */
    public void setUp(OffsetDateTime at) {
        if (setUpAt == null) {
            setUpAt = at;
        }
    }
}
