package org.switchboard.model.crm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * EC-01: one contact folder of a mailbox, whether it is synced when not all are, and its committed state (Graph's
 * delta link, EWS's SyncState), written in the transaction of the changes it covers.
 */
@Entity
@Table(name = "contact_sync_folder")
@IdClass(ContactSyncFolder.Key.class)
@NamedQuery(name = ContactSyncFolder.OF_MAILBOX, query = "SELECT f FROM ContactSyncFolder f "
        + "WHERE f.mailboxId = :mailboxId ORDER BY f.name, f.remoteId")
public class ContactSyncFolder {

    public static final String OF_MAILBOX = "ContactSyncFolder.ofMailbox";
    public static final int NAME_MAX = 255;

    @Id
    @Column(name = "mailbox_id")
    private long mailboxId;

    @Id
    @Column(name = "remote_id", length = ContactSyncLink.REMOTE_ID_MAX)
    private String remoteId;

    @Column(name = "name", length = NAME_MAX, nullable = false)
    private String name;

    @Column(name = "selected", nullable = false)
    private boolean selected;

    @Column(name = "sync_state", length = 20000)
    private String syncState;

    protected ContactSyncFolder() {
    }

    public ContactSyncFolder(long mailboxId, String remoteId, String name) {
        this.mailboxId = mailboxId;
        this.remoteId = remoteId;
        setName(name);
    }

    public long getMailboxId() {
        return mailboxId;
    }

    public String getRemoteId() {
        return remoteId;
    }

    public String getName() {
        return name;
    }

    /** The folder's name as the provider shows it, cut to the column. */
    public void setName(String name) {
        String shown = name == null || name.isBlank() ? remoteId : name;
        this.name = shown.length() <= NAME_MAX ? shown : shown.substring(0, NAME_MAX);
    }

    public boolean isSelected() {
        return selected;
    }

    public void setSelected(boolean selected) {
        this.selected = selected;
    }

    /** The state the next run starts from, or null before the folder's first complete round. */
    public String getSyncState() {
        return syncState;
    }

    public void setSyncState(String syncState) {
        this.syncState = syncState;
    }

    /** The composite key. */
    public static class Key implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
        private long mailboxId;
        private String remoteId;

        public Key() {
        }

        public Key(long mailboxId, String remoteId) {
            this.mailboxId = mailboxId;
            this.remoteId = remoteId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.mailboxId == mailboxId && Objects.equals(key.remoteId, remoteId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(mailboxId, remoteId);
        }
    }
}
