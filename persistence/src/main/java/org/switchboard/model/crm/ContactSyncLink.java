package org.switchboard.model.crm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A CRM contact linked to a remote item of a mailbox (issue 21 item 5), with the item's change key and the contact's
 * version when they were last synced. {@code contactId} is plain (no relationship): the database sets it to null when
 * the contact is deleted here, which the next run reads as "deleted here".
 */
@Entity
@Table(name = "contact_sync_link")
@NamedQuery(name = ContactSyncLink.OF_REMOTE, query = "SELECT l FROM ContactSyncLink l "
        + "WHERE l.mailboxId = :mailboxId AND l.remoteId = :remoteId")
@NamedQuery(name = ContactSyncLink.OF_CONTACT, query = "SELECT l FROM ContactSyncLink l "
        + "WHERE l.mailboxId = :mailboxId AND l.contactId = :contactId ORDER BY l.id")
@NamedQuery(name = ContactSyncLink.DELETED_HERE, query = "SELECT l FROM ContactSyncLink l "
        + "WHERE l.mailboxId = :mailboxId AND l.contactId IS NULL ORDER BY l.id")
@NamedQuery(name = ContactSyncLink.PENDING, query = "SELECT l FROM ContactSyncLink l "
        + "WHERE l.mailboxId = :mailboxId AND l.pendingFingerprint = :fingerprint AND l.contactId IS NOT NULL "
        + "ORDER BY l.id")
@NamedQuery(name = ContactSyncLink.CHANGED_HERE, query = "SELECT c FROM Contact c "
        + "WHERE NOT EXISTS (SELECT l.id FROM ContactSyncLink l WHERE l.mailboxId = :mailboxId "
        + "AND l.contactId = c.id AND (l.removedThereAt IS NOT NULL "
        + "OR (l.syncedVersion = c.version AND l.pendingFingerprint IS NULL))) ORDER BY c.id")
@NamedQuery(name = ContactSyncLink.CHANGED_HERE_OF_CATEGORIES, query = "SELECT c FROM Contact c "
        + "LEFT JOIN c.category cat "
        + "WHERE NOT EXISTS (SELECT l.id FROM ContactSyncLink l WHERE l.mailboxId = :mailboxId "
        + "AND l.contactId = c.id AND (l.removedThereAt IS NOT NULL "
        + "OR (l.syncedVersion = c.version AND l.pendingFingerprint IS NULL))) "
        + "AND (cat.id IN (SELECT x.categoryId FROM ContactSyncCategory x WHERE x.mailboxId = :mailboxId) "
        + "OR EXISTS (SELECT m.contactId FROM ContactGroupMember m, ContactSyncGroup g WHERE m.contactId = c.id "
        + "AND g.groupId = m.groupId AND g.mailboxId = :mailboxId)) "
        + "ORDER BY c.id")
public class ContactSyncLink {

    public static final String OF_REMOTE = "ContactSyncLink.ofRemote";
    public static final String OF_CONTACT = "ContactSyncLink.ofContact";
    public static final String DELETED_HERE = "ContactSyncLink.deletedHere";
    /** The mailbox's pending link (a create sent, its answer not recorded) of what was sent with that fingerprint. */
    public static final String PENDING = "ContactSyncLink.pending";
    /** The remote id of a pending link, followed by its contact's id. */
    public static final String PENDING_PREFIX = "pending:";
    /**
     * EC-02: the contacts that changed since they were last synced with the mailbox, or never were, or whose create
     * is pending; never one whose item was deleted there. (A deletion there is a time, not a boolean: EclipseLink writes a boolean compared
     * inside a subquery as 1, which H2 refuses to compare with a BOOLEAN column.)
     */
    public static final String CHANGED_HERE = "ContactSyncLink.changedHere";
    /** EC-02: as {@link #CHANGED_HERE}, of the mailbox's exported categories and groups only. */
    public static final String CHANGED_HERE_OF_CATEGORIES = "ContactSyncLink.changedHereOfCategories";
    public static final int REMOTE_ID_MAX = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_sync_link_seq")
    @SequenceGenerator(name = "contact_sync_link_seq", sequenceName = "contact_sync_link_seq", allocationSize = 50)
    private Long id;

    @Column(name = "mailbox_id", nullable = false, updatable = false)
    private long mailboxId;

    @Column(name = "contact_id")
    private Long contactId;

    @Column(name = "remote_id", length = REMOTE_ID_MAX, nullable = false)
    private String remoteId;

    @Column(name = "change_key", length = 1000)
    private String changeKey;

    @Column(name = "synced_version", nullable = false)
    private long syncedVersion;

    @Column(name = "created_here", nullable = false)
    private boolean createdHere;

    @Column(name = "removed_there_at")
    private OffsetDateTime removedThereAt;

    @Column(name = "pending_fingerprint", length = 64)
    private String pendingFingerprint;

    protected ContactSyncLink() {
    }

    public ContactSyncLink(long mailboxId, long contactId, String remoteId, boolean createdHere) {
        this.mailboxId = mailboxId;
        this.contactId = contactId;
        this.remoteId = remoteId;
        this.createdHere = createdHere;
    }

    public Long getId() {
        return id;
    }

    public long getMailboxId() {
        return mailboxId;
    }

    /** The CRM contact, or null when it was deleted here. */
    public Long getContactId() {
        return contactId;
    }

    public String getRemoteId() {
        return remoteId;
    }

    public void setRemoteId(String remoteId) {
        this.remoteId = remoteId;
    }

    public String getChangeKey() {
        return changeKey;
    }

    public long getSyncedVersion() {
        return syncedVersion;
    }

    /** Records the two sides as synced: the item at this change key, the contact at this version. */
    public void synced(String changeKey, long syncedVersion) {
        this.changeKey = changeKey;
        this.syncedVersion = syncedVersion;
    }

    /** Whether the sync created the remote item (only such an item is deleted there when its contact is, EC-01). */
    public boolean isCreatedHere() {
        return createdHere;
    }

    /** Whether the remote item was deleted there: the contact stays here and is not exported again. */
    public boolean isRemovedThere() {
        return removedThereAt != null;
    }

    /** When the remote item was found deleted there, or null while it is there. */
    /** The fingerprint of what a pending create sent, or null when the link is not pending. */
    public String getPendingFingerprint() {
        return pendingFingerprint;
    }

    public void setPendingFingerprint(String pendingFingerprint) {
        this.pendingFingerprint = pendingFingerprint;
    }

    public OffsetDateTime getRemovedThereAt() {
        return removedThereAt;
    }

    public void setRemovedThereAt(OffsetDateTime removedThereAt) {
        this.removedThereAt = removedThereAt;
    }
}
