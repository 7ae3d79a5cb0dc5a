package org.switchboard.web.crm;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.crm.AccountView;
import org.switchboard.core.crm.ContactCategoryView;
import org.switchboard.core.crm.ContactView;
import org.switchboard.core.crm.CrmService;
import org.switchboard.core.crm.sync.ContactSyncChoice;
import org.switchboard.core.crm.sync.ContactSyncService;
import org.switchboard.web.common.Texts;

/** The lists of contacts and accounts (MB-04), found by a part of a name or an address. */
@Named
@ViewScoped
public class ContactsBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 200;

    @Inject
    private CrmService crm;

    private String search;
    private Long categoryId;
    private List<ContactView> contacts;
    private long contactsTotal;
    private List<AccountView> accounts;
    private List<ContactCategoryView> categories;

    @Inject
    private ContactSyncService syncs;

    private List<ContactSyncChoice> syncChoices;

    @PostConstruct
    void load() {
        categories = crm.categories();
        syncChoices = syncs.choices();
        find();
    }

    /**
     * "Run sync" (EC-03): the contact sync of each of my Exchange mailboxes where it is set up starts in the
     * background; their pages show the progress.
     */
    public void runSync() {
        List<String> started = syncs.requestRuns();
        if (started.isEmpty()) {
            Messages.addGlobalWarn("crm_contacts.sync.noneSetUp");
        } else {
            Messages.addGlobalInfo("crm_contacts.sync.started", String.join(", ", started));
        }
        syncChoices = syncs.choices();
    }

    /** "Set up ‹address›": opens that mailbox's contact sync page. */
    public String setUpLabel(String address) {
        return Texts.format(Faces.getLocale(), "crm_contacts.action.setUp", address);
    }

    /** My Exchange mailboxes whose contacts may sync (EC-05); none hides the "Actions" menu. */
    public List<ContactSyncChoice> getSyncChoices() {
        return syncChoices;
    }

    public void find() {
        contacts = crm.contacts(search, categoryId, 0, SHOWN);
        contactsTotal = crm.countContacts(search, categoryId);
        accounts = crm.accounts(search, 0, SHOWN);
    }

    /** A category's name in the user's language: a seeded one's translation, another's own name. */
    public String categoryLabel(String code, String name) {
        return Categories.label(code, name);
    }

    /** The addresses as one line. */
    public String join(List<String> emails) {
        return String.join(", ", emails);
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    public Long getCategoryId() {
        return categoryId;
    }

    public void setCategoryId(Long categoryId) {
        this.categoryId = categoryId;
    }

    public List<ContactCategoryView> getCategories() {
        return categories;
    }

    /** How many contacts match, when more than the list shows. */
    public long getContactsTotal() {
        return contactsTotal;
    }

    public List<ContactView> getContacts() {
        return contacts;
    }

    public List<AccountView> getAccounts() {
        return accounts;
    }
}
