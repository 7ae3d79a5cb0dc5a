package org.switchboard.core.crm;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.logging.Logger;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.ConcurrentChangeException;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.core.crm.ContactChanged.Change;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.core.mailbox.EmailService;
import org.switchboard.core.mailbox.EmailSummary;
import org.switchboard.model.crm.Account;
import org.switchboard.model.crm.Contact;
import org.switchboard.model.crm.ContactAddress;
import org.switchboard.model.crm.ContactCategory;
import org.switchboard.model.crm.ContactGroup;
import org.switchboard.model.crm.ContactGroupMember;
import org.switchboard.model.crm.ContactPhone;
import org.switchboard.model.crm.ContactTag;
import org.switchboard.model.crm.CrmEmail;
import org.switchboard.model.crm.CrmTag;
import org.switchboard.model.security.User;

/**
 * The CRM records e-mail is linked to (MB-04): contacts and accounts with their e-mail addresses, and their timelines.
 * An e-mail is linked to every contact and account holding one of the addresses it carries; the link is computed from
 * the addresses, so an address added later links the mail loaded before it. A timeline shows only the mail of
 * mailboxes the caller may see (their own; SM-03 for shared ones), so a colleague's personal mail never shows.
 * Contacts and accounts are the CRM's common records: every signed-in user may read and change them. A contact holds
 * what an Outlook contact holds (EC-01); every change to one publishes a {@link ContactChanged}.
 */
@Stateless
@PermitAll
public class CrmService {

    private static final Logger LOG = Logger.getLogger(CrmService.class.getName());
    public static final int PAGE_MAX = 200;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private EmailService emails;

    @Inject
    private Clock clock;

    @Inject
    private EventOutbox events;

    @Resource
    private SessionContext context;

    // ---------------------------------------------------------------- contacts

    /**
     * Contacts whose name, company or one of whose addresses contains the text, by name, of the category, the group
     * and with the tag given (any when null). A tag the caller does not see is refused, as an unknown one is.
     */
    public List<ContactView> contacts(String search, ContactFilter filter, int first, int max) {
        List<Contact> found = filtered(em.createNamedQuery(Contact.SEARCH, Contact.class), search, filter)
                .setFirstResult(Math.max(0, first)).setMaxResults(page(max)).getResultList();
        return views(found);
    }

    /** How many contacts {@link #contacts} pages through. */
    public long countContacts(String search, ContactFilter filter) {
        return filtered(em.createNamedQuery(Contact.COUNT_SEARCH, Long.class), search, filter).getSingleResult();
    }

    private <T> TypedQuery<T> filtered(TypedQuery<T> query, String search, ContactFilter filter) {
        if (filter.groupId() != null && em.find(ContactGroup.class, filter.groupId()) == null) {
            throw new InvalidInputException("validation.crm.unknownGroup", "groupId", filter.groupId());
        }
        if (filter.tagId() != null) {
            visibleTag(filter.tagId(), "tagId");
        }
        return query.setParameter("pattern", CrmRules.pattern(search))
                .setParameter("categoryId", filter.categoryId() == null ? 0L : filter.categoryId())
                .setParameter("groupId", filter.groupId() == null ? 0L : filter.groupId())
                .setParameter("tagId", filter.tagId() == null ? 0L : filter.tagId());
    }

    public ContactView contact(long id) {
        return view(findContact(id));
    }

    /** Lookup "Contact categories", in their order, with the number of contacts in each. */
    public List<ContactCategoryView> categories() {
        return em.createNamedQuery(ContactCategory.ALL, ContactCategory.class).getResultStream()
                .map(c -> new ContactCategoryView(c.getId(), c.getCode(), c.getName(),
                        em.createNamedQuery(Contact.COUNT_OF_CATEGORY, Long.class)
                                .setParameter("categoryId", c.getId()).getSingleResult()))
                .toList();
    }

    /** Creates a contact owned by the caller (nobody when the application itself creates it). */
    public ContactView createContact(ContactDraft draft) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Contact contact = new Contact(CrmRules.contactName(draft.name(), draft.givenName(), draft.familyName()), now);
        List<String> emails = CrmRules.emails(draft.emails());
        apply(contact, draft);
        List<Long> groupIds = groups(draft.groupIds());
        List<Long> tagIds = tags(draft.tagIds());
        contact.setOwner(caller());
        em.persist(contact);
        replaceEmails(List.of(), emails, address -> CrmEmail.ofContact(contact, address));
        em.flush();
        replaceMemberships(contact.getId(), groupIds, tagIds);
        events.record(new ContactChanged(contact.getId(), contact.getVersion(), contact.getName(), Change.CREATED),
                Callers.login(context));
        LOG.info(() -> "Contact " + contact.getId() + " created by " + Callers.login(context));
        return view(contact);
    }

    /**
     * Saves the changes to a contact read at {@code expectedVersion}; its e-mail addresses, phones and postal
     * addresses are replaced by those given.
     */
    public ContactView updateContact(long id, long expectedVersion, ContactDraft draft) {
        Contact contact = findContact(id);
        if (contact.getVersion() != expectedVersion) {
            throw new ConcurrentChangeException("Contact", id);
        }
        String name = CrmRules.contactName(draft.name(), draft.givenName(), draft.familyName());
        List<String> emails = CrmRules.emails(draft.emails());
        List<Long> groupIds = groups(draft.groupIds());
        List<Long> tagIds = tags(draft.tagIds());
        contact.setName(name);
        apply(contact, draft);
        // Also when only a group or a tag changed: the version moves, so the contact syncs export it (EC-02).
        contact.setUpdatedAt(OffsetDateTime.now(clock));
        replaceEmails(emailsOfContact(id), emails, address -> CrmEmail.ofContact(contact, address));
        replaceMemberships(id, groupIds, tagIds);
        em.flush();
        events.record(new ContactChanged(id, contact.getVersion(), contact.getName(), Change.UPDATED),
                Callers.login(context));
        return view(contact);
    }

    /** The details of a draft, checked all before any is set, so that a refusal leaves the contact as it was. */
    private void apply(Contact contact, ContactDraft draft) {
        String givenName = CrmRules.line(draft.givenName(), "givenName", Contact.NAME_PART_MAX);
        String familyName = CrmRules.line(draft.familyName(), "familyName", Contact.NAME_PART_MAX);
        String jobTitle = CrmRules.line(draft.jobTitle(), "jobTitle", Contact.JOB_TITLE_MAX);
        String companyName = CrmRules.line(draft.companyName(), "companyName", Contact.COMPANY_NAME_MAX);
        String notes = CrmRules.text(draft.notes(), "notes", Contact.NOTES_MAX);
        LocalDate birthday = CrmRules.birthday(draft.birthday(), LocalDate.now(clock));
        List<ContactPhone> phones = CrmRules.phones(draft.phones());
        List<ContactAddress> addresses = CrmRules.addresses(draft.addresses());
        ContactCategory category = category(draft.categoryId());
        Account account = account(draft.accountId());
        contact.setGivenName(givenName);
        contact.setFamilyName(familyName);
        contact.setJobTitle(jobTitle);
        contact.setCompanyName(companyName);
        contact.setNotes(notes);
        contact.setBirthday(birthday);
        contact.setPhones(phones);
        contact.setAddresses(addresses);
        contact.setCategory(category);
        contact.setAccount(account);
    }

    /** Deletes a contact that no conversation or case refers to; its addresses go with it. */
    public void deleteContact(long id) {
        deleteContact(id, null);
    }

    /** Deletes a contact as {@link #deleteContact(long)} does, only at that version when one is given. */
    public void deleteContact(long id, Long expectedVersion) {
        Contact contact = findContact(id);
        if (expectedVersion != null && contact.getVersion() != expectedVersion) {
            throw new ConcurrentChangeException("Contact", id);
        }
        long chats = em.createNamedQuery(Contact.COUNT_CONVERSATIONS, Long.class).setParameter("contactId", id)
                .getSingleResult();
        long cases = em.createNamedQuery(Contact.COUNT_CASES, Long.class).setParameter("contactId", id)
                .getSingleResult();
        if (chats > 0 || cases > 0) {
            throw new RuleViolationException("error.contact.inUse", null, contact.getName(), chats, cases);
        }
        em.createNamedQuery(CrmEmail.DELETE_OF_CONTACT).setParameter("contactId", id).executeUpdate();
        events.record(new ContactChanged(id, contact.getVersion(), contact.getName(), Change.DELETED),
                Callers.login(context));
        em.remove(contact);
        LOG.info(() -> "Contact " + id + " deleted by " + Callers.login(context));
    }

    /** MB-04: the e-mails carrying one of the contact's addresses, newest first. */
    public List<EmailSummary> contactTimeline(long id, int first, int max) {
        findContact(id);
        return emails.emailsCarrying(addresses(emailsOfContact(id)), first, max);
    }

    // ---------------------------------------------------------------- accounts

    /** Accounts whose name or one of whose addresses contains the text, by name. */
    public List<AccountView> accounts(String search, int first, int max) {
        return em.createNamedQuery(Account.SEARCH, Account.class).setParameter("pattern", CrmRules.pattern(search))
                .setFirstResult(Math.max(0, first)).setMaxResults(page(max)).getResultStream()
                .map(this::view).toList();
    }

    public AccountView account(long id) {
        return view(findAccount(id));
    }

    public AccountView createAccount(AccountDraft draft) {
        Account account = new Account(CrmRules.name(draft.name()), OffsetDateTime.now(clock));
        List<String> emails = CrmRules.emails(draft.emails());
        em.persist(account);
        replaceEmails(List.of(), emails, address -> CrmEmail.ofAccount(account, address));
        em.flush();
        LOG.info(() -> "Account " + account.getId() + " created by " + Callers.login(context));
        return view(account);
    }

    public AccountView updateAccount(long id, long expectedVersion, AccountDraft draft) {
        Account account = findAccount(id);
        if (account.getVersion() != expectedVersion) {
            throw new ConcurrentChangeException("Account", id);
        }
        String name = CrmRules.name(draft.name());
        List<String> emails = CrmRules.emails(draft.emails());
        account.setName(name);
        replaceEmails(emailsOfAccount(id), emails, address -> CrmEmail.ofAccount(account, address));
        em.flush();
        return view(account);
    }

    /** Deletes an account no contact belongs to; its addresses go with it. */
    public void deleteAccount(long id) {
        Account account = findAccount(id);
        long contacts = em.createNamedQuery(Contact.COUNT_OF_ACCOUNT, Long.class).setParameter("accountId", id)
                .getSingleResult();
        if (contacts > 0) {
            throw new RuleViolationException("error.account.inUse", null, account.getName(), contacts);
        }
        em.createNamedQuery(CrmEmail.DELETE_OF_ACCOUNT).setParameter("accountId", id).executeUpdate();
        em.remove(account);
        LOG.info(() -> "Account " + id + " deleted by " + Callers.login(context));
    }

    /** MB-04: the e-mails carrying one of the account's addresses or of its contacts' addresses, newest first. */
    public List<EmailSummary> accountTimeline(long id, int first, int max) {
        findAccount(id);
        Set<String> addresses = new LinkedHashSet<>(addresses(emailsOfAccount(id)));
        addresses.addAll(em.createNamedQuery(CrmEmail.ADDRESSES_OF_ACCOUNT_CONTACTS, String.class)
                .setParameter("accountId", id).getResultList());
        return emails.emailsCarrying(addresses, first, max);
    }

    // ---------------------------------------------------------------- links

    /** MB-04: the contacts and accounts holding one of the addresses (those an e-mail carries). */
    public List<CrmLink> linksOf(Collection<String> addresses) {
        if (addresses.isEmpty()) {
            return List.of();
        }
        List<CrmLink> links = new ArrayList<>();
        for (CrmEmail holder : em.createNamedQuery(CrmEmail.HOLDERS_OF, CrmEmail.class)
                .setParameter("addresses", addresses).getResultList()) {
            CrmLink link = holder.getContact() != null
                    ? new CrmLink(CrmLink.Kind.CONTACT, holder.getContact().getId(), holder.getContact().getName(),
                            holder.getAddress())
                    : new CrmLink(CrmLink.Kind.ACCOUNT, holder.getAccount().getId(), holder.getAccount().getName(),
                            holder.getAddress());
            if (links.stream().noneMatch(l -> l.kind() == link.kind() && l.id() == link.id())) {
                links.add(link);
            }
        }
        return links;
    }

    // ---------------------------------------------------------------- helpers

    private void replaceEmails(List<CrmEmail> current, List<String> wanted,
            Function<String, CrmEmail> create) {
        Set<String> kept = new LinkedHashSet<>();
        for (CrmEmail email : current) {
            if (wanted.contains(email.getAddress())) {
                kept.add(email.getAddress());
            } else {
                em.remove(email);
            }
        }
        em.flush(); // removals first: an address removed and typed again differently is not a duplicate
        wanted.stream().filter(address -> !kept.contains(address)).map(create).forEach(em::persist);
    }

    /** The groups asked for, each known, once; null when the draft leaves them as they are. */
    private List<Long> groups(List<Long> ids) {
        if (ids == null) {
            return null;
        }
        for (Long id : ids) {
            if (id == null || em.find(ContactGroup.class, id) == null) {
                throw new InvalidInputException("validation.crm.unknownGroup", "groupIds", id);
            }
        }
        return ids.stream().distinct().toList();
    }

    /** The tags asked for, each one the caller sees, once; null when the draft leaves them as they are. */
    private List<Long> tags(List<Long> ids) {
        if (ids == null) {
            return null;
        }
        ids.forEach(id -> visibleTag(id, "tagIds"));
        return ids.stream().distinct().toList();
    }

    private CrmTag visibleTag(Long id, String field) {
        CrmTag tag = id == null ? null : em.find(CrmTag.class, id);
        if (tag == null || !tag.visibleTo(callerId())) {
            throw new InvalidInputException("validation.crm.unknownTag", field, id);
        }
        return tag;
    }

    /**
     * Replaces the contact's groups, and of its tags those the caller sees (a colleague's personal tags stay); a null
     * list leaves them as they are.
     */
    private void replaceMemberships(long contactId, List<Long> groupIds, List<Long> tagIds) {
        if (groupIds != null) {
            List<ContactGroupMember> current = em.createNamedQuery(ContactGroupMember.OF_CONTACTS,
                    ContactGroupMember.class).setParameter("contactIds", List.of(contactId)).getResultList();
            current.stream().filter(m -> !groupIds.contains(m.getGroupId())).forEach(em::remove);
            groupIds.stream().filter(g -> current.stream().noneMatch(m -> m.getGroupId() == g))
                    .forEach(g -> em.persist(new ContactGroupMember(g, contactId)));
        }
        if (tagIds != null) {
            List<ContactTag> current = tagsOf(List.of(contactId));
            current.stream().filter(t -> !tagIds.contains(t.getTagId())).forEach(em::remove);
            tagIds.stream().filter(t -> current.stream().noneMatch(x -> x.getTagId() == t))
                    .forEach(t -> em.persist(new ContactTag(t, contactId)));
        }
    }

    private List<ContactTag> tagsOf(List<Long> contactIds) {
        return em.createNamedQuery(ContactTag.OF_CONTACTS, ContactTag.class).setParameter("contactIds", contactIds)
                .setParameter("userId", callerId()).setParameter("personal", CrmTag.Kind.PERSONAL).getResultList();
    }

    /** The caller's user id; -1 (nobody's personal tags) when the application itself calls. */
    private long callerId() {
        User caller = caller();
        return caller == null ? -1L : caller.getId();
    }

    private Account account(Long id) {
        if (id == null) {
            return null;
        }
        Account account = em.find(Account.class, id);
        if (account == null) {
            throw new RecordNotFoundException("Account", id);
        }
        return account;
    }

    private ContactCategory category(Long id) {
        if (id == null) {
            return null;
        }
        ContactCategory category = em.find(ContactCategory.class, id);
        if (category == null) {
            throw new InvalidInputException("validation.crm.unknownCategory", "categoryId", id);
        }
        return category;
    }

    private User caller() {
        return em.createNamedQuery(User.BY_LOGIN, User.class).setParameter("login", Callers.login(context))
                .getResultStream().findFirst().orElse(null);
    }

    private Contact findContact(long id) {
        Contact contact = em.find(Contact.class, id);
        if (contact == null) {
            throw new RecordNotFoundException("Contact", id);
        }
        return contact;
    }

    private Account findAccount(long id) {
        Account account = em.find(Account.class, id);
        if (account == null) {
            throw new RecordNotFoundException("Account", id);
        }
        return account;
    }

    private List<CrmEmail> emailsOfContact(long id) {
        return em.createNamedQuery(CrmEmail.OF_CONTACT, CrmEmail.class).setParameter("contactId", id).getResultList();
    }

    private List<CrmEmail> emailsOfAccount(long id) {
        return em.createNamedQuery(CrmEmail.OF_ACCOUNT, CrmEmail.class).setParameter("accountId", id).getResultList();
    }

    private static List<String> addresses(List<CrmEmail> emails) {
        return emails.stream().map(CrmEmail::getAddress).toList();
    }

    private static int page(int max) {
        return Math.max(1, Math.min(max, PAGE_MAX));
    }

    private ContactView view(Contact contact) {
        return views(List.of(contact)).get(0);
    }

    /** The contacts' views, their groups and tags read for all of them at once. */
    private List<ContactView> views(List<Contact> contacts) {
        if (contacts.isEmpty()) {
            return List.of();
        }
        List<Long> ids = contacts.stream().map(Contact::getId).toList();
        Map<Long, List<Long>> groups = em.createNamedQuery(ContactGroupMember.OF_CONTACTS, ContactGroupMember.class)
                .setParameter("contactIds", ids).getResultStream().collect(Collectors.groupingBy(
                        ContactGroupMember::getContactId, Collectors.mapping(ContactGroupMember::getGroupId,
                                Collectors.toList())));
        Map<Long, List<Long>> tags = tagsOf(ids).stream().collect(Collectors.groupingBy(ContactTag::getContactId,
                Collectors.mapping(ContactTag::getTagId, Collectors.toList())));
        return contacts.stream().map(c -> view(c, groups.getOrDefault(c.getId(), List.of()),
                tags.getOrDefault(c.getId(), List.of()))).toList();
    }

    private ContactView view(Contact contact, List<Long> groupIds, List<Long> tagIds) {
        Account account = contact.getAccount();
        ContactCategory category = contact.getCategory();
        long chats = em.createNamedQuery(Contact.COUNT_CONVERSATIONS, Long.class)
                .setParameter("contactId", contact.getId()).getSingleResult();
        return new ContactView(contact.getId(), contact.getVersion(), contact.getName(), contact.getGivenName(),
                contact.getFamilyName(), contact.getJobTitle(), contact.getCompanyName(),
                account == null ? null : account.getId(), account == null ? null : account.getName(),
                addresses(emailsOfContact(contact.getId())),
                contact.getPhones().stream().map(p -> new ContactDraft.Phone(p.getKind().name(), p.getNumber()))
                        .toList(),
                contact.getAddresses().stream().map(a -> new ContactDraft.PostalAddress(a.getKind().name(),
                        a.getStreet(), a.getCity(), a.getRegion(), a.getPostalCode(), a.getCountry())).toList(),
                contact.getBirthday(), contact.getNotes(), category == null ? null : category.getId(),
                category == null ? null : category.getCode(), category == null ? null : category.getName(),
                groupIds, tagIds,
                contact.getOwner() == null ? null : contact.getOwner().getLogin(), contact.getCreatedAt(),
                contact.getUpdatedAt(), chats);
    }

    private AccountView view(Account account) {
        List<AccountView.Member> members = em.createNamedQuery(Contact.OF_ACCOUNT, Contact.class)
                .setParameter("accountId", account.getId()).getResultStream()
                .map(c -> new AccountView.Member(c.getId(), c.getName())).toList();
        return new AccountView(account.getId(), account.getVersion(), account.getName(),
                addresses(emailsOfAccount(account.getId())), members, account.getCreatedAt());
    }
}
