package org.switchboard.model.crm;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.switchboard.model.security.User;

/**
 * The CRM's contact: a person who writes in on a channel (CH-07, CH-12), known there by a {@link ContactIdentity}, or
 * who exchanges e-mail with the company, linked by the addresses it holds ({@link CrmEmail}, MB-04). It may belong
 * to an {@link Account}. It holds what an Outlook or Google contact holds (EC-01): the parts of the name, job title,
 * company name, birthday, notes, phones and postal addresses, a {@link ContactCategory category} and an owner.
 * {@code updatedAt} is set on every change here: the two-way sync compares it with the remote change time.
 */
@Entity
@Table(name = "contact")
@NamedQuery(name = Contact.SEARCH, query = "SELECT c FROM Contact c LEFT JOIN FETCH c.account LEFT JOIN c.category cat "
        + "WHERE (LOWER(c.name) LIKE :pattern OR LOWER(c.companyName) LIKE :pattern "
        + "OR EXISTS (SELECT x.id FROM CrmEmail x WHERE x.contact = c AND x.address LIKE :pattern)) "
        + "AND (:categoryId = 0 OR cat.id = :categoryId) "
        + "AND (:groupId = 0 OR EXISTS (SELECT m.contactId FROM ContactGroupMember m WHERE m.contactId = c.id "
        + "AND m.groupId = :groupId)) "
        + "AND (:tagId = 0 OR EXISTS (SELECT x.contactId FROM ContactTag x WHERE x.contactId = c.id "
        + "AND x.tagId = :tagId)) "
        + "ORDER BY c.name, c.id")
@NamedQuery(name = Contact.COUNT_SEARCH, query = "SELECT COUNT(c) FROM Contact c LEFT JOIN c.category cat "
        + "WHERE (LOWER(c.name) LIKE :pattern OR LOWER(c.companyName) LIKE :pattern "
        + "OR EXISTS (SELECT x.id FROM CrmEmail x WHERE x.contact = c AND x.address LIKE :pattern)) "
        + "AND (:categoryId = 0 OR cat.id = :categoryId) "
        + "AND (:groupId = 0 OR EXISTS (SELECT m.contactId FROM ContactGroupMember m WHERE m.contactId = c.id "
        + "AND m.groupId = :groupId)) "
        + "AND (:tagId = 0 OR EXISTS (SELECT x.contactId FROM ContactTag x WHERE x.contactId = c.id "
        + "AND x.tagId = :tagId))")
@NamedQuery(name = Contact.COUNT_OF_CATEGORY,
        query = "SELECT COUNT(c) FROM Contact c WHERE c.category.id = :categoryId")
@NamedQuery(name = Contact.OF_ACCOUNT,
        query = "SELECT c FROM Contact c WHERE c.account.id = :accountId ORDER BY c.name, c.id")
@NamedQuery(name = Contact.COUNT_OF_ACCOUNT, query = "SELECT COUNT(c) FROM Contact c WHERE c.account.id = :accountId")
@NamedQuery(name = Contact.COUNT_CONVERSATIONS, query = "SELECT COUNT(c) FROM Chat c WHERE c.contact.id = :contactId")
@NamedQuery(name = Contact.COUNT_CASES, query = "SELECT COUNT(c) FROM CrmCase c WHERE c.contact.id = :contactId")
public class Contact {

    public static final String SEARCH = "Contact.search";
    public static final String COUNT_SEARCH = "Contact.countSearch";
    public static final String COUNT_OF_CATEGORY = "Contact.countOfCategory";
    public static final String OF_ACCOUNT = "Contact.ofAccount";
    public static final String COUNT_OF_ACCOUNT = "Contact.countOfAccount";
    public static final String COUNT_CONVERSATIONS = "Contact.countConversations";
    public static final String COUNT_CASES = "Contact.countCases";

    public static final int NAME_MAX = 200;
    public static final int NAME_PART_MAX = 100;
    public static final int JOB_TITLE_MAX = 200;
    public static final int COMPANY_NAME_MAX = 200;
    public static final int NOTES_MAX = 4000;

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

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "account_id")
    private Account account;

    @Column(name = "given_name", length = NAME_PART_MAX)
    private String givenName;

    @Column(name = "family_name", length = NAME_PART_MAX)
    private String familyName;

    @Column(name = "job_title", length = JOB_TITLE_MAX)
    private String jobTitle;

    @Column(name = "company_name", length = COMPANY_NAME_MAX)
    private String companyName;

    @Column(name = "birthday")
    private LocalDate birthday;

    @Column(name = "notes", length = NOTES_MAX)
    private String notes;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "category_id")
    private ContactCategory category;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "owner_id")
    private User owner;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "contact_phone", joinColumns = @JoinColumn(name = "contact_id"))
    @OrderColumn(name = "sort_order")
    private List<ContactPhone> phones = new ArrayList<>();

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "contact_address", joinColumns = @JoinColumn(name = "contact_id"))
    @OrderColumn(name = "sort_order")
    private List<ContactAddress> addresses = new ArrayList<>();

    protected Contact() {
    }

    public Contact(String name, OffsetDateTime createdAt) {
        this.name = name;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
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

    /** When the contact last changed here (created, saved, or written by a sync). */
    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    /** Marks a change: always set on save, so the version moves even when only phones or addresses changed. */
    public void setUpdatedAt(OffsetDateTime updatedAt) {
        this.updatedAt = updatedAt;
    }

    public String getGivenName() {
        return givenName;
    }

    public void setGivenName(String givenName) {
        this.givenName = givenName;
    }

    public String getFamilyName() {
        return familyName;
    }

    public void setFamilyName(String familyName) {
        this.familyName = familyName;
    }

    public String getJobTitle() {
        return jobTitle;
    }

    public void setJobTitle(String jobTitle) {
        this.jobTitle = jobTitle;
    }

    public String getCompanyName() {
        return companyName;
    }

    public void setCompanyName(String companyName) {
        this.companyName = companyName;
    }

    public LocalDate getBirthday() {
        return birthday;
    }

    public void setBirthday(LocalDate birthday) {
        this.birthday = birthday;
    }

    public String getNotes() {
        return notes;
    }

    public void setNotes(String notes) {
        this.notes = notes;
    }

    /** The category (lookup "Contact categories"), or {@code null}. */
    public ContactCategory getCategory() {
        return category;
    }

    public void setCategory(ContactCategory category) {
        this.category = category;
    }

    /** The user who owns the contact (who created it, or whose sync imported it), or {@code null}. */
    public User getOwner() {
        return owner;
    }

    public void setOwner(User owner) {
        this.owner = owner;
    }

    /** The phones in the order shown. */
    public List<ContactPhone> getPhones() {
        return phones;
    }

    /** Replaces the phones (the list is the entity's, so the provider sees the change). */
    public void setPhones(List<ContactPhone> phones) {
        this.phones.clear();
        this.phones.addAll(phones);
    }

    /** The postal addresses in the order shown. */
    public List<ContactAddress> getAddresses() {
        return addresses;
    }

    public void setAddresses(List<ContactAddress> addresses) {
        this.addresses.clear();
        this.addresses.addAll(addresses);
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
