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
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.crm.ContactCategoryView;
import org.switchboard.core.crm.ContactGroupService;
import org.switchboard.core.crm.ContactGroupView;
import org.switchboard.core.crm.CrmService;
import org.switchboard.core.crm.sync.ContactSyncDraft;
import org.switchboard.core.crm.sync.ContactSyncService;
import org.switchboard.core.crm.sync.ContactSyncView;
import org.switchboard.core.mailbox.MailTransport;
import org.switchboard.core.mailbox.MailboxService;
import org.switchboard.core.mailbox.MailboxView;
import org.switchboard.core.settings.SettingCodes;
import org.switchboard.core.settings.SystemSettings;
import org.switchboard.web.common.RecordPages;
import org.switchboard.web.common.UiErrors;

/**
 * An Exchange mailbox's "Contacts" tab (MB-05, EC-01..EC-05): the two-way contact sync's settings, "Run sync" and
 * its progress, and the conflicts and failures of its runs. For the mailbox's owner and those who may configure it;
 * another mailbox, or one that is not an Exchange one, goes back to the mailbox list with a message.
 */
@Named
@ViewScoped
public class MailboxContactsBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String EMAIL_TAB = "/panel/email.xhtml?mailboxes=true";
    private static final Map<String, String> FIELDS = Map.of("selectedFolderIds", "sync:folders",
            "categoryIds", "sync:categories", "importContacts", "sync:importContacts", "groupIds", "sync:groups");

    @Inject
    private ContactSyncService syncs;

    @Inject
    private MailboxService mailboxes;

    @Inject
    private CrmService crm;

    @Inject
    private SystemSettings settings;

    @Inject
    private ContactGroupService groupService;

    @Inject
    @Param
    private ParamValue<Long> id;

    private boolean loaded;
    private String address;
    private ContactSyncView sync;
    private List<ContactCategoryView> categories = List.of();
    private boolean autoSync;
    private boolean importContacts;
    private boolean allFolders;
    private List<String> selectedFolders = new ArrayList<>();
    private String exportMode;
    private List<Long> categoryIds = new ArrayList<>();
    private List<Long> groupIds = new ArrayList<>();
    private List<ContactGroupView> groups = List.of();

    /** Loads the sync of the {@code id} parameter's mailbox. */
    public void load() throws IOException {
        if (loaded) {
            return;
        }
        loaded = true;
        MailboxView mailbox = RecordPages.load(id, this::configurable, "panel_mailboxSettings.notFound", EMAIL_TAB);
        if (mailbox == null) {
            return;
        }
        address = mailbox.address();
        if (mailbox.transport() == MailTransport.IMAP) {
            // No contact sync: its mail settings say why.
            Messages.addFlashGlobalError("error.contactSync.notExchange", address);
            Faces.redirect(Faces.getRequestContextPath() + "/panel/mailbox-settings.xhtml?id=" + mailbox.id());
            return;
        }
        categories = crm.categories();
        groups = groupService.groups();
        fill(syncs.view(mailbox.id()));
    }

    private MailboxView configurable(long mailboxId) {
        MailboxView mailbox = mailboxes.mailbox(mailboxId);
        if (!mailbox.mayConfigure()) {
            throw new RecordNotFoundException("Mailbox", mailboxId);
        }
        return mailbox;
    }

    private void fill(ContactSyncView view) {
        sync = view;
        autoSync = view.autoSync();
        importContacts = view.importContacts();
        allFolders = view.allFolders();
        selectedFolders = new ArrayList<>(view.folders().stream().filter(ContactSyncView.Folder::selected)
                .map(ContactSyncView.Folder::id).toList());
        exportMode = view.exportMode();
        categoryIds = new ArrayList<>(view.categoryIds());
        groupIds = new ArrayList<>(view.groupIds());
    }

    /** The poll while a run goes on: where it stands, the settings being edited kept. */
    public void refresh() {
        sync = syncs.view(sync.mailboxId());
    }

    public void save() {
        try {
            fill(syncs.save(sync.mailboxId(), sync.version(), new ContactSyncDraft(autoSync, importContacts, allFolders,
                    allFolders ? List.of() : selectedFolders, exportMode,
                    "CATEGORIES".equals(exportMode) ? categoryIds : List.of(),
                    "CATEGORIES".equals(exportMode) ? groupIds : List.of())));
            Messages.addGlobalInfo("panel_mailboxContacts.saved", address);
        } catch (BusinessException e) {
            UiErrors.show(e, FIELDS);
        }
    }

    /** "Run sync" (EC-03): starts at once; the poll shows its progress. */
    public void run() {
        try {
            sync = syncs.requestRun(sync.mailboxId());
            Messages.addGlobalInfo("panel_mailboxContacts.started", address);
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    /** Asks the mailbox for its contact folders (EC-01), keeping what is ticked. */
    public void refreshFolders() {
        try {
            List<String> ticked = List.copyOf(selectedFolders);
            sync = syncs.refreshFolders(sync.mailboxId());
            selectedFolders = new ArrayList<>(ticked);
            Messages.addGlobalInfo("panel_mailboxContacts.foldersRefreshed", sync.folders().size());
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    /** A category's name in the user's language. */
    public String categoryLabel(String code, String name) {
        return Categories.label(code, name);
    }

    /** Where the sync stands; "running" while a run holds it or is asked for, whatever the last recorded state. */
    public String getStatus() {
        return isBusy() ? "RUNNING" : sync.status();
    }

    /**
     * A run holds the sync, or one is asked for and not started yet (the page polls until it ends: "Run sync" answers
     * before the background run has claimed the sync).
     */
    public boolean isBusy() {
        return sync.running() || sync.requested();
    }

    /** {@code MailboxSyncInterval}: the minutes between automatic runs. */
    public long getInterval() {
        return settings.integer(SettingCodes.MAILBOX_SYNC_INTERVAL);
    }

    public String getAddress() {
        return address;
    }

    public ContactSyncView getSync() {
        return sync;
    }

    public List<ContactCategoryView> getCategories() {
        return categories;
    }

    public boolean isAutoSync() {
        return autoSync;
    }

    public void setAutoSync(boolean autoSync) {
        this.autoSync = autoSync;
    }

    public boolean isImportContacts() {
        return importContacts;
    }

    public void setImportContacts(boolean importContacts) {
        this.importContacts = importContacts;
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
        this.selectedFolders = selectedFolders;
    }

    public String getExportMode() {
        return exportMode;
    }

    public void setExportMode(String exportMode) {
        this.exportMode = exportMode;
    }

    public List<Long> getCategoryIds() {
        return categoryIds;
    }

    public void setCategoryIds(List<Long> categoryIds) {
        this.categoryIds = categoryIds;
    }

    public List<Long> getGroupIds() {
        return groupIds;
    }

    public void setGroupIds(List<Long> groupIds) {
        this.groupIds = groupIds;
    }

    public List<ContactGroupView> getGroups() {
        return groups;
    }
}
