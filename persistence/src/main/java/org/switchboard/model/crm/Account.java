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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/**
 * The CRM's account: a company its contacts belong to. Its e-mail addresses ({@link CrmEmail}) and those of its
 * contacts link e-mails to it (MB-04).
 */
@Entity
@Table(name = "account")
@NamedQuery(name = Account.SEARCH, query = "SELECT a FROM Account a WHERE LOWER(a.name) LIKE :pattern "
        + "OR EXISTS (SELECT x.id FROM CrmEmail x WHERE x.account = a AND x.address LIKE :pattern) "
        + "ORDER BY a.name, a.id")
@NamedQuery(name = Account.ALL, query = "SELECT a FROM Account a ORDER BY a.name, a.id")
@NamedQuery(name = Account.NAMED, query = "SELECT a FROM Account a WHERE LOWER(a.name) = :name ORDER BY a.id")
public class Account {

    public static final String SEARCH = "Account.search";
    public static final String ALL = "Account.all";
    /** EC-04: the accounts bearing a name, letter case aside ({@code name} lower-case). */
    public static final String NAMED = "Account.named";

    public static final int NAME_MAX = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "account_seq")
    @SequenceGenerator(name = "account_seq", sequenceName = "account_seq", allocationSize = 50)
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

    protected Account() {
    }

    public Account(String name, OffsetDateTime createdAt) {
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

    @Override
    public boolean equals(Object other) {
        return other instanceof Account account && id != null && id.equals(account.getId());
    }

    @Override
    public int hashCode() {
        return Account.class.hashCode();
    }
}
