package org.switchboard.model.mail;

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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A row of the lookup "Mail provider domains" (MP-04): the mail domain, stored in lower case, whose mailboxes belong to
 * a provider. A new mailbox's provider is detected from its address's domain.
 */
@Entity
@Table(name = "mail_provider_domain")
@NamedQuery(name = MailProviderDomain.ALL,
        query = "SELECT d FROM MailProviderDomain d JOIN FETCH d.provider ORDER BY d.domain")
@NamedQuery(name = MailProviderDomain.BY_DOMAIN,
        query = "SELECT d FROM MailProviderDomain d JOIN FETCH d.provider WHERE d.domain = :domain")
@NamedQuery(name = MailProviderDomain.OF_PROVIDER,
        query = "SELECT d.domain FROM MailProviderDomain d WHERE d.provider.id = :providerId ORDER BY d.domain")
@NamedQuery(name = MailProviderDomain.DELETE_OF_PROVIDER,
        query = "DELETE FROM MailProviderDomain d WHERE d.provider.id = :providerId")
public class MailProviderDomain {

    /** Every domain with its provider, by domain. */
    public static final String ALL = "MailProviderDomain.all";
    /** The row of a lower-case domain, with its provider. */
    public static final String BY_DOMAIN = "MailProviderDomain.byDomain";
    /** The domains of one provider, sorted. */
    public static final String OF_PROVIDER = "MailProviderDomain.ofProvider";
    /** Removes a provider's domains before the provider itself. */
    public static final String DELETE_OF_PROVIDER = "MailProviderDomain.deleteOfProvider";

    public static final int DOMAIN_MAX = 253;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mail_provider_domain_seq")
    @SequenceGenerator(name = "mail_provider_domain_seq", sequenceName = "mail_provider_domain_seq",
            allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "domain", length = DOMAIN_MAX, nullable = false, unique = true)
    @NotBlank
    @Size(max = DOMAIN_MAX)
    private String domain;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "provider_id", nullable = false)
    @NotNull
    private MailProvider provider;

    protected MailProviderDomain() {
    }

    public MailProviderDomain(String domain, MailProvider provider) {
        this.domain = domain;
        this.provider = provider;
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public String getDomain() {
        return domain;
    }

    public MailProvider getProvider() {
        return provider;
    }

    public void setProvider(MailProvider provider) {
        this.provider = provider;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MailProviderDomain row && id != null && id.equals(row.getId());
    }

    @Override
    public int hashCode() {
        return MailProviderDomain.class.hashCode();
    }
}
