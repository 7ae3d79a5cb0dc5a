package org.switchboard.web.crm;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.crm.AccountView;
import org.switchboard.core.crm.ContactCategoryView;
import org.switchboard.core.crm.ContactFilter;
import org.switchboard.core.crm.ContactGroupService;
import org.switchboard.core.crm.ContactGroupView;
import org.switchboard.core.crm.ContactTagView;
import org.switchboard.core.crm.ContactView;
import org.switchboard.core.crm.CrmService;
import org.switchboard.core.crm.sync.ContactSyncChoice;
import org.switchboard.core.crm.sync.ContactSyncService;
import org.switchboard.web.common.Texts;
import org.switchboard.web.common.UiErrors;

/**
 * The lists of contacts and accounts (MB-04), found by a part of a name or an address, contacts also by category,
 * group and tag (EC-02); the groups and tags themselves, made, renamed and removed in place (issue 21 item 1).
 */
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

    @Inject
    private ContactGroupService groupService;

    private Long groupId;
    private Long tagId;
    private List<ContactGroupView> groups;
    private List<ContactTagView> tags;
    private String newGroup;
    private String newTag;
    private String newTagKind = "PERSONAL";
    private Long renaming;
    private String renamed;
    /** The tab shown: 0 contacts, 1 accounts ({@code ?tab=accounts}), 2 groups and tags. */
    private int activeTab;

    private List<ContactSyncChoice> syncChoices;

    @PostConstruct
    void load() {
        categories = crm.categories();
        syncChoices = syncs.choices();
        activeTab = "accounts".equals(Faces.getRequestParameter("tab")) ? 1 : 0;
        loadGroupsAndTags();
        list();
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

    /** "Find": the lists, on the contacts' tab unless the accounts' is shown. */
    public void find() {
        activeTab = activeTab == 1 ? 1 : 0;
        list();
    }

    private void list() {
        ContactFilter filter = new ContactFilter(categoryId, groupId, tagId);
        try {
            contacts = crm.contacts(search, filter, 0, SHOWN);
            contactsTotal = crm.countContacts(search, filter);
        } catch (BusinessException e) {
            // The group or tag chosen was removed meanwhile: the list shows all again, and the menus the rest.
            UiErrors.show(e);
            groupId = null;
            tagId = null;
            loadGroupsAndTags();
            contacts = crm.contacts(search, new ContactFilter(categoryId, null, null), 0, SHOWN);
            contactsTotal = crm.countContacts(search, new ContactFilter(categoryId, null, null));
        }
        accounts = crm.accounts(search, 0, SHOWN);
    }

    private void loadGroupsAndTags() {
        groups = groupService.groups();
        tags = groupService.tags();
    }

    public void createGroup() {
        activeTab = 2;
        try {
            ContactGroupView group = groupService.createGroup(newGroup);
            Messages.addGlobalInfo("crm_contacts.groupCreated", group.name());
            newGroup = null;
            loadGroupsAndTags();
        } catch (BusinessException e) {
            UiErrors.show(e, Map.of("name", "lists:tabs:newGroup"));
        }
    }

    public void startRename(ContactGroupView group) {
        activeTab = 2;
        renaming = group.id();
        renamed = group.name();
    }

    public void rename(ContactGroupView group) {
        activeTab = 2;
        try {
            ContactGroupView saved = groupService.renameGroup(group.id(), group.version(), renamed);
            Messages.addGlobalInfo("crm_contacts.groupRenamed", saved.name());
            renaming = null;
            loadGroupsAndTags();
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    public void cancelRename() {
        activeTab = 2;
        renaming = null;
    }

    public void deleteGroup(ContactGroupView group) {
        activeTab = 2;
        try {
            groupService.deleteGroup(group.id());
            Messages.addGlobalInfo("crm_contacts.groupDeleted", group.name());
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
        if (Objects.equals(groupId, group.id())) {
            groupId = null;
        }
        loadGroupsAndTags();
        list();
    }

    public void createTag() {
        activeTab = 2;
        try {
            ContactTagView tag = groupService.createTag(newTag, newTagKind);
            Messages.addGlobalInfo("crm_contacts.tagCreated", tag.name());
            newTag = null;
            loadGroupsAndTags();
        } catch (BusinessException e) {
            UiErrors.show(e, Map.of("name", "lists:tabs:newTag", "kind", "lists:tabs:newTagKind"));
        }
    }

    public void deleteTag(ContactTagView tag) {
        activeTab = 2;
        try {
            groupService.deleteTag(tag.id());
            Messages.addGlobalInfo("crm_contacts.tagDeleted", tag.name());
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
        if (Objects.equals(tagId, tag.id())) {
            tagId = null;
        }
        loadGroupsAndTags();
        list();
    }

    /** A tag as the menus show it: its name and kind. */
    public String tagLabel(ContactTagView tag) {
        return Tags.label(tag);
    }

    public boolean isRenaming(ContactGroupView group) {
        return renaming != null && renaming == group.id();
    }

    public String getRenamed() {
        return renamed;
    }

    public void setRenamed(String renamed) {
        this.renamed = renamed;
    }

    public int getActiveTab() {
        return activeTab;
    }

    public void setActiveTab(int activeTab) {
        this.activeTab = activeTab;
    }

    public Long getGroupId() {
        return groupId;
    }

    public void setGroupId(Long groupId) {
        this.groupId = groupId;
    }

    public Long getTagId() {
        return tagId;
    }

    public void setTagId(Long tagId) {
        this.tagId = tagId;
    }

    public List<ContactGroupView> getGroups() {
        return groups;
    }

    public List<ContactTagView> getTags() {
        return tags;
    }

    public String getNewGroup() {
        return newGroup;
    }

    public void setNewGroup(String newGroup) {
        this.newGroup = newGroup;
    }

    public String getNewTag() {
        return newTag;
    }

    public void setNewTag(String newTag) {
        this.newTag = newTag;
    }

    public String getNewTagKind() {
        return newTagKind;
    }

    public void setNewTagKind(String newTagKind) {
        this.newTagKind = newTagKind;
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
