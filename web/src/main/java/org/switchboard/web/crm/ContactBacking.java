package org.switchboard.web.crm;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.omnifaces.cdi.Param;
import org.omnifaces.cdi.param.ParamValue;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.chat.ChatFilter;
import org.switchboard.core.chat.ChatPage;
import org.switchboard.core.chat.ChatService;
import org.switchboard.core.crm.ActivityService;
import org.switchboard.core.crm.ActivityView;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.crm.AccountView;
import org.switchboard.core.crm.ContactCategoryView;
import org.switchboard.core.crm.ContactDraft;
import org.switchboard.core.crm.ContactGroupService;
import org.switchboard.core.crm.ContactGroupView;
import org.switchboard.core.crm.ContactTagView;
import org.switchboard.core.crm.ContactView;
import org.switchboard.core.crm.CrmService;
import org.switchboard.core.mailbox.EmailService;
import org.switchboard.core.mailbox.EmailSummary;
import org.switchboard.web.common.RecordPages;
import org.switchboard.web.common.UiErrors;

/**
 * A contact's card (MB-04, EC-01): name and its parts, job, company and account, category, e-mail addresses, phones and
 * postal addresses (rows added and removed in place), birthday and notes; save, delete; and its e-mail timeline with a
 * reader.
 */
@Named
@ViewScoped
public class ContactBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String LIST = "/crm/contacts.xhtml";
    /** The newest chats the card lists; the Chats section has the rest. */
    private static final int CHATS_SHOWN = 20;
    private static final Map<String, String> FIELDS = Map.of("name", "contact:name", "emails", "contact:emails",
            "givenName", "contact:givenName", "familyName", "contact:familyName", "jobTitle", "contact:jobTitle",
            "companyName", "contact:companyName", "birthday", "contact:birthday", "notes", "contact:notes",
            "categoryId", "contact:category", "phones", "contact:addPhone");

    @Inject
    private CrmService crm;

    @Inject
    private EmailService mail;

    @Inject
    private ContactGroupService groupService;

    @Inject
    private ChatService chatService;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Inject
    private ActivityService activityService;

    /** The activities the contact takes part in that I see, the latest first (issue 21 item 1). */
    private List<ActivityView> activities = List.of();

    @Inject
    @Param
    private ParamValue<Long> id;

    private ContactView contact;
    private String name;
    private Long accountId;
    private List<String> emails = new ArrayList<>();
    private String givenName;
    private String familyName;
    private String jobTitle;
    private String companyName;
    private LocalDate birthday;
    private String notes;
    private Long categoryId;
    private List<Long> groupIds = new ArrayList<>();
    private List<Long> tagIds = new ArrayList<>();
    private List<ContactGroupView> groups;
    private List<ContactTagView> tags;
    private List<PhoneRow> phones = new ArrayList<>();
    private List<AddressRow> addresses = new ArrayList<>();
    private List<AccountView> accounts;
    private List<ContactCategoryView> categories;
    private Timeline timeline;
    private ChatPage chats;

    /** Loads the contact of the page's {@code id} parameter, or prepares a new one when there is none. */
    public void load() throws IOException {
        if (accounts != null) {
            return;
        }
        accounts = crm.accounts(null, 0, CrmService.PAGE_MAX);
        categories = crm.categories();
        groups = groupService.groups();
        tags = groupService.tags();
        ContactView loaded = RecordPages.loadOrNew(id, crm::contact, "crm_contact.notFound", LIST);
        if (loaded != null) {
            show(loaded);
            timeline = new Timeline(this::page);
            chats = chatService.search(ChatFilter.ofContact(loaded.id()), 0, CHATS_SHOWN);
            activities = activityService.activitiesOfContact(loaded.id(), CHATS_SHOWN);
        }
    }

    private List<EmailSummary> page(int first, int max) {
        return crm.contactTimeline(contact.id(), first, max);
    }

    public void save() throws IOException {
        try {
            ContactDraft draft = new ContactDraft(name, givenName, familyName, jobTitle, companyName, accountId,
                    emails, phones.stream().map(PhoneRow::draft).toList(),
                    addresses.stream().map(AddressRow::draft).toList(), birthday, notes, categoryId,
                    List.copyOf(groupIds), List.copyOf(tagIds));
            boolean created = contact == null;
            ContactView saved = created ? crm.createContact(draft)
                    : crm.updateContact(contact.id(), contact.version(), draft);
            Messages.addFlashGlobalInfo(created ? "crm_contact.created" : "crm_contact.saved", saved.name());
            Faces.redirect(Faces.getRequestContextPath() + "/crm/contact.xhtml?id=" + saved.id());
        } catch (BusinessException e) {
            UiErrors.show(e, fields());
        }
    }

    /** The inputs that show a refusal: the fixed ones, and each row's own (a phone's number, an address's city). */
    private Map<String, String> fields() {
        Map<String, String> fields = new HashMap<>(FIELDS);
        fields.put("addresses", "contact:addAddress");
        fields.put("groupIds", "contact:groups");
        fields.put("tagIds", "contact:tags");
        for (int i = 0; i < phones.size(); i++) {
            fields.put("phones[" + i + "].number", "contact:phones:" + i + ":number");
            fields.put("phones[" + i + "].kind", "contact:phones:" + i + ":kind");
        }
        for (int i = 0; i < addresses.size(); i++) {
            for (String part : List.of("kind", "street", "city", "region", "postalCode", "country")) {
                fields.put("addresses[" + i + "]." + part, "contact:addresses:" + i + ":" + part);
            }
        }
        return fields;
    }

    public void addPhone() {
        phones.add(new PhoneRow());
    }

    public void removePhone(int index) {
        phones.remove(index);
    }

    public void addAddress() {
        addresses.add(new AddressRow());
    }

    public void removeAddress(int index) {
        addresses.remove(index);
    }

    /** A category's name in the user's language. */
    public String categoryLabel(ContactCategoryView category) {
        return Categories.label(category.code(), category.name());
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
        givenName = view.givenName();
        familyName = view.familyName();
        jobTitle = view.jobTitle();
        companyName = view.companyName();
        birthday = view.birthday();
        notes = view.notes();
        categoryId = view.categoryId();
        groupIds = new ArrayList<>(view.groupIds());
        tagIds = new ArrayList<>(view.tagIds());
        phones = new ArrayList<>(view.phones().stream().map(PhoneRow::of).toList());
        addresses = new ArrayList<>(view.addresses().stream().map(AddressRow::of).toList());
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

    public Long getCategoryId() {
        return categoryId;
    }

    public void setCategoryId(Long categoryId) {
        this.categoryId = categoryId;
    }

    public List<Long> getGroupIds() {
        return groupIds;
    }

    public void setGroupIds(List<Long> groupIds) {
        this.groupIds = groupIds;
    }

    public List<Long> getTagIds() {
        return tagIds;
    }

    public void setTagIds(List<Long> tagIds) {
        this.tagIds = tagIds;
    }

    public List<ActivityView> getActivities() {
        return activities;
    }

    /** When an activity of the card is: a meeting's start, a task's due time, in its own zone. */
    public String when(ActivityView a) {
        OffsetDateTime at = a.inCalendar() ? a.startsAt() : a.dueAt();
        return at == null ? "" : at.atZoneSameInstant(ZoneId.of(a.timeZone())).format(WHEN);
    }

    /** The contact's chats I may see, newest first (issue 21 item 1), with how many there are. */
    public ChatPage getChats() {
        return chats;
    }

    public List<ContactGroupView> getGroups() {
        return groups;
    }

    /** The tags I see (EC-02): corporate and public ones, and my personal ones. */
    public List<ContactTagView> getTags() {
        return tags;
    }

    /** A tag as the pickers show it: its name and, for a personal one, that it is mine alone. */
    public String tagLabel(ContactTagView tag) {
        return Tags.label(tag);
    }

    public List<PhoneRow> getPhones() {
        return phones;
    }

    public List<AddressRow> getAddresses() {
        return addresses;
    }

    public List<ContactCategoryView> getCategories() {
        return categories;
    }

    /** The kinds a phone may have, in the order offered. */
    public List<String> getPhoneKinds() {
        return List.of("MOBILE", "WORK", "HOME", "FAX", "OTHER");
    }

    /** The kinds a postal address may have. */
    public List<String> getAddressKinds() {
        return List.of("WORK", "HOME", "OTHER");
    }

    public List<AccountView> getAccounts() {
        return accounts;
    }

    public Timeline getTimeline() {
        return timeline;
    }

    /** A phone row of the card, edited in place. */
    public static class PhoneRow implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
        private String kind = "MOBILE";
        private String number;

        static PhoneRow of(ContactDraft.Phone phone) {
            PhoneRow row = new PhoneRow();
            row.kind = phone.kind();
            row.number = phone.number();
            return row;
        }

        ContactDraft.Phone draft() {
            return new ContactDraft.Phone(kind, number);
        }

        public String getKind() {
            return kind;
        }

        public void setKind(String kind) {
            this.kind = kind;
        }

        public String getNumber() {
            return number;
        }

        public void setNumber(String number) {
            this.number = number;
        }
    }

    /** A postal address row of the card, edited in place. */
    public static class AddressRow implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
        private String kind = "WORK";
        private String street;
        private String city;
        private String region;
        private String postalCode;
        private String country;

        static AddressRow of(ContactDraft.PostalAddress address) {
            AddressRow row = new AddressRow();
            row.kind = address.kind();
            row.street = address.street();
            row.city = address.city();
            row.region = address.region();
            row.postalCode = address.postalCode();
            row.country = address.country();
            return row;
        }

        ContactDraft.PostalAddress draft() {
            return new ContactDraft.PostalAddress(kind, street, city, region, postalCode, country);
        }

        public String getKind() {
            return kind;
        }

        public void setKind(String kind) {
            this.kind = kind;
        }

        public String getStreet() {
            return street;
        }

        public void setStreet(String street) {
            this.street = street;
        }

        public String getCity() {
            return city;
        }

        public void setCity(String city) {
            this.city = city;
        }

        public String getRegion() {
            return region;
        }

        public void setRegion(String region) {
            this.region = region;
        }

        public String getPostalCode() {
            return postalCode;
        }

        public void setPostalCode(String postalCode) {
            this.postalCode = postalCode;
        }

        public String getCountry() {
            return country;
        }

        public void setCountry(String country) {
            this.country = country;
        }
    }
}
