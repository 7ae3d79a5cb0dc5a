package org.switchboard.web.mailbox;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.omnifaces.cdi.Param;
import org.omnifaces.cdi.param.ParamValue;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.primefaces.PrimeFaces;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.mail.MailProviderService;
import org.switchboard.core.mailbox.MailboxAccessDraft;
import org.switchboard.core.mailbox.MailboxAccessService;
import org.switchboard.core.mailbox.MailboxAccessView;
import org.switchboard.core.mailbox.MailboxGrantee;
import org.switchboard.core.mailbox.MailboxService;
import org.switchboard.core.mailbox.MailboxSettings;
import org.switchboard.core.mailbox.MailboxSettingsDraft;
import org.switchboard.core.mailbox.MailboxView;
import org.switchboard.core.mailbox.MicrosoftMailboxSignIn;
import org.switchboard.web.common.SignIns;
import org.switchboard.core.channel.SiteUrls;
import org.switchboard.model.mail.LoginFormat;
import org.switchboard.model.mailbox.LoadPeriod;
import org.switchboard.web.common.RecordPages;
import org.switchboard.web.common.Texts;
import org.switchboard.web.common.UiErrors;

/**
 * The page "Settings &lt;address&gt;" of a mailbox I own or may configure (MB-02, MB-03, MB-09..MB-12, SM-01, SM-04):
 * how it loads mail (period, automatically, all or the ticked folders the server reported), how it sends (flag,
 * default sender, alias, signature in rich text), and "Access for other users" with its access list (shown to holders
 * of both shared-mailbox operations; a row is added with "+", a user or role picked, rights ticked, and saved). Save,
 * Cancel, and "Change account settings", which tries the new password first.
 */
@Named
@ViewScoped
public class MailboxSettingsBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String EMAIL_TAB = "/panel/email.xhtml?mailboxes=true";
    private static final Map<String, String> FIELDS = Map.of("loadPeriod", "settings:loadPeriod",
            "selectedFolders", "settings:folders", "alias", "settings:alias", "signatureHtml", "settings:signature");
    private static final Map<String, String> CREDENTIAL_FIELDS = Map.of("password", "credentials:password",
            "login", "credentials:login");
    private static final Map<String, String> ACCESS_FIELDS = Map.of("access", "access:grantee");

    @Inject
    private MailboxService mailboxes;

    @Inject
    private MailProviderService providers;

    @Inject
    private MailboxAccessService access;

    @Inject
    private MicrosoftSignIns signIns;

    @Inject
    private SiteUrls siteUrls;

    @Inject
    @Param
    private ParamValue<Long> id;

    private boolean loaded;
    private MailboxView mailbox;
    private List<String> folders = List.of();
    private boolean manualLogin;
    private LoadPeriod loadPeriod;
    private boolean autoSync;
    private boolean allFolders;
    private List<String> selectedFolders = new ArrayList<>();
    private boolean sendEnabled;
    private boolean defaultSender;
    private boolean useAlias;
    private String alias;
    private boolean useSignature;
    private String signatureHtml;
    private String login;
    private String password;
    private boolean shared;
    private boolean mayShare;
    private List<MailboxAccessView> accessList = List.of();
    /** The grantees the picker offered last, by the label shown. */
    private Map<String, MailboxGrantee> offered = new HashMap<>();
    private boolean rowShown;
    private boolean rowIsNew;
    private String grantee;
    private boolean readRight;
    private boolean sendRight;
    private boolean configureRight;

    /** Loads the mailbox of the {@code id} parameter; another user's or a missing one goes back to the list. */
    public void load() throws IOException {
        if (loaded) {
            return;
        }
        loaded = true;
        MailboxSettings settings = RecordPages.load(id, mailboxes::settings, "panel_mailboxSettings.notFound",
                EMAIL_TAB);
        if (settings == null) {
            return;
        }
        fill(settings);
        completeSignIn();
        long providerId = mailbox.providerId();
        // MP-02: the dialog asks for the log-in only when the provider's format is "entered by hand".
        manualLogin = providers.choices().stream()
                .anyMatch(p -> p.id() == providerId && p.loginFormat() == LoginFormat.MANUAL);
    }

    private void fill(MailboxSettings settings) {
        mailbox = settings.mailbox();
        folders = settings.folders().stream().map(MailboxSettings.Folder::fullName).toList();
        selectedFolders = new ArrayList<>(settings.folders().stream().filter(MailboxSettings.Folder::selected)
                .map(MailboxSettings.Folder::fullName).toList());
        loadPeriod = mailbox.loadPeriod();
        autoSync = mailbox.autoSync();
        allFolders = mailbox.allFolders();
        sendEnabled = mailbox.sendEnabled();
        defaultSender = mailbox.defaultSender();
        useAlias = mailbox.useAlias();
        alias = mailbox.alias();
        useSignature = mailbox.useSignature();
        signatureHtml = settings.signatureHtml();
        shared = mailbox.shared();
        mayShare = settings.mayShare();
        accessList = settings.access();
    }

    /** A sign-in with Microsoft again that came back to this page ({@code signIn} parameter): MB-12, MO-02. */
    private void completeSignIn() {
        String key = Faces.getRequestParameter("signIn");
        if (key == null) {
            return;
        }
        Optional<SignIns.Answered<MicrosoftMailboxSignIn>> answered = signIns.take(key);
        if (answered.isEmpty()) {
            Messages.addGlobalError("error.mailbox.microsoftSignInLost");
            return;
        }
        SignIns.Answered<MicrosoftMailboxSignIn> answer = answered.get();
        if (answer.failureKey() != null) {
            Messages.addGlobalError(answer.failureKey(), answer.failureArguments().toArray());
        } else if (answer.code() == null) {
            Messages.addGlobalError("error.mailbox.microsoftRefused", answer.errorDescription() != null
                    ? answer.errorDescription() : String.valueOf(answer.error()));
        } else if (answer.signIn().mailboxId() == null || answer.signIn().mailboxId() != mailbox.id()) {
            Messages.addGlobalError("error.mailbox.microsoftSignInLost");
        } else {
            try {
                mailbox = mailboxes.connectMicrosoft(answer.signIn(), answer.signIn().state(), answer.code());
                Messages.addGlobalInfo("panel_mailboxSettings.signedInAgain", mailbox.address());
            } catch (BusinessException e) {
                UiErrors.show(e);
            }
        }
    }

    /**
     * "Change account settings" of a mailbox signed in with Microsoft (MB-12, MO-02): a new sign-in for it, which
     * comes back to this page.
     */
    public void signInAgain() throws IOException {
        try {
            MicrosoftMailboxSignIn pending = mailboxes.beginMicrosoftAgain(mailbox.id(),
                    MailboxNewBacking.callbackUri(siteUrls));
            signIns.started(pending, "/panel/mailbox-settings.xhtml?id=" + mailbox.id());
            Faces.redirect(pending.authorizationUrl());
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    /** MO-01: a mailbox signed in with Microsoft changes its account by signing in again, not with a password. */
    public boolean isMicrosoft() {
        return mailbox != null && mailbox.microsoftSignIn();
    }

    /** Save (MB-12): "selected folders" with none ticked is refused beside the list (MB-10). */
    public void save() {
        try {
            mailbox = mailboxes.updateSettings(mailbox.id(), mailbox.version(), new MailboxSettingsDraft(loadPeriod,
                    autoSync, allFolders, new LinkedHashSet<>(selectedFolders), sendEnabled, defaultSender,
                    useAlias, alias, useSignature, signatureHtml, mayShare ? shared : null));
            Messages.addGlobalInfo("panel_mailboxSettings.saved", mailbox.address());
        } catch (BusinessException e) {
            UiErrors.show(e, FIELDS);
        }
    }

    /** "Change account settings" (MB-12): stored only when the servers accept the new password. */
    public void changeCredentials() {
        try {
            mailbox = mailboxes.changeCredentials(mailbox.id(), manualLogin ? login : null, password);
            Messages.addGlobalInfo("panel_mailboxSettings.credentialsChanged", mailbox.address());
            PrimeFaces.current().executeScript("PF('credentialsDialog').hide()");
        } catch (BusinessException e) {
            UiErrors.show(e, CREDENTIAL_FIELDS);
        } finally {
            password = null;
        }
    }

    /** "+" (SM-04): an empty row to pick a user or role for. */
    public void addAccess() {
        rowShown = true;
        rowIsNew = true;
        grantee = null;
        readRight = false;
        sendRight = false;
        configureRight = false;
    }

    /** Opens a listed row to change its rights. */
    public void editAccess(MailboxAccessView row) {
        rowShown = true;
        rowIsNew = false;
        grantee = label(row);
        offered.put(grantee, new MailboxGrantee(row.userId(), row.roleId(), grantee));
        readRight = row.read();
        sendRight = row.send();
        configureRight = row.configure();
    }

    public void cancelAccess() {
        rowShown = false;
    }

    /** The picker's suggestions: users and roles whose name contains what was typed. */
    public List<String> completeGrantee(String search) {
        Map<String, MailboxGrantee> found = new HashMap<>();
        List<String> labels = new ArrayList<>();
        for (MailboxGrantee candidate : access.grantees(mailbox.id(), search)) {
            String label = candidate.userId() != null ? candidate.label()
                    : Texts.format(Faces.getLocale(), "panel_mailboxSettings.role", candidate.label());
            found.put(label, candidate);
            labels.add(label);
        }
        offered = found;
        return labels;
    }

    /** "Save the row" (SM-04): the user or role picked with the rights ticked. */
    public void saveAccess() {
        MailboxGrantee picked = grantee == null ? null : offered.get(grantee);
        try {
            accessList = access.saveAccessRow(mailbox.id(), new MailboxAccessDraft(
                    picked == null ? null : picked.userId(), picked == null ? null : picked.roleId(), readRight,
                    sendRight, configureRight));
            rowShown = false;
            Messages.addGlobalInfo("panel_mailboxSettings.accessSaved", grantee);
        } catch (BusinessException e) {
            UiErrors.show(e, ACCESS_FIELDS);
        }
    }

    /** Removes a row, after the page asked for confirmation. */
    public void deleteAccess(MailboxAccessView row) {
        try {
            accessList = access.deleteAccessRow(mailbox.id(), row.id());
            rowShown = false;
            Messages.addGlobalInfo("panel_mailboxSettings.accessDeleted", label(row));
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    /** A row's user ("Name (login)") or role ("Name (role)"). */
    public String label(MailboxAccessView row) {
        return row.userId() != null ? row.userName() + " (" + row.userLogin() + ")"
                : Texts.format(Faces.getLocale(), "panel_mailboxSettings.role", row.roleName());
    }

    /** The access section shows to whoever may change it, and read-only to others while it has rows. */
    public boolean isAccessShown() {
        return mayShare || !accessList.isEmpty();
    }

    public boolean isMayShare() {
        return mayShare;
    }

    public List<MailboxAccessView> getAccessList() {
        return accessList;
    }

    public boolean isRowShown() {
        return rowShown;
    }

    public boolean isRowIsNew() {
        return rowIsNew;
    }

    public boolean isShared() {
        return shared;
    }

    public void setShared(boolean shared) {
        this.shared = shared;
    }

    public String getGrantee() {
        return grantee;
    }

    public void setGrantee(String grantee) {
        this.grantee = grantee;
    }

    public boolean isReadRight() {
        return readRight;
    }

    public void setReadRight(boolean readRight) {
        this.readRight = readRight;
    }

    public boolean isSendRight() {
        return sendRight;
    }

    public void setSendRight(boolean sendRight) {
        this.sendRight = sendRight;
    }

    public boolean isConfigureRight() {
        return configureRight;
    }

    public void setConfigureRight(boolean configureRight) {
        this.configureRight = configureRight;
    }

    public MailboxView getMailbox() {
        return mailbox;
    }

    public List<String> getFolders() {
        return folders;
    }

    public List<LoadPeriod> getLoadPeriods() {
        return List.of(LoadPeriod.values());
    }

    public boolean isManualLogin() {
        return manualLogin;
    }

    public LoadPeriod getLoadPeriod() {
        return loadPeriod;
    }

    public void setLoadPeriod(LoadPeriod loadPeriod) {
        this.loadPeriod = loadPeriod;
    }

    public boolean isAutoSync() {
        return autoSync;
    }

    public void setAutoSync(boolean autoSync) {
        this.autoSync = autoSync;
    }

    public boolean isAllFolders() {
        return allFolders;
    }

    public void setAllFolders(boolean allFolders) {
        this.allFolders = allFolders;
    }

    public List<String> getSelectedFolders() {
        return selectedFolders;
    }

    public void setSelectedFolders(List<String> selectedFolders) {
        this.selectedFolders = selectedFolders == null ? new ArrayList<>() : new ArrayList<>(selectedFolders);
    }

    public boolean isSendEnabled() {
        return sendEnabled;
    }

    public void setSendEnabled(boolean sendEnabled) {
        this.sendEnabled = sendEnabled;
    }

    public boolean isDefaultSender() {
        return defaultSender;
    }

    public void setDefaultSender(boolean defaultSender) {
        this.defaultSender = defaultSender;
    }

    public boolean isUseAlias() {
        return useAlias;
    }

    public void setUseAlias(boolean useAlias) {
        this.useAlias = useAlias;
    }

    public String getAlias() {
        return alias;
    }

    public void setAlias(String alias) {
        this.alias = alias;
    }

    public boolean isUseSignature() {
        return useSignature;
    }

    public void setUseSignature(boolean useSignature) {
        this.useSignature = useSignature;
    }

    public String getSignatureHtml() {
        return signatureHtml;
    }

    public void setSignatureHtml(String signatureHtml) {
        this.signatureHtml = signatureHtml;
    }

    public String getLogin() {
        return login == null && mailbox != null ? mailbox.login() : login;
    }

    public void setLogin(String login) {
        this.login = login;
    }

    /** Never shown back. */
    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
