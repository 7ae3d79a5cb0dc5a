package org.switchboard.core.crm.sync;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.crm.ContactChanged;
import org.switchboard.core.crm.ContactDraft;
import org.switchboard.core.crm.CrmRules;
import org.switchboard.core.crm.sync.ContactSyncStore.Adopt;
import org.switchboard.core.crm.sync.ContactSyncStore.CreateHere;
import org.switchboard.core.crm.sync.ContactSyncStore.Decision;
import org.switchboard.core.crm.sync.ContactSyncStore.KeepHere;
import org.switchboard.core.crm.sync.ContactSyncStore.Link;
import org.switchboard.core.crm.sync.ContactSyncStore.Local;
import org.switchboard.core.crm.sync.ContactSyncStore.RemovedThere;
import org.switchboard.core.crm.sync.ContactSyncStore.UpdateHere;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.model.crm.Account;
import org.switchboard.model.crm.Contact;
import org.switchboard.model.crm.ContactSync;
import org.switchboard.model.crm.ContactSyncFolder;
import org.switchboard.model.crm.ContactSyncIssue;
import org.switchboard.model.crm.ContactSyncLink;
import org.switchboard.model.crm.CrmEmail;
import org.switchboard.model.mailbox.Mailbox;

/**
 * The database side of a mailbox's contact sync (issue 21 item 5), each method its own transaction: a page of remote
 * changes written with the folder's state, links, the contacts to export, conflicts and failures. Contacts written
 * by the sync go through {@link CrmRules} like a user's, Outlook's values made to fit first (a line break in a job
 * title becomes a space, a value too long is cut, a phone that is no phone number is left out), and publish
 * {@link ContactChanged} with the mailbox's owner as the actor. A remote item that still does not fit is recorded as
 * a failure with the reason and left out; the page goes on.
 */
@Stateless
@PermitAll
public class ContactSyncRecords {

    private static final Logger LOG = Logger.getLogger(ContactSyncRecords.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private EventOutbox events;

    @Inject
    private Clock clock;

    /** The owner's login, who the sync's changes are recorded as. */
    public String ownerLogin(long mailboxId) {
        return em.find(Mailbox.class, mailboxId).getOwner().getLogin();
    }

    /** EC-01: records the mailbox's contact folders as the provider listed them (new ones, and renamed ones). */
    public void folders(long mailboxId, List<ContactRemote.Folder> folders) {
        for (ContactRemote.Folder folder : folders) {
            ContactSyncFolder row = em.find(ContactSyncFolder.class, new ContactSyncFolder.Key(mailboxId, folder.id()));
            if (row == null) {
                em.persist(new ContactSyncFolder(mailboxId, folder.id(), folder.name()));
            } else {
                row.setName(folder.name());
            }
        }
    }

    public String state(long mailboxId, String folderId) {
        ContactSyncFolder row = em.find(ContactSyncFolder.class, new ContactSyncFolder.Key(mailboxId, folderId));
        return row == null ? null : row.getSyncState();
    }

    public Link linkOfRemote(long mailboxId, String remoteId) {
        return em.createNamedQuery(ContactSyncLink.OF_REMOTE, ContactSyncLink.class)
                .setParameter("mailboxId", mailboxId)
                .setParameter("remoteId", remoteId).getResultStream().findFirst().map(ContactSyncRecords::link)
                .orElse(null);
    }

    public Link linkOfContact(long mailboxId, long contactId) {
        return em.createNamedQuery(ContactSyncLink.OF_CONTACT, ContactSyncLink.class)
                .setParameter("mailboxId", mailboxId).setParameter("contactId", contactId).getResultStream()
                .findFirst().map(ContactSyncRecords::link).orElse(null);
    }

    public Local local(long contactId) {
        Contact contact = em.find(Contact.class, contactId);
        return contact == null ? null : local(contact);
    }

    /** Writes one page's decisions and the folder's new state, all in this transaction. */
    public void commitPage(long mailboxId, String folderId, List<Decision> decisions, String state) {
        Mailbox mailbox = em.find(Mailbox.class, mailboxId);
        String actor = mailbox.getOwner().getLogin();
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (Decision decision : decisions) {
            if (decision instanceof CreateHere created) {
                create(mailbox, created.item(), actor, now);
            } else if (decision instanceof UpdateHere updated) {
                update(mailboxId, updated, actor, now);
            } else if (decision instanceof KeepHere kept) {
                ContactSyncLink link = linkRow(mailboxId, kept.item().remoteId());
                link.synced(kept.item().changeKey(), link.getSyncedVersion());
                em.persist(new ContactSyncIssue(mailboxId, ContactSyncIssue.Kind.KEPT_HERE, kept.contactId(),
                        kept.item().remoteId(), "Changed on both sides; the change here is later and was kept", now));
            } else if (decision instanceof RemovedThere removed) {
                linkRow(mailboxId, removed.remoteId()).setRemovedThereAt(now);
            } else if (decision instanceof Adopt adopt) {
                ContactSyncLink link = linkRow(mailboxId, ContactSyncLink.PENDING_PREFIX + adopt.contactId());
                link.setRemoteId(adopt.item().remoteId());
                link.synced(adopt.item().changeKey(), adopt.sentVersion());
                link.setPendingFingerprint(null);
                LOG.info(() -> "Contact " + adopt.contactId() + " adopted the item its interrupted create made in "
                        + "mailbox " + mailboxId);
            }
        }
        ContactSyncFolder folder = em.find(ContactSyncFolder.class, new ContactSyncFolder.Key(mailboxId, folderId));
        folder.setSyncState(state);
        ContactSync sync = em.find(ContactSync.class, mailboxId);
        sync.setProgressDone(sync.getProgressDone() + decisions.size());
    }

    private void create(Mailbox mailbox, ContactRemote.Item item, String actor, OffsetDateTime now) {
        ContactDraft draft = fitted(item.contact());
        Contact contact;
        try {
            contact = new Contact(CrmRules.contactName(draft.name(), draft.givenName(), draft.familyName()), now);
            apply(contact, draft);
        } catch (BusinessException e) {
            em.persist(new ContactSyncIssue(mailbox.getId(), ContactSyncIssue.Kind.FAILED, null, item.remoteId(),
                    "Not imported: " + e.getMessageKey() + " " + e.getField(), now));
            return;
        }
        contact.setOwner(mailbox.getOwner());
        contact.setAccount(accountNamed(draft.companyName()));
        em.persist(contact);
        for (String address : CrmRules.emails(draft.emails())) {
            em.persist(CrmEmail.ofContact(contact, address));
        }
        em.flush();
        ContactSyncLink link = new ContactSyncLink(mailbox.getId(), contact.getId(), item.remoteId(), false);
        link.synced(item.changeKey(), contact.getVersion());
        em.persist(link);
        events.record(new ContactChanged(contact.getId(), contact.getVersion(), contact.getName(),
                ContactChanged.Change.CREATED), actor);
    }

    private void update(long mailboxId, UpdateHere updated, String actor, OffsetDateTime now) {
        Contact contact = em.find(Contact.class, updated.contactId());
        ContactSyncLink link = linkRow(mailboxId, updated.item().remoteId());
        ContactDraft draft = fitted(updated.item().contact());
        try {
            contact.setName(CrmRules.contactName(draft.name(), draft.givenName(), draft.familyName()));
            apply(contact, draft);
            List<String> emails = CrmRules.emails(draft.emails());
            em.createNamedQuery(CrmEmail.DELETE_OF_CONTACT).setParameter("contactId", contact.getId()).executeUpdate();
            em.flush();
            for (String address : emails) {
                em.persist(CrmEmail.ofContact(contact, address));
            }
        } catch (BusinessException e) {
            em.refresh(contact);
            em.persist(new ContactSyncIssue(mailboxId, ContactSyncIssue.Kind.FAILED, contact.getId(),
                    updated.item().remoteId(), "Not updated: " + e.getMessageKey() + " " + e.getField(), now));
            return;
        }
        contact.setUpdatedAt(now);
        em.flush();
        link.synced(updated.item().changeKey(), contact.getVersion());
        link.setRemovedThereAt(null);
        if (updated.conflict()) {
            em.persist(new ContactSyncIssue(mailboxId, ContactSyncIssue.Kind.KEPT_THERE, contact.getId(),
                    updated.item().remoteId(), "Changed on both sides; the change in the mailbox is later and was "
                            + "kept", now));
        }
        events.record(new ContactChanged(contact.getId(), contact.getVersion(), contact.getName(),
                ContactChanged.Change.UPDATED), actor);
    }

    /** The synced parts of a contact (the CRM's own, account and category, stay as they are). */
    private void apply(Contact contact, ContactDraft draft) {
        String givenName = CrmRules.line(draft.givenName(), "givenName", Contact.NAME_PART_MAX);
        String familyName = CrmRules.line(draft.familyName(), "familyName", Contact.NAME_PART_MAX);
        String jobTitle = CrmRules.line(draft.jobTitle(), "jobTitle", Contact.JOB_TITLE_MAX);
        String companyName = CrmRules.line(draft.companyName(), "companyName", Contact.COMPANY_NAME_MAX);
        String notes = CrmRules.text(draft.notes(), "notes", Contact.NOTES_MAX);
        var phones = CrmRules.phones(draft.phones());
        var addresses = CrmRules.addresses(draft.addresses());
        contact.setGivenName(givenName);
        contact.setFamilyName(familyName);
        contact.setJobTitle(jobTitle);
        contact.setCompanyName(companyName);
        contact.setNotes(notes);
        contact.setBirthday(draft.birthday());
        contact.setPhones(phones);
        contact.setAddresses(addresses);
    }

    /**
     * EC-04: the account bearing the company's name (letter case aside), or none when no account or several do.
     * Every user sees every account today, so "the only one the importing user can see" is the only one.
     */
    private Account accountNamed(String companyName) {
        if (companyName == null || companyName.isBlank()) {
            return null;
        }
        List<Account> named = em.createNamedQuery(Account.NAMED, Account.class)
                .setParameter("name", companyName.strip().toLowerCase(Locale.ROOT)).setMaxResults(2).getResultList();
        return named.size() == 1 ? named.get(0) : null;
    }

    /** Outlook's values made to fit the CRM's rules: one-line fields on one line, texts cut, no non-numbers. */
    static ContactDraft fitted(ContactDraft remote) {
        List<ContactDraft.Phone> phones = remote.phones().stream().filter(p -> isPhone(p.number()))
                .limit(CrmRules.PHONES_MAX).toList();
        List<String> emails = remote.emails().stream().filter(ContactSyncRecords::isEmail).limit(CrmRules.EMAILS_MAX)
                .toList();
        return new ContactDraft(line(remote.name(), Contact.NAME_MAX), line(remote.givenName(), Contact.NAME_PART_MAX),
                line(remote.familyName(), Contact.NAME_PART_MAX), line(remote.jobTitle(), Contact.JOB_TITLE_MAX),
                line(remote.companyName(), Contact.COMPANY_NAME_MAX), null, emails, phones,
                remote.addresses().stream().map(a -> new ContactDraft.PostalAddress(a.kind(), cut(a.street(), 500),
                        line(a.city(), 100), line(a.region(), 100), line(a.postalCode(), 20), line(a.country(), 100)))
                        .limit(CrmRules.ADDRESSES_MAX).toList(), remote.birthday(),
                cut(remote.notes(), Contact.NOTES_MAX), null);
    }

    private static boolean isEmail(String address) {
        try {
            return !CrmRules.emails(List.of(address == null ? "" : address)).isEmpty();
        } catch (BusinessException e) {
            return false;
        }
    }

    private static boolean isPhone(String number) {
        try {
            return !CrmRules.phones(List.of(new ContactDraft.Phone("WORK", number))).isEmpty();
        } catch (BusinessException e) {
            return false;
        }
    }

    private static String line(String value, int max) {
        return cut(value == null ? null : value.replaceAll("[\\r\\n]+", " "), max);
    }

    private static String cut(String value, int max) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        return text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * EC-02: up to {@code max} contacts of the export scope that changed here since they were last synced with the
     * mailbox, or never were.
     */
    public List<Local> changedHere(long mailboxId, int max) {
        ContactSync sync = em.find(ContactSync.class, mailboxId);
        if (sync.getExportMode() == ContactSync.ExportMode.NONE) {
            return List.of();
        }
        String query = sync.getExportMode() == ContactSync.ExportMode.ALL ? ContactSyncLink.CHANGED_HERE
                : ContactSyncLink.CHANGED_HERE_OF_CATEGORIES;
        return em.createNamedQuery(query, Contact.class).setParameter("mailboxId", mailboxId).setMaxResults(max)
                .getResultStream().map(this::local).toList();
    }

    public List<Link> deletedHere(long mailboxId) {
        return em.createNamedQuery(ContactSyncLink.DELETED_HERE, ContactSyncLink.class)
                .setParameter("mailboxId", mailboxId).getResultStream().map(ContactSyncRecords::link).toList();
    }

    /** Links the contact to the item the sync wrote, at the version it sent. */
    /** See {@link ContactSyncStore#creating}. */
    public void creating(long mailboxId, long contactId, long version, String fingerprint) {
        ContactSyncLink link = em.createNamedQuery(ContactSyncLink.OF_CONTACT, ContactSyncLink.class)
                .setParameter("mailboxId", mailboxId).setParameter("contactId", contactId).getResultStream()
                .findFirst().orElse(null);
        if (link == null) {
            link = new ContactSyncLink(mailboxId, contactId, ContactSyncLink.PENDING_PREFIX + contactId, true);
            em.persist(link);
        }
        link.synced(null, version);
        link.setPendingFingerprint(fingerprint);
    }

    /** See {@link ContactSyncStore#pendingOf}. */
    public Link pendingOf(long mailboxId, String fingerprint) {
        return em.createNamedQuery(ContactSyncLink.PENDING, ContactSyncLink.class).setParameter("mailboxId", mailboxId)
                .setParameter("fingerprint", fingerprint).setMaxResults(1).getResultStream().findFirst()
                .map(ContactSyncRecords::link).orElse(null);
    }

    public void written(long mailboxId, long contactId, long syncedVersion, ContactRemote.Written written,
            boolean createdHere) {
        ContactSyncLink link = em.createNamedQuery(ContactSyncLink.OF_CONTACT, ContactSyncLink.class)
                .setParameter("mailboxId", mailboxId).setParameter("contactId", contactId).getResultStream()
                .findFirst().orElse(null);
        if (link == null) {
            link = new ContactSyncLink(mailboxId, contactId, written.remoteId(), createdHere);
            em.persist(link);
        } else {
            link.setRemoteId(written.remoteId());
        }
        link.synced(written.changeKey(), syncedVersion);
        link.setPendingFingerprint(null);
        link.setRemovedThereAt(null);
        ContactSync sync = em.find(ContactSync.class, mailboxId);
        sync.setProgressDone(sync.getProgressDone() + 1);
    }

    public void removedThere(long mailboxId, String remoteId) {
        linkRow(mailboxId, remoteId).setRemovedThereAt(OffsetDateTime.now(clock));
    }

    public void forget(long mailboxId, String remoteId) {
        ContactSyncLink link = em.createNamedQuery(ContactSyncLink.OF_REMOTE, ContactSyncLink.class)
                .setParameter("mailboxId", mailboxId).setParameter("remoteId", remoteId).getResultStream()
                .findFirst().orElse(null);
        if (link != null) {
            em.remove(link);
        }
    }

    public void failed(long mailboxId, String remoteId, Long contactId, String reason) {
        em.persist(new ContactSyncIssue(mailboxId, ContactSyncIssue.Kind.FAILED, contactId, remoteId, reason,
                OffsetDateTime.now(clock)));
    }

    private ContactSyncLink linkRow(long mailboxId, String remoteId) {
        return em.createNamedQuery(ContactSyncLink.OF_REMOTE, ContactSyncLink.class)
                .setParameter("mailboxId", mailboxId).setParameter("remoteId", remoteId).getSingleResult();
    }

    private static Link link(ContactSyncLink row) {
        return new Link(row.getContactId(), row.getRemoteId(), row.getChangeKey(), row.getSyncedVersion(),
                row.isCreatedHere(), row.isRemovedThere(), row.getPendingFingerprint() != null);
    }

    private Local local(Contact contact) {
        List<String> emails = em.createNamedQuery(CrmEmail.OF_CONTACT, CrmEmail.class)
                .setParameter("contactId", contact.getId()).getResultStream().map(CrmEmail::getAddress).toList();
        ContactDraft draft = new ContactDraft(contact.getName(), contact.getGivenName(), contact.getFamilyName(),
                contact.getJobTitle(), contact.getCompanyName(), null, emails,
                contact.getPhones().stream().map(p -> new ContactDraft.Phone(p.getKind().name(), p.getNumber()))
                        .toList(),
                contact.getAddresses().stream().map(a -> new ContactDraft.PostalAddress(a.getKind().name(),
                        a.getStreet(), a.getCity(), a.getRegion(), a.getPostalCode(), a.getCountry())).toList(),
                contact.getBirthday(), contact.getNotes(), null);
        return new Local(contact.getId(), contact.getVersion(), contact.getUpdatedAt(), draft);
    }
}
