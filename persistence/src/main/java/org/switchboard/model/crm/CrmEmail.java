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

/**
 * One e-mail address of a contact or of an account (exactly one of the two), lower-cased. E-mails that carry the
 * address are linked to its holder (MB-04); the link is this address, so nothing is written per e-mail.
 */
@Entity
@Table(name = "crm_email")
@NamedQuery(name = CrmEmail.OF_CONTACT,
        query = "SELECT x FROM CrmEmail x WHERE x.contact.id = :contactId ORDER BY x.id")
@NamedQuery(name = CrmEmail.OF_ACCOUNT,
        query = "SELECT x FROM CrmEmail x WHERE x.account.id = :accountId ORDER BY x.id")
@NamedQuery(name = CrmEmail.ADDRESSES_OF_ACCOUNT_CONTACTS,
        query = "SELECT x.address FROM CrmEmail x WHERE x.contact.account.id = :accountId")
@NamedQuery(name = CrmEmail.HOLDERS_OF, query = "SELECT x FROM CrmEmail x LEFT JOIN FETCH x.contact "
        + "LEFT JOIN FETCH x.account WHERE x.address IN :addresses ORDER BY x.id")
@NamedQuery(name = CrmEmail.DELETE_OF_CONTACT, query = "DELETE FROM CrmEmail x WHERE x.contact.id = :contactId")
@NamedQuery(name = CrmEmail.DELETE_OF_ACCOUNT, query = "DELETE FROM CrmEmail x WHERE x.account.id = :accountId")
public class CrmEmail {

    public static final String OF_CONTACT = "CrmEmail.ofContact";
    public static final String OF_ACCOUNT = "CrmEmail.ofAccount";
    public static final String ADDRESSES_OF_ACCOUNT_CONTACTS = "CrmEmail.addressesOfAccountContacts";
    public static final String HOLDERS_OF = "CrmEmail.holdersOf";
    public static final String DELETE_OF_CONTACT = "CrmEmail.deleteOfContact";
    public static final String DELETE_OF_ACCOUNT = "CrmEmail.deleteOfAccount";

    /** RFC 5321's longest path, like {@code email_address.address}. */
    public static final int ADDRESS_MAX = 320;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "crm_email_seq")
    @SequenceGenerator(name = "crm_email_seq", sequenceName = "crm_email_seq", allocationSize = 50)
    private Long id;

    @Column(name = "address", length = ADDRESS_MAX, nullable = false)
    private String address;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "contact_id")
    private Contact contact;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "account_id")
    private Account account;

    protected CrmEmail() {
    }

    public static CrmEmail ofContact(Contact contact, String address) {
        CrmEmail email = new CrmEmail();
        email.contact = contact;
        email.address = address;
        return email;
    }

    public static CrmEmail ofAccount(Account account, String address) {
        CrmEmail email = new CrmEmail();
        email.account = account;
        email.address = address;
        return email;
    }

    public Long getId() {
        return id;
    }

    public String getAddress() {
        return address;
    }

    /** The contact holding the address, or {@code null} when an account holds it. */
    public Contact getContact() {
        return contact;
    }

    /** The account holding the address, or {@code null} when a contact holds it. */
    public Account getAccount() {
        return account;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CrmEmail email && id != null && id.equals(email.getId());
    }

    @Override
    public int hashCode() {
        return CrmEmail.class.hashCode();
    }
}
