package org.switchboard.model.mailbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One address an e-mail carries, with the header it came from (MB-04: timelines find e-mails by address). */
@Entity
@Table(name = "email_address")
@NamedQuery(name = EmailAddress.OF_EMAILS,
        query = "SELECT a FROM EmailAddress a WHERE a.email.id IN :emailIds ORDER BY a.id")
public class EmailAddress {

    public static final String OF_EMAILS = "EmailAddress.ofEmails";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "email_address_seq")
    @SequenceGenerator(name = "email_address_seq", sequenceName = "email_address_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "email_id", nullable = false, updatable = false)
    private EmailMessage email;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 10, nullable = false, updatable = false)
    private AddressKind kind;

    @Column(name = "address", length = EmailMessage.ADDRESS_MAX, nullable = false, updatable = false)
    private String address;

    @Column(name = "display_name", length = EmailMessage.NAME_MAX, updatable = false)
    private String displayName;

    protected EmailAddress() {
    }

    public EmailAddress(EmailMessage email, AddressKind kind, String address, String displayName) {
        this.email = email;
        this.kind = kind;
        this.address = EmailMessage.clip(address, EmailMessage.ADDRESS_MAX);
        this.displayName = EmailMessage.clip(displayName, EmailMessage.NAME_MAX);
    }

    public Long getId() {
        return id;
    }

    public EmailMessage getEmail() {
        return email;
    }

    public AddressKind getKind() {
        return kind;
    }

    public String getAddress() {
        return address;
    }

    public String getDisplayName() {
        return displayName;
    }
}
