package org.switchboard.web.crm;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.omnifaces.cdi.Param;
import org.omnifaces.cdi.param.ParamValue;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.crm.AccountView;
import org.switchboard.core.crm.ContactDraft;
import org.switchboard.core.crm.ContactView;
import org.switchboard.core.crm.CrmService;
import org.switchboard.core.mailbox.EmailService;
import org.switchboard.core.mailbox.EmailSummary;
import org.switchboard.web.common.RecordPages;
import org.switchboard.web.common.UiErrors;

/** A contact's card (MB-04): name, account, e-mail addresses; save, delete; and its e-mail timeline with a reader. */
@Named
@ViewScoped
public class ContactBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String LIST = "/crm/contacts.xhtml";
    private static final Map<String, String> FIELDS = Map.of("name", "contact:name", "emails", "contact:emails");

    @Inject
    private CrmService crm;

    @Inject
    private EmailService mail;

    @Inject
    @Param
    private ParamValue<Long> id;

    private ContactView contact;
    private String name;
    private Long accountId;
    private List<String> emails = new ArrayList<>();
    private List<AccountView> accounts;
    private Timeline timeline;

    /** Loads the contact of the page's {@code id} parameter, or prepares a new one when there is none. */
    public void load() throws IOException {
        if (accounts != null) {
            return;
        }
        accounts = crm.accounts(null, 0, CrmService.PAGE_MAX);
        ContactView loaded = RecordPages.loadOrNew(id, crm::contact, "crm_contact.notFound", LIST);
        if (loaded != null) {
            show(loaded);
            timeline = new Timeline(this::page);
        }
    }

    private List<EmailSummary> page(int first, int max) {
        return crm.contactTimeline(contact.id(), first, max);
    }

    public void save() throws IOException {
        try {
            ContactDraft draft = new ContactDraft(name, accountId, emails);
            boolean created = contact == null;
            ContactView saved = created ? crm.createContact(draft)
                    : crm.updateContact(contact.id(), contact.version(), draft);
            Messages.addFlashGlobalInfo(created ? "crm_contact.created" : "crm_contact.saved", saved.name());
            Faces.redirect(Faces.getRequestContextPath() + "/crm/contact.xhtml?id=" + saved.id());
        } catch (BusinessException e) {
            UiErrors.show(e, FIELDS);
        }
    }

    public void delete() throws IOException {
        try {
            crm.deleteContact(contact.id());
            Messages.addFlashGlobalInfo("crm_contact.deleted", contact.name());
            Faces.redirect(Faces.getRequestContextPath() + LIST);
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    public void open(long emailId) {
        timeline.open(emailId, mail::email);
    }

    private void show(ContactView view) {
        contact = view;
        name = view.name();
        accountId = view.accountId();
        emails = new ArrayList<>(view.emails());
    }

    public boolean isNew() {
        return contact == null;
    }

    public ContactView getContact() {
        return contact;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Long getAccountId() {
        return accountId;
    }

    public void setAccountId(Long accountId) {
        this.accountId = accountId;
    }

    public List<String> getEmails() {
        return emails;
    }

    public void setEmails(List<String> emails) {
        this.emails = emails == null ? new ArrayList<>() : emails;
    }

    public List<AccountView> getAccounts() {
        return accounts;
    }

    public Timeline getTimeline() {
        return timeline;
    }
}
