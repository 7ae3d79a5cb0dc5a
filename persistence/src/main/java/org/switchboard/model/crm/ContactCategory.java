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

/**
 * A value of the lookup "Contact categories" (EC-02 exports contacts by category): Employees, Customers, Partners and
 * Suppliers are seeded with a {@link #getCode() code} the panel translates; a category added later has only its name.
 */
@Entity
@Table(name = "contact_category")
@NamedQuery(name = ContactCategory.ALL, query = "SELECT c FROM ContactCategory c ORDER BY c.sortOrder, c.id")
public class ContactCategory {

    public static final String ALL = "ContactCategory.all";
    public static final int NAME_MAX = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_category_seq")
    @SequenceGenerator(name = "contact_category_seq", sequenceName = "contact_category_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "code", length = 50, updatable = false)
    private String code;

    @Column(name = "name", length = NAME_MAX, nullable = false)
    private String name;

    @Column(name = "sort_order", nullable = false)
    private int sortOrder;

    protected ContactCategory() {
    }

    public ContactCategory(String name, int sortOrder) {
        this.name = name;
        this.sortOrder = sortOrder;
    }

    public Long getId() {
        return id;
    }

    /** The seeded category's code (EMPLOYEES, CUSTOMERS, ...), or {@code null} for one added later. */
    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public int getSortOrder() {
        return sortOrder;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContactCategory category && id != null && id.equals(category.getId());
    }

    @Override
    public int hashCode() {
        return ContactCategory.class.hashCode();
    }
}
