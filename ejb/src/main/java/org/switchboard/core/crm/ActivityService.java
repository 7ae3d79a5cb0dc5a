package org.switchboard.core.crm;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.ConcurrentChangeException;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.crm.ActivityChanged.Change;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.model.crm.Activity;
import org.switchboard.model.crm.ActivityGroup;
import org.switchboard.model.crm.ActivityGroupMember;
import org.switchboard.model.crm.ActivityParticipant;
import org.switchboard.model.crm.Contact;
import org.switchboard.model.security.User;

/**
 * Activities (issue 21 item 1): meetings ("shown in calendar") and tasks, with participants, groups and recurrence.
 * A user sees the activities they own, organise or take part in, and may change and delete those; another user's
 * activity is answered as one that does not exist. Every change publishes an {@link ActivityChanged}. Activity groups
 * are the CRM's, like contact groups: every user sees, makes, renames and removes them.
 */
@Stateless
@PermitAll
public class ActivityService {

    private static final Logger LOG = Logger.getLogger(ActivityService.class.getName());
    public static final int PAGE_MAX = 200;
    /** The longest stretch a calendar shows at once: a month view with its neighbouring weeks fits well inside. */
    public static final Duration CALENDAR_MAX = Duration.ofDays(62);
    private static final OffsetDateTime EARLIEST = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime LATEST = OffsetDateTime.of(9999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private EventOutbox events;

    @Resource
    private SessionContext context;

    // ---------------------------------------------------------------- activities

    /** The activities I see whose title holds the text and that the filter lets through, by when they are listed. */
    public List<ActivityView> activities(String search, ActivityFilter filter, int first, int max) {
        return views(filtered(em.createNamedQuery(Activity.SEARCH, Activity.class), search, filter)
                .setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, Math.min(max, PAGE_MAX)))
                .getResultList());
    }

    /** How many activities {@link #activities} pages through. */
    public long countActivities(String search, ActivityFilter filter) {
        return filtered(em.createNamedQuery(Activity.COUNT_SEARCH, Long.class), search, filter).getSingleResult();
    }

    private <T> TypedQuery<T> filtered(TypedQuery<T> query, String search, ActivityFilter filter) {
        List<Activity.Kind> kinds = filter.kind() == null || filter.kind().isBlank()
                ? List.of(Activity.Kind.values())
                : List.of(CrmRules.kind(Activity.Kind.class, filter.kind(), Activity.Kind.MEETING, "kind"));
        List<Activity.Status> statuses = filter.statuses() == null || filter.statuses().isEmpty()
                ? Arrays.asList(Activity.Status.values())
                : filter.statuses().stream().map(s -> CrmRules.kind(Activity.Status.class, s, null, "status"))
                        .filter(Objects::nonNull).toList();
        if (filter.groupId() != null && em.find(ActivityGroup.class, filter.groupId()) == null) {
            throw new InvalidInputException("validation.activity.unknownGroup", "groupId", filter.groupId());
        }
        if (filter.from() != null && filter.to() != null && !filter.to().isAfter(filter.from())) {
            throw new InvalidInputException("validation.activity.range", "to");
        }
        return query.setParameter("userId", callerId()).setParameter("pattern", CrmRules.pattern(search))
                .setParameter("kinds", kinds).setParameter("statuses", statuses.isEmpty()
                        ? Arrays.asList(Activity.Status.values()) : statuses)
                .setParameter("from", filter.from() == null ? EARLIEST : filter.from())
                .setParameter("to", filter.to() == null ? LATEST : filter.to())
                .setParameter("groupId", filter.groupId() == null ? 0L : filter.groupId())
                .setParameter("contactId", filter.contactId() == null ? 0L : filter.contactId());
    }

    /**
     * The calendar of [from, to) (at most {@link #CALENDAR_MAX}): my meetings, each occurrence of the recurring ones
     * (the days taken out left out), and my tasks at their due times.
     */
    public List<ActivityOccurrence> calendar(OffsetDateTime from, OffsetDateTime to) {
        if (from == null || to == null || !to.isAfter(from)) {
            throw new InvalidInputException("validation.activity.range", "to");
        }
        if (Duration.between(from, to).compareTo(CALENDAR_MAX) > 0) {
            throw new InvalidInputException("validation.activity.rangeTooLong", "to", CALENDAR_MAX.toDays());
        }
        List<ActivityOccurrence> entries = new ArrayList<>();
        for (Activity a : em.createNamedQuery(Activity.IN_RANGE, Activity.class).setParameter("userId", callerId())
                .setParameter("meeting", Activity.Kind.MEETING).setParameter("from", from).setParameter("to", to)
                .getResultList()) {
            String kind = kind(a);
            if (!a.isInCalendar()) {
                entries.add(new ActivityOccurrence(a.getId(), a.getTitle(), kind, a.getListedAt(), null,
                        a.isAllDay(), a.getStatus().name(), false));
            } else if (a.getRecurrence() == null) {
                entries.add(new ActivityOccurrence(a.getId(), a.getTitle(), kind, a.getStartsAt(), a.getEndsAt(),
                        a.isAllDay(), a.getStatus().name(), false));
            } else {
                ZoneId zone = ZoneId.of(a.getTimeZone());
                Duration length = Duration.between(a.getStartsAt(), a.getEndsAt());
                Recurrence rule = Recurrence.parse(a.getRecurrence());
                for (var start : rule.occurrences(a.getStartsAt().atZoneSameInstant(zone), length,
                        from.toInstant(), to.toInstant(), a.getExceptions())) {
                    entries.add(new ActivityOccurrence(a.getId(), a.getTitle(), kind, start.toOffsetDateTime(),
                            start.plus(length).toOffsetDateTime(), a.isAllDay(), a.getStatus().name(), true));
                }
            }
        }
        entries.sort(Comparator.comparing((ActivityOccurrence o) -> o.start().toInstant())
                .thenComparing(ActivityOccurrence::activityId));
        return entries;
    }

    public ActivityView activity(long id) {
        return view(find(id));
    }

    /** The activities a contact takes part in that I see, the latest first (the contact's card). */
    public List<ActivityView> activitiesOfContact(long contactId, int max) {
        if (em.find(Contact.class, contactId) == null) {
            throw new RecordNotFoundException("Contact", contactId);
        }
        return views(em.createNamedQuery(Activity.OF_CONTACT, Activity.class).setParameter("contactId", contactId)
                .setParameter("userId", callerId()).setMaxResults(Math.max(1, Math.min(max, PAGE_MAX)))
                .getResultList());
    }

    /** Creates an activity; I own and organise it unless the draft names other users. */
    public ActivityView create(ActivityDraft draft) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String title = ActivityRules.title(draft.title());
        boolean meeting = draft.inCalendar() != null ? draft.inCalendar() : draft.startsAt() != null;
        Activity activity = new Activity(title, meeting, ZoneId.systemDefault().getId(), now);
        Checked checked = check(activity, draft);
        User caller = caller();
        Long me = caller == null ? null : caller.getId();
        apply(activity, draft, checked);
        activity.setOwnerId(draft.ownerId() != null ? checked.ownerId() : me);
        activity.setOrganiserId(draft.organiserId() != null ? checked.organiserId() : me);
        em.persist(activity);
        em.flush();
        replaceParticipants(activity.getId(), checked.participants());
        replaceGroups(activity.getId(), checked.groupIds());
        em.flush();
        events.record(new ActivityChanged(activity.getId(), activity.getVersion(), title, kind(activity),
                Change.CREATED), Callers.login(context));
        LOG.info(() -> "Activity " + activity.getId() + " created by " + Callers.login(context));
        return view(activity);
    }

    /**
     * Saves the changes to an activity read at {@code expectedVersion}: every field is as the draft has it (its
     * participants replaced), except the organiser, the owner and the groups when the draft leaves them out.
     */
    public ActivityView update(long id, long expectedVersion, ActivityDraft draft) {
        Activity activity = find(id);
        if (activity.getVersion() != expectedVersion) {
            throw new ConcurrentChangeException("Activity", id);
        }
        String title = ActivityRules.title(draft.title());
        boolean meeting = draft.inCalendar() != null ? draft.inCalendar() : activity.isInCalendar();
        activity.setInCalendar(meeting);
        Checked checked = check(activity, draft);
        activity.setTitle(title);
        apply(activity, draft, checked);
        if (draft.ownerId() != null) {
            activity.setOwnerId(checked.ownerId());
        }
        if (draft.organiserId() != null) {
            activity.setOrganiserId(checked.organiserId());
        }
        activity.setUpdatedAt(OffsetDateTime.now(clock));
        replaceParticipants(id, checked.participants());
        replaceGroups(id, checked.groupIds());
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw new ConcurrentChangeException("Activity", id);
        }
        events.record(new ActivityChanged(id, activity.getVersion(), title, kind(activity), Change.UPDATED),
                Callers.login(context));
        return view(activity);
    }

    /** Deletes an activity I see (only at that version when one is given); its participants and groups go with it. */
    public void delete(long id, Long expectedVersion) {
        Activity activity = find(id);
        if (expectedVersion != null && activity.getVersion() != expectedVersion) {
            throw new ConcurrentChangeException("Activity", id);
        }
        events.record(new ActivityChanged(id, activity.getVersion(), activity.getTitle(), kind(activity),
                Change.DELETED), Callers.login(context));
        participantsOf(List.of(id)).forEach(em::remove);
        membersOf(List.of(id)).forEach(em::remove);
        em.remove(activity);
        em.flush();
        LOG.info(() -> "Activity " + id + " deleted by " + Callers.login(context));
    }

    /** What a draft holds beyond the plain fields, checked all before any is set. */
    private record Checked(ActivityRules.Times times, ZoneId zone, String recurrence, List<LocalDate> exceptions,
            List<ActivityDraft.Participant> participants, List<Long> groupIds, Long ownerId, Long organiserId,
            Activity.Status status, Activity.Priority priority, Integer reminder, String location,
            String description) {
    }

    private Checked check(Activity activity, ActivityDraft draft) {
        boolean meeting = activity.isInCalendar();
        boolean allDay = Boolean.TRUE.equals(draft.allDay());
        ZoneId zone = ActivityRules.zone(draft.timeZone(), ZoneId.of(activity.getTimeZone()));
        ActivityRules.Times times = ActivityRules.times(meeting, allDay, draft.startsAt(), draft.endsAt(),
                draft.dueAt(), zone);
        String recurrence = ActivityRules.recurrence(draft.recurrence(), meeting,
                times.startsAt() == null ? null : times.startsAt().atZoneSameInstant(zone));
        List<LocalDate> exceptions = ActivityRules.exceptions(draft.exceptions(), recurrence);
        List<ActivityDraft.Participant> participants = ActivityRules.participants(draft.participants());
        for (ActivityDraft.Participant p : participants) {
            if (p.userId() != null && em.find(User.class, p.userId()) == null) {
                throw new InvalidInputException("validation.activity.unknownUser", "participants", p.userId());
            }
            if (p.contactId() != null && em.find(Contact.class, p.contactId()) == null) {
                throw new InvalidInputException("validation.activity.unknownContact", "participants", p.contactId());
            }
        }
        return new Checked(times, zone, recurrence, exceptions, participants, groups(draft.groupIds()),
                user(draft.ownerId(), "ownerId"), user(draft.organiserId(), "organiserId"),
                ActivityRules.status(draft.status()), ActivityRules.priority(draft.priority()),
                ActivityRules.reminder(draft.reminderMinutes()),
                CrmRules.line(draft.location(), "location", Activity.LOCATION_MAX),
                CrmRules.text(draft.description(), "description", Activity.DESCRIPTION_MAX));
    }

    private void apply(Activity activity, ActivityDraft draft, Checked checked) {
        activity.setAllDay(Boolean.TRUE.equals(draft.allDay()));
        activity.setTimeZone(checked.zone().getId());
        activity.setTimes(checked.times().startsAt(), checked.times().endsAt(), checked.times().dueAt());
        activity.setRecurrence(checked.recurrence());
        activity.setExceptions(new HashSet<>(checked.exceptions()));
        activity.setStatus(checked.status());
        activity.setPriority(checked.priority());
        activity.setReminderMinutes(checked.reminder());
        activity.setLocation(checked.location());
        activity.setDescription(checked.description());
    }

    private Long user(Long id, String field) {
        if (id != null && em.find(User.class, id) == null) {
            throw new InvalidInputException("validation.activity.unknownUser", field, id);
        }
        return id;
    }

    private List<Long> groups(List<Long> ids) {
        if (ids == null) {
            return null;
        }
        for (Long id : ids) {
            if (id == null || em.find(ActivityGroup.class, id) == null) {
                throw new InvalidInputException("validation.activity.unknownGroup", "groupIds", id);
            }
        }
        return ids.stream().distinct().toList();
    }

    private void replaceParticipants(long activityId, List<ActivityDraft.Participant> wanted) {
        List<ActivityParticipant> current = participantsOf(List.of(activityId));
        List<ActivityParticipant> kept = new ArrayList<>();
        for (ActivityParticipant p : current) {
            ActivityDraft.Participant same = wanted.stream().filter(w -> same(p, w)).findFirst().orElse(null);
            if (same == null) {
                em.remove(p);
            } else {
                p.setResponse(ActivityParticipant.Response.valueOf(same.response()));
                kept.add(p);
            }
        }
        wanted.stream().filter(w -> kept.stream().noneMatch(p -> same(p, w)))
                .forEach(w -> em.persist(new ActivityParticipant(activityId, w.userId(), w.contactId(), w.email(),
                        ActivityParticipant.Response.valueOf(w.response()))));
    }

    private static boolean same(ActivityParticipant p, ActivityDraft.Participant w) {
        return Objects.equals(p.getUserId(), w.userId()) && Objects.equals(p.getContactId(), w.contactId())
                && Objects.equals(p.getEmail(), w.email());
    }

    private void replaceGroups(long activityId, List<Long> groupIds) {
        if (groupIds == null) {
            return;
        }
        List<ActivityGroupMember> current = membersOf(List.of(activityId));
        current.stream().filter(m -> !groupIds.contains(m.getGroupId())).forEach(em::remove);
        groupIds.stream().filter(g -> current.stream().noneMatch(m -> m.getGroupId() == g))
                .forEach(g -> em.persist(new ActivityGroupMember(g, activityId)));
    }

    private List<ActivityParticipant> participantsOf(List<Long> ids) {
        return em.createNamedQuery(ActivityParticipant.OF_ACTIVITIES, ActivityParticipant.class)
                .setParameter("activityIds", ids).getResultList();
    }

    private List<ActivityGroupMember> membersOf(List<Long> ids) {
        return em.createNamedQuery(ActivityGroupMember.OF_ACTIVITIES, ActivityGroupMember.class)
                .setParameter("activityIds", ids).getResultList();
    }

    private Activity find(long id) {
        Activity activity = em.find(Activity.class, id);
        if (activity == null || em.createNamedQuery(Activity.IS_VISIBLE, Long.class).setParameter("id", id)
                .setParameter("userId", callerId()).getSingleResult() == 0) {
            throw new RecordNotFoundException("Activity", id);
        }
        return activity;
    }

    private static String kind(Activity activity) {
        return activity.getKind().name();
    }

    private User caller() {
        return em.createNamedQuery(User.BY_LOGIN, User.class).setParameter("login", Callers.login(context))
                .getResultStream().findFirst().orElse(null);
    }

    /** The caller's user id; -1 (nobody's activities) when no user calls. */
    private long callerId() {
        User caller = caller();
        return caller == null ? -1L : caller.getId();
    }

    private ActivityView view(Activity activity) {
        return views(List.of(activity)).get(0);
    }

    /** The activities' views, their participants and groups read for all of them at once. */
    private List<ActivityView> views(List<Activity> activities) {
        if (activities.isEmpty()) {
            return List.of();
        }
        List<Long> ids = activities.stream().map(Activity::getId).toList();
        Map<Long, List<ActivityParticipant>> participants = participantsOf(ids).stream()
                .collect(Collectors.groupingBy(ActivityParticipant::getActivityId));
        Map<Long, List<Long>> groups = membersOf(ids).stream().collect(Collectors.groupingBy(
                ActivityGroupMember::getActivityId, Collectors.mapping(ActivityGroupMember::getGroupId,
                        Collectors.toList())));
        return activities.stream().map(a -> new ActivityView(a.getId(), a.getVersion(), a.getTitle(), kind(a),
                a.getStartsAt(), a.getEndsAt(), a.getDueAt(), a.isAllDay(), a.getTimeZone(), a.getLocation(),
                a.getDescription(), a.getStatus().name(), a.getPriority().name(), a.getReminderMinutes(),
                a.getRecurrence(), a.getExceptions().stream().sorted().toList(), a.getOrganiserId(),
                userName(a.getOrganiserId()), a.getOwnerId(), userName(a.getOwnerId()),
                participants.getOrDefault(a.getId(), List.of()).stream().map(this::view).toList(),
                groups.getOrDefault(a.getId(), List.of()), a.getCreatedAt(), a.getUpdatedAt())).toList();
    }

    private ActivityView.ParticipantView view(ActivityParticipant p) {
        String name = p.getEmail();
        if (p.getUserId() != null) {
            name = userName(p.getUserId());
        } else if (p.getContactId() != null) {
            Contact contact = em.find(Contact.class, p.getContactId());
            name = contact == null ? null : contact.getName();
        }
        return new ActivityView.ParticipantView(p.getUserId(), p.getContactId(), p.getEmail(), name,
                p.getResponse().name());
    }

    private String userName(Long id) {
        User user = id == null ? null : em.find(User.class, id);
        return user == null ? null : user.getDisplayName() != null ? user.getDisplayName() : user.getLogin();
    }

    // ---------------------------------------------------------------- groups

    /** Every activity group, by name, with the number of its activities. */
    public List<ActivityGroupView> groups() {
        return em.createNamedQuery(ActivityGroup.ALL, ActivityGroup.class).getResultStream().map(this::view)
                .toList();
    }

    public ActivityGroupView createGroup(String name) {
        String checked = groupName(name, null);
        ActivityGroup group = new ActivityGroup(checked, OffsetDateTime.now(clock));
        em.persist(group);
        flushGroup(checked, null);
        LOG.info(() -> "Activity group " + group.getId() + " created by " + Callers.login(context));
        return view(group);
    }

    /** Renames the group read at {@code expectedVersion}. */
    public ActivityGroupView renameGroup(long id, long expectedVersion, String name) {
        ActivityGroup group = findGroup(id);
        if (group.getVersion() != expectedVersion) {
            throw new ConcurrentChangeException("ActivityGroup", id);
        }
        String checked = groupName(name, id);
        group.setName(checked);
        flushGroup(checked, id);
        return view(group);
    }

    /** Removes the group; its activities stay. */
    public void deleteGroup(long id) {
        em.remove(findGroup(id));
        em.flush();
        LOG.info(() -> "Activity group " + id + " deleted by " + Callers.login(context));
    }

    private String groupName(String name, Long id) {
        String checked = CrmRules.name(name, ActivityGroup.NAME_MAX);
        for (ActivityGroup same : em.createNamedQuery(ActivityGroup.BY_NAME, ActivityGroup.class)
                .setParameter("name", checked.toLowerCase(Locale.ROOT)).getResultList()) {
            if (!same.getId().equals(id)) {
                throw new InvalidInputException("validation.crm.groupExists", "name", checked);
            }
        }
        return checked;
    }

    /** Writes now, so that the same name given at the same moment is refused by the unique key as the check does. */
    private void flushGroup(String name, Long id) {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw new ConcurrentChangeException("ActivityGroup", id);
        } catch (PersistenceException e) {
            LOG.info(() -> "Activity group " + name + " not saved, a unique key refused it: " + e);
            throw new InvalidInputException("validation.crm.groupExists", "name", name);
        }
    }

    private ActivityGroup findGroup(long id) {
        ActivityGroup group = em.find(ActivityGroup.class, id);
        if (group == null) {
            throw new RecordNotFoundException("ActivityGroup", id);
        }
        return group;
    }

    private ActivityGroupView view(ActivityGroup group) {
        return new ActivityGroupView(group.getId(), group.getVersion(), group.getName(),
                em.createNamedQuery(ActivityGroupMember.COUNT_OF_GROUP, Long.class).setParameter("groupId",
                        group.getId()).getSingleResult());
    }
}
