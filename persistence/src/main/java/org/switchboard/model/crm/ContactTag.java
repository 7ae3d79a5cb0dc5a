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
 * A {@link CrmTag} on a contact. Its own entity rather than a many-to-many of the contact, so that a list of contacts
 * reads the tags of all of them at once, and a user's change of a contact's tags leaves others' personal tags alone.
 */
@Entity
@Table(name = "contact_tag")
@IdClass(ContactTag.Key.class)
@NamedQuery(name = ContactTag.OF_CONTACTS, query = "SELECT x FROM ContactTag x WHERE x.contactId IN :contactIds "
        + "AND x.tagId IN (SELECT t.id FROM CrmTag t WHERE t.kind <> :personal OR t.ownerId = :userId) "
        + "ORDER BY x.tagId")
public class ContactTag {

    /** The tags on the contacts that the user sees. */
    public static final String OF_CONTACTS = "ContactTag.ofContacts";

    @Id
    @Column(name = "tag_id")
    private long tagId;

    @Id
    @Column(name = "contact_id")
    private long contactId;

    protected ContactTag() {
    }

    public ContactTag(long tagId, long contactId) {
        this.tagId = tagId;
        this.contactId = contactId;
    }

    public long getTagId() {
        return tagId;
    }

    public long getContactId() {
        return contactId;
    }

    /** The composite key. */
    public static class Key implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
        private long tagId;
        private long contactId;

        public Key() {
        }

        public Key(long tagId, long contactId) {
            this.tagId = tagId;
            this.contactId = contactId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.tagId == tagId && key.contactId == contactId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(tagId, contactId);
        }
    }
}
