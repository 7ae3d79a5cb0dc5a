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
 * A contact's membership in a {@link ContactGroup}. Its own entity rather than a many-to-many of the contact, so that
 * a list of contacts reads the memberships of all of them at once.
 */
@Entity
@Table(name = "contact_group_member")
@IdClass(ContactGroupMember.Key.class)
@NamedQuery(name = ContactGroupMember.OF_CONTACTS,
        query = "SELECT m FROM ContactGroupMember m WHERE m.contactId IN :contactIds ORDER BY m.groupId")
@NamedQuery(name = ContactGroupMember.COUNT_OF_GROUP,
        query = "SELECT COUNT(m) FROM ContactGroupMember m WHERE m.groupId = :groupId")
public class ContactGroupMember {

    public static final String OF_CONTACTS = "ContactGroupMember.ofContacts";
    public static final String COUNT_OF_GROUP = "ContactGroupMember.countOfGroup";

    @Id
    @Column(name = "group_id")
    private long groupId;

    @Id
    @Column(name = "contact_id")
    private long contactId;

    protected ContactGroupMember() {
    }

    public ContactGroupMember(long groupId, long contactId) {
        this.groupId = groupId;
        this.contactId = contactId;
    }

    public long getGroupId() {
        return groupId;
    }

    public long getContactId() {
        return contactId;
    }

    /** The composite key. */
    public static class Key implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
        private long groupId;
        private long contactId;

        public Key() {
        }

        public Key(long groupId, long contactId) {
            this.groupId = groupId;
            this.contactId = contactId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.groupId == groupId && key.contactId == contactId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(groupId, contactId);
        }
    }
}
