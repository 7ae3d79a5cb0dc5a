package org.switchboard.web.crm;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.switchboard.core.crm.AccountView;
import org.switchboard.core.crm.ContactView;
import org.switchboard.core.crm.CrmService;

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
    private List<ContactView> contacts;
    private List<AccountView> accounts;

    @PostConstruct
    void load() {
        find();
    }

    public void find() {
        contacts = crm.contacts(search, 0, SHOWN);
        accounts = crm.accounts(search, 0, SHOWN);
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

    public List<ContactView> getContacts() {
        return contacts;
    }

    public List<AccountView> getAccounts() {
        return accounts;
    }
}
