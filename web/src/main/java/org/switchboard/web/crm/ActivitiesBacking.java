package org.switchboard.web.crm;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serial;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.primefaces.event.SelectEvent;
import org.primefaces.model.DefaultScheduleEvent;
import org.primefaces.model.LazyScheduleModel;
import org.primefaces.model.ScheduleEvent;
import org.primefaces.model.ScheduleModel;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.crm.ActivityDraft;
import org.switchboard.core.crm.ActivityFilter;
import org.switchboard.core.crm.ActivityGroupView;
import org.switchboard.core.crm.ActivityOccurrence;
import org.switchboard.core.crm.ActivityService;
import org.switchboard.core.crm.ActivityView;
import org.switchboard.core.crm.ContactFilter;
import org.switchboard.core.crm.ContactView;
import org.switchboard.core.crm.CrmService;
import org.switchboard.web.common.UiErrors;

/**
 * The Activities section (issue 21 item 1): my meetings and tasks on a calendar ({@code p:schedule}, each occurrence
 * of a recurring meeting shown) and in a list found by title, kind, status and group; a day clicked on the calendar or
 * "New meeting" / "New task" opens the editor in place, as does an entry clicked ({@code ?id=} opens one from a
 * contact's card). The activity groups are made, renamed and removed on their own tab.
 */
@Named
@ViewScoped
public class ActivitiesBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 200;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("title", "editorForm:title"),
            Map.entry("startsAt", "editorForm:startsAt"), Map.entry("endsAt", "editorForm:endsAt"),
            Map.entry("dueAt", "editorForm:dueAt"), Map.entry("timeZone", "editorForm:timeZone"),
            Map.entry("location", "editorForm:location"), Map.entry("description", "editorForm:description"),
            Map.entry("recurrence", "editorForm:recurrence"), Map.entry("participants", "editorForm:contacts"),
            Map.entry("reminderMinutes", "editorForm:reminder"), Map.entry("groupIds", "editorForm:groups"));

    @Inject
    private ActivityService activities;

    @Inject
    private CrmService crm;

    private String search;
    private String kind;
    private String status;
    private Long groupId;
    private List<ActivityView> list;
    private long total;
    private List<ActivityGroupView> groups;
    /** 0 calendar, 1 list, 2 groups. */
    private int activeTab;
    private ScheduleModel calendar;
    private String newGroup;
    private Long renaming;
    private String renamed;

    private final Editor editor = new Editor();
    private boolean editorOpen;
    /** The contacts offered by the last completion: label → id. */
    private Map<String, Long> offered = new HashMap<>();

    /** What the editor holds: a new activity (id null) or one read at {@code version}. */
    public static class Editor implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
        private Long id;
        private long version;
        private String title;
        private boolean meeting = true;
        private LocalDateTime startsAt;
        private LocalDateTime endsAt;
        private LocalDateTime dueAt;
        private boolean allDay;
        private String timeZone;
        private String location;
        private String description;
        private String status = "PLANNED";
        private String priority = "NORMAL";
        private Integer reminder;
        private String recurrence;
        private List<String> contacts = new ArrayList<>();
        private Map<String, Long> contactIds = new LinkedHashMap<>();
        private List<ActivityDraft.Participant> others = new ArrayList<>();
        private List<Long> groupIds = new ArrayList<>();
        private List<LocalDate> exceptions = List.of();

        public Long getId() {
            return id;
        }

        public String getTitle() {
            return title;
        }

        public void setTitle(String title) {
            this.title = title;
        }

        public String getKind() {
            return meeting ? "MEETING" : "TASK";
        }

        public void setKind(String kind) {
            this.meeting = !"TASK".equals(kind);
        }

        public boolean isMeeting() {
            return meeting;
        }

        public LocalDateTime getStartsAt() {
            return startsAt;
        }

        public void setStartsAt(LocalDateTime startsAt) {
            this.startsAt = startsAt;
        }

        public LocalDateTime getEndsAt() {
            return endsAt;
        }

        public void setEndsAt(LocalDateTime endsAt) {
            this.endsAt = endsAt;
        }

        public LocalDateTime getDueAt() {
            return dueAt;
        }

        public void setDueAt(LocalDateTime dueAt) {
            this.dueAt = dueAt;
        }

        public boolean isAllDay() {
            return allDay;
        }

        public void setAllDay(boolean allDay) {
            this.allDay = allDay;
        }

        public String getTimeZone() {
            return timeZone;
        }

        public void setTimeZone(String timeZone) {
            this.timeZone = timeZone;
        }

        public String getLocation() {
            return location;
        }

        public void setLocation(String location) {
            this.location = location;
        }

        public String getDescription() {
            return description;
        }

        public void setDescription(String description) {
            this.description = description;
        }

        public String getStatus() {
            return status;
        }

        public void setStatus(String status) {
            this.status = status;
        }

        public String getPriority() {
            return priority;
        }

        public void setPriority(String priority) {
            this.priority = priority;
        }

        public Integer getReminder() {
            return reminder;
        }

        public void setReminder(Integer reminder) {
            this.reminder = reminder;
        }

        public String getRecurrence() {
            return recurrence;
        }

        public void setRecurrence(String recurrence) {
            this.recurrence = recurrence;
        }

        public List<String> getContacts() {
            return contacts;
        }

        public void setContacts(List<String> contacts) {
            this.contacts = contacts == null ? new ArrayList<>() : new ArrayList<>(contacts);
        }

        public List<Long> getGroupIds() {
            return groupIds;
        }

        public void setGroupIds(List<Long> groupIds) {
            this.groupIds = groupIds == null ? new ArrayList<>() : new ArrayList<>(groupIds);
        }
    }

    @PostConstruct
    void load() {
        groups = activities.groups();
        calendar = new LazyScheduleModel() {
            @Serial
            private static final long serialVersionUID = 1L;

            @Override
            public void loadEvents(LocalDateTime start, LocalDateTime end) {
                ZoneId zone = zone();
                for (ActivityOccurrence o : activities.calendar(start.atZone(zone).toOffsetDateTime(),
                        end.atZone(zone).toOffsetDateTime())) {
                    LocalDateTime from = o.start().atZoneSameInstant(zone).toLocalDateTime();
                    addEvent(DefaultScheduleEvent.<Long>builder().title(o.title()).data(o.activityId())
                            .startDate(from).endDate(o.end() == null ? from.plusMinutes(30)
                                    : o.end().atZoneSameInstant(zone).toLocalDateTime())
                            .allDay(o.allDay()).editable(false)
                            .styleClass("sb-activity-" + o.kind().toLowerCase(Locale.ROOT)
                                    + ("DONE".equals(o.status()) ? " sb-activity-done" : ""))
                            .build());
                }
            }
        };
        list();
        String id = Faces.getRequestParameter("id");
        if (id != null && id.matches("\\d{1,18}")) {
            activeTab = 1;
            open(Long.parseLong(id));
        }
    }

    /** The zone the calendar and a new activity's times are in: the server's (a user's own zone is issue 26's). */
    public ZoneId zone() {
        return ZoneId.systemDefault();
    }

    public String getZoneId() {
        return zone().getId();
    }

    public void find() {
        activeTab = 1;
        list();
    }

    private void list() {
        ActivityFilter filter = new ActivityFilter(kind, status == null ? List.of() : List.of(status), null, null,
                groupId, null);
        try {
            list = activities.activities(search, filter, 0, SHOWN);
            total = activities.countActivities(search, filter);
        } catch (BusinessException e) {
            UiErrors.show(e);
            groupId = null;
            groups = activities.groups();
            list = activities.activities(search, ActivityFilter.ANY, 0, SHOWN);
            total = activities.countActivities(search, ActivityFilter.ANY);
        }
    }

    /** "New meeting" / "New task": the editor, empty, the next full hour prefilled for a meeting. */
    public void newActivity(boolean meeting) {
        LocalDateTime next = LocalDateTime.now(zone()).withMinute(0).withSecond(0).withNano(0).plusHours(1);
        startEditor(meeting, next, next.plusHours(1));
    }

    /** A day or a time clicked on the calendar: a new meeting there (an hour long; all day when a day was clicked). */
    public void onDateSelect(SelectEvent<LocalDateTime> event) {
        LocalDateTime at = event.getObject();
        boolean wholeDay = at.toLocalTime().equals(LocalTime.MIDNIGHT);
        startEditor(true, wholeDay ? at.withHour(9) : at, wholeDay ? at.withHour(10) : at.plusHours(1));
    }

    private void startEditor(boolean meeting, LocalDateTime start, LocalDateTime end) {
        Editor empty = new Editor();
        copy(empty);
        editor.meeting = meeting;
        editor.startsAt = meeting ? start : null;
        editor.endsAt = meeting ? end : null;
        editor.timeZone = getZoneId();
        editorOpen = true;
    }

    /** An entry clicked on the calendar: its activity in the editor. */
    public void onEventSelect(SelectEvent<ScheduleEvent<Long>> event) {
        open(event.getObject().getData());
    }

    /** An activity of the list (or of {@code ?id=}) in the editor. */
    public void open(long id) {
        try {
            ActivityView a = activities.activity(id);
            Editor read = new Editor();
            read.id = a.id();
            read.version = a.version();
            read.title = a.title();
            read.meeting = a.inCalendar();
            ZoneId zone = ZoneId.of(a.timeZone());
            read.startsAt = local(a.startsAt(), zone);
            read.endsAt = a.allDay() && a.endsAt() != null ? local(a.endsAt().minusDays(1), zone)
                    : local(a.endsAt(), zone);
            read.dueAt = local(a.dueAt(), zone);
            read.allDay = a.allDay();
            read.timeZone = a.timeZone();
            read.location = a.location();
            read.description = a.description();
            read.status = a.status();
            read.priority = a.priority();
            read.reminder = a.reminderMinutes();
            read.recurrence = a.recurrence();
            read.exceptions = a.exceptions();
            for (ActivityView.ParticipantView p : a.participants()) {
                if (p.contactId() != null) {
                    String label = p.name() + " #" + p.contactId();
                    read.contacts.add(label);
                    read.contactIds.put(label, p.contactId());
                } else {
                    read.others.add(new ActivityDraft.Participant(p.userId(), null, p.email(), p.response()));
                }
            }
            read.groupIds = new ArrayList<>(a.groupIds());
            copy(read);
            editorOpen = true;
        } catch (BusinessException e) {
            UiErrors.show(e);
            editorOpen = false;
            Faces.validationFailed();
        }
    }

    private static LocalDateTime local(OffsetDateTime at, ZoneId zone) {
        return at == null ? null : at.atZoneSameInstant(zone).toLocalDateTime();
    }

    private void copy(Editor from) {
        editor.id = from.id;
        editor.version = from.version;
        editor.title = from.title;
        editor.meeting = from.meeting;
        editor.startsAt = from.startsAt;
        editor.endsAt = from.endsAt;
        editor.dueAt = from.dueAt;
        editor.allDay = from.allDay;
        editor.timeZone = from.timeZone;
        editor.location = from.location;
        editor.description = from.description;
        editor.status = from.status;
        editor.priority = from.priority;
        editor.reminder = from.reminder;
        editor.recurrence = from.recurrence;
        editor.contacts = new ArrayList<>(from.contacts);
        editor.contactIds = new LinkedHashMap<>(from.contactIds);
        editor.others = new ArrayList<>(from.others);
        editor.groupIds = new ArrayList<>(from.groupIds);
        editor.exceptions = from.exceptions;
    }

    /** "Save": creates or changes the activity; a refusal stays in the editor on its field. */
    public void save() {
        ZoneId zone;
        try {
            zone = ZoneId.of(editor.timeZone == null || editor.timeZone.isBlank() ? getZoneId() : editor.timeZone);
        } catch (DateTimeException e) {
            zone = zone();
        }
        List<ActivityDraft.Participant> participants = new ArrayList<>(editor.others);
        for (String label : editor.contacts) {
            Long id = editor.contactIds.containsKey(label) ? editor.contactIds.get(label) : offered.get(label);
            if (id != null) {
                participants.add(new ActivityDraft.Participant(null, id, null, null));
            }
        }
        // The editor shows an all-day meeting's last day; the record keeps the midnight after it, as Outlook does.
        OffsetDateTime end = editor.allDay && editor.meeting && editor.endsAt != null
                ? at(editor.endsAt.toLocalDate().plusDays(1).atStartOfDay(), zone) : at(editor.endsAt, zone);
        ActivityDraft draft = new ActivityDraft(editor.title, editor.meeting, at(editor.startsAt, zone), end,
                at(editor.dueAt, zone), editor.allDay, editor.timeZone, editor.location, editor.description,
                editor.status, editor.priority, editor.reminder, editor.meeting ? editor.recurrence : null,
                editor.recurrence == null || editor.recurrence.isBlank() ? List.of() : editor.exceptions, null, null,
                participants, editor.groupIds);
        try {
            ActivityView saved = editor.id == null ? activities.create(draft)
                    : activities.update(editor.id, editor.version, draft);
            Messages.addGlobalInfo(editor.id == null ? "crm_activities.created" : "crm_activities.saved",
                    saved.title());
            editorOpen = false;
            list();
        } catch (BusinessException e) {
            UiErrors.show(e, FIELDS);
            Faces.validationFailed();
        }
    }

    private static OffsetDateTime at(LocalDateTime local, ZoneId zone) {
        return local == null ? null : local.atZone(zone).toOffsetDateTime();
    }

    /** "Delete", after its confirmation. */
    public void delete() {
        if (editor.id == null) {
            editorOpen = false;
            return;
        }
        try {
            activities.delete(editor.id, editor.version);
            Messages.addGlobalInfo("crm_activities.deleted", editor.title);
            editorOpen = false;
            list();
        } catch (BusinessException e) {
            UiErrors.show(e);
            Faces.validationFailed();
        }
    }

    public void cancel() {
        editorOpen = false;
    }

    /** The contacts whose name, company or address holds the text, as labels the editor takes. */
    public List<String> completeContact(String text) {
        Map<String, Long> found = new HashMap<>(offered);
        List<String> labels = new ArrayList<>();
        for (ContactView c : crm.contacts(text, new ContactFilter(null, null, null), 0, 20)) {
            String label = c.name() + " #" + c.id();
            found.put(label, c.id());
            labels.add(label);
        }
        offered = found;
        return labels;
    }

    /** When an activity is listed: a meeting's start, a task's due time, in its own zone. */
    public String when(ActivityView a) {
        OffsetDateTime at = a.inCalendar() ? a.startsAt() : a.dueAt();
        return at == null ? "" : at.atZoneSameInstant(ZoneId.of(a.timeZone())).format(WHEN);
    }

    /** The time zones to choose from, by id. */
    public Set<String> getZones() {
        return new TreeSet<>(ZoneId.getAvailableZoneIds());
    }

    // ---------------------------------------------------------------- groups

    public void createGroup() {
        activeTab = 2;
        try {
            ActivityGroupView group = activities.createGroup(newGroup);
            Messages.addGlobalInfo("crm_contacts.groupCreated", group.name());
            newGroup = null;
            groups = activities.groups();
        } catch (BusinessException e) {
            UiErrors.show(e, Map.of("name", "lists:tabs:newGroup"));
        }
    }

    public void startRename(ActivityGroupView group) {
        activeTab = 2;
        renaming = group.id();
        renamed = group.name();
    }

    public boolean isRenaming(ActivityGroupView group) {
        return Objects.equals(renaming, group.id());
    }

    public void rename(ActivityGroupView group) {
        activeTab = 2;
        try {
            ActivityGroupView saved = activities.renameGroup(group.id(), group.version(), renamed);
            Messages.addGlobalInfo("crm_contacts.groupRenamed", saved.name());
            renaming = null;
            groups = activities.groups();
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    public void cancelRename() {
        activeTab = 2;
        renaming = null;
    }

    public void deleteGroup(ActivityGroupView group) {
        activeTab = 2;
        try {
            activities.deleteGroup(group.id());
            Messages.addGlobalInfo("crm_contacts.groupDeleted", group.name());
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
        if (Objects.equals(groupId, group.id())) {
            groupId = null;
        }
        groups = activities.groups();
        list();
    }

    // ---------------------------------------------------------------- accessors

    public Editor getEditor() {
        return editor;
    }

    public boolean isEditorOpen() {
        return editorOpen;
    }

    public ScheduleModel getCalendar() {
        return calendar;
    }

    public List<ActivityView> getList() {
        return list;
    }

    public long getTotal() {
        return total;
    }

    public List<ActivityGroupView> getGroups() {
        return groups;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public Long getGroupId() {
        return groupId;
    }

    public void setGroupId(Long groupId) {
        this.groupId = groupId;
    }

    public int getActiveTab() {
        return activeTab;
    }

    public void setActiveTab(int activeTab) {
        this.activeTab = activeTab;
    }

    public String getNewGroup() {
        return newGroup;
    }

    public void setNewGroup(String newGroup) {
        this.newGroup = newGroup;
    }

    public String getRenamed() {
        return renamed;
    }

    public void setRenamed(String renamed) {
        this.renamed = renamed;
    }
}
