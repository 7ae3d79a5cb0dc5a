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

/** EC-02: a category whose contacts a mailbox's contact sync exports when it exports by category. */
@Entity
@Table(name = "contact_sync_category")
@IdClass(ContactSyncCategory.Key.class)
@NamedQuery(name = ContactSyncCategory.IDS_OF_MAILBOX, query = "SELECT x.categoryId FROM ContactSyncCategory x "
        + "WHERE x.mailboxId = :mailboxId ORDER BY x.categoryId")
@NamedQuery(name = ContactSyncCategory.DELETE_OF_MAILBOX,
        query = "DELETE FROM ContactSyncCategory x WHERE x.mailboxId = :mailboxId")
public class ContactSyncCategory {

    public static final String IDS_OF_MAILBOX = "ContactSyncCategory.idsOfMailbox";
    public static final String DELETE_OF_MAILBOX = "ContactSyncCategory.deleteOfMailbox";

    @Id
    @Column(name = "mailbox_id")
    private long mailboxId;

    @Id
    @Column(name = "category_id")
    private long categoryId;

    protected ContactSyncCategory() {
    }

    public ContactSyncCategory(long mailboxId, long categoryId) {
        this.mailboxId = mailboxId;
        this.categoryId = categoryId;
    }

    public long getMailboxId() {
        return mailboxId;
    }

    public long getCategoryId() {
        return categoryId;
    }

    /** The composite key. */
    public static class Key implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
        private long mailboxId;
        private long categoryId;

        public Key() {
        }

        public Key(long mailboxId, long categoryId) {
            this.mailboxId = mailboxId;
            this.categoryId = categoryId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.mailboxId == mailboxId && key.categoryId == categoryId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(mailboxId, categoryId);
        }
    }
}
