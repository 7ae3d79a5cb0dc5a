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
import org.switchboard.core.crm.AccountDraft;
import org.switchboard.core.crm.AccountView;
import org.switchboard.core.crm.CrmService;
import org.switchboard.core.mailbox.EmailService;
import org.switchboard.core.mailbox.EmailSummary;
import org.switchboard.web.common.RecordPages;
import org.switchboard.web.common.UiErrors;

/**
 * An account's card (MB-04): name, e-mail addresses, its contacts; save, delete; and its e-mail timeline (the
 * account's and its contacts' mail) with a reader.
 */
@Named
@ViewScoped
public class AccountBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String LIST = "/crm/contacts.xhtml?tab=accounts";
    private static final Map<String, String> FIELDS = Map.of("name", "account:name", "emails", "account:emails");

    @Inject
    private CrmService crm;

    @Inject
    private EmailService mail;

    @Inject
    @Param
    private ParamValue<Long> id;

    private AccountView account;
    private String name;
    private List<String> emails = new ArrayList<>();
    private Timeline timeline;

    /** Loads the account of the page's {@code id} parameter, or prepares a new one when there is none. */
    public void load() throws IOException {
        if (account != null) {
            return;
        }
        AccountView loaded = RecordPages.loadOrNew(id, crm::account, "crm_account.notFound", LIST);
        if (loaded != null) {
            show(loaded);
            timeline = new Timeline(this::page);
        }
    }

    private List<EmailSummary> page(int first, int max) {
        return crm.accountTimeline(account.id(), first, max);
    }

    public void save() throws IOException {
        try {
            AccountDraft draft = new AccountDraft(name, emails);
            boolean created = account == null;
            AccountView saved = created ? crm.createAccount(draft)
                    : crm.updateAccount(account.id(), account.version(), draft);
            Messages.addFlashGlobalInfo(created ? "crm_account.created" : "crm_account.saved", saved.name());
            Faces.redirect(Faces.getRequestContextPath() + "/crm/account.xhtml?id=" + saved.id());
        } catch (BusinessException e) {
            UiErrors.show(e, FIELDS);
        }
    }

    public void delete() throws IOException {
        try {
            crm.deleteAccount(account.id());
            Messages.addFlashGlobalInfo("crm_account.deleted", account.name());
            Faces.redirect(Faces.getRequestContextPath() + LIST);
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    public void open(long emailId) {
        timeline.open(emailId, mail::email);
    }

    private void show(AccountView view) {
        account = view;
        name = view.name();
        emails = new ArrayList<>(view.emails());
    }

    public boolean isNew() {
        return account == null;
    }

    public AccountView getAccount() {
        return account;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getEmails() {
        return emails;
    }

    public void setEmails(List<String> emails) {
        this.emails = emails == null ? new ArrayList<>() : emails;
    }

    public Timeline getTimeline() {
        return timeline;
    }
}
