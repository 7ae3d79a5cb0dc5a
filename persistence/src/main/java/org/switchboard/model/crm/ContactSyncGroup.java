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

/** EC-02: a group whose contacts a mailbox's contact sync exports beside those of its categories. */
@Entity
@Table(name = "contact_sync_group")
@IdClass(ContactSyncGroup.Key.class)
@NamedQuery(name = ContactSyncGroup.IDS_OF_MAILBOX, query = "SELECT x.groupId FROM ContactSyncGroup x "
        + "WHERE x.mailboxId = :mailboxId ORDER BY x.groupId")
@NamedQuery(name = ContactSyncGroup.DELETE_OF_MAILBOX,
        query = "DELETE FROM ContactSyncGroup x WHERE x.mailboxId = :mailboxId")
public class ContactSyncGroup {

    public static final String IDS_OF_MAILBOX = "ContactSyncGroup.idsOfMailbox";
    public static final String DELETE_OF_MAILBOX = "ContactSyncGroup.deleteOfMailbox";

    @Id
    @Column(name = "mailbox_id")
    private long mailboxId;

    @Id
    @Column(name = "group_id")
    private long groupId;

    protected ContactSyncGroup() {
    }

    public ContactSyncGroup(long mailboxId, long groupId) {
        this.mailboxId = mailboxId;
        this.groupId = groupId;
    }

    public long getMailboxId() {
        return mailboxId;
    }

    public long getCategoryId() {
        return groupId;
    }

    /** The composite key. */
    public static class Key implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
        private long mailboxId;
        private long groupId;

        public Key() {
        }

        public Key(long mailboxId, long groupId) {
            this.mailboxId = mailboxId;
            this.groupId = groupId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.mailboxId == mailboxId && key.groupId == groupId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(mailboxId, groupId);
        }
    }
}
