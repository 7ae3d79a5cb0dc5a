package org.switchboard.model.crm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/**
 * The CRM's contact: a person who writes in on a channel (CH-07, CH-12), known there by a {@link ContactIdentity}, or
 * who exchanges e-mail with the company, linked by the addresses it holds ({@link CrmEmail}, MB-04). It may belong
 * to an {@link Account}.
 */
@Entity
@Table(name = "contact")
@NamedQuery(name = Contact.SEARCH, query = "SELECT c FROM Contact c LEFT JOIN FETCH c.account "
        + "WHERE LOWER(c.name) LIKE :pattern "
        + "OR EXISTS (SELECT x.id FROM CrmEmail x WHERE x.contact = c AND x.address LIKE :pattern) "
        + "ORDER BY c.name, c.id")
@NamedQuery(name = Contact.OF_ACCOUNT,
        query = "SELECT c FROM Contact c WHERE c.account.id = :accountId ORDER BY c.name, c.id")
@NamedQuery(name = Contact.COUNT_OF_ACCOUNT, query = "SELECT COUNT(c) FROM Contact c WHERE c.account.id = :accountId")
@NamedQuery(name = Contact.COUNT_CONVERSATIONS, query = "SELECT COUNT(c) FROM Chat c WHERE c.contact.id = :contactId")
@NamedQuery(name = Contact.COUNT_CASES, query = "SELECT COUNT(c) FROM CrmCase c WHERE c.contact.id = :contactId")
public class Contact {

    public static final String SEARCH = "Contact.search";
    public static final String OF_ACCOUNT = "Contact.ofAccount";
    public static final String COUNT_OF_ACCOUNT = "Contact.countOfAccount";
    public static final String COUNT_CONVERSATIONS = "Contact.countConversations";
    public static final String COUNT_CASES = "Contact.countCases";

    public static final int NAME_MAX = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_seq")
    @SequenceGenerator(name = "contact_seq", sequenceName = "contact_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "name", length = NAME_MAX, nullable = false)
    @NotBlank
    @Size(max = NAME_MAX)
    private String name;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "account_id")
    private Account account;

    protected Contact() {
    }

    public Contact(String name, OffsetDateTime createdAt) {
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

    /** The account the contact belongs to, or {@code null}. */
    public Account getAccount() {
        return account;
    }

    public void setAccount(Account account) {
        this.account = account;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Contact contact && id != null && id.equals(contact.getId());
    }

    @Override
    public int hashCode() {
        return Contact.class.hashCode();
    }
}
