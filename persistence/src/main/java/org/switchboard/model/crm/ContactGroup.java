package org.switchboard.model.crm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/**
 * A static group of contacts (issue 21 item 1, EC-02: a contact sync exports the contacts of chosen groups). The CRM's:
 * every user sees it and may put contacts in it; removing it keeps its contacts.
 */
@Entity
@Table(name = "contact_group")
@NamedQuery(name = ContactGroup.ALL, query = "SELECT g FROM ContactGroup g ORDER BY g.name, g.id")
@NamedQuery(name = ContactGroup.BY_NAME, query = "SELECT g FROM ContactGroup g WHERE LOWER(g.name) = :name")
public class ContactGroup {

    public static final String ALL = "ContactGroup.all";
    /** The group of that name in any letter case. */
    public static final String BY_NAME = "ContactGroup.byName";
    public static final int NAME_MAX = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_group_seq")
    @SequenceGenerator(name = "contact_group_seq", sequenceName = "contact_group_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "name", length = NAME_MAX, nullable = false)
    private String name;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected ContactGroup() {
    }

    public ContactGroup(String name, OffsetDateTime createdAt) {
        this.name = name;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
