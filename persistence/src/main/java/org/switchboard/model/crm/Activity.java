package org.switchboard.model.crm;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CRM's activity (issue 21 item 1, EA-01 … EA-05): a meeting when it is "shown in calendar" (it has a start and
 * an end), otherwise a task (it may have a due time). It has a status, a priority, a reminder, an organiser and an
 * owner (users), participants ({@link ActivityParticipant}: users, contacts or bare addresses, with their answers),
 * groups ({@link ActivityGroupMember}) and may recur: an RFC 5545 RRULE with the days taken out. It is seen by its
 * owner, its organiser and the users taking part. {@code listedAt} orders meetings and tasks in one list: a meeting's
 * start, a task's due time or, without one, when it was made. {@code updatedAt} is set on every change here, which
 * the two-way syncs compare with the remote change time.
 */
@Entity
@Table(name = "activity")
@NamedQuery(name = Activity.SEARCH, query = "SELECT a FROM Activity a WHERE " + Activity.VISIBLE
        + " AND LOWER(a.title) LIKE :pattern AND a.kind IN :kinds "
        + "AND a.status IN :statuses AND a.listedAt >= :from "
        + "AND a.listedAt < :to AND (:groupId = 0 OR EXISTS (SELECT m.activityId FROM ActivityGroupMember m "
        + "WHERE m.activityId = a.id AND m.groupId = :groupId)) AND (:contactId = 0 OR EXISTS (SELECT x.id "
        + "FROM ActivityParticipant x WHERE x.activityId = a.id AND x.contactId = :contactId)) "
        + "ORDER BY a.listedAt, a.id")
@NamedQuery(name = Activity.COUNT_SEARCH, query = "SELECT COUNT(a) FROM Activity a WHERE " + Activity.VISIBLE
        + " AND LOWER(a.title) LIKE :pattern AND a.kind IN :kinds "
        + "AND a.status IN :statuses AND a.listedAt >= :from "
        + "AND a.listedAt < :to AND (:groupId = 0 OR EXISTS (SELECT m.activityId FROM ActivityGroupMember m "
        + "WHERE m.activityId = a.id AND m.groupId = :groupId)) AND (:contactId = 0 OR EXISTS (SELECT x.id "
        + "FROM ActivityParticipant x WHERE x.activityId = a.id AND x.contactId = :contactId))")
@NamedQuery(name = Activity.IN_RANGE, query = "SELECT a FROM Activity a WHERE " + Activity.VISIBLE
        + " AND ((a.kind = :meeting AND a.startsAt < :to AND (a.endsAt > :from OR a.recurrence IS NOT NULL)) "
        + "OR (a.kind <> :meeting AND a.listedAt >= :from AND a.listedAt < :to)) ORDER BY a.listedAt, a.id")
@NamedQuery(name = Activity.IS_VISIBLE, query = "SELECT COUNT(a) FROM Activity a WHERE a.id = :id AND "
        + Activity.VISIBLE)
@NamedQuery(name = Activity.OF_CONTACT, query = "SELECT a FROM Activity a WHERE EXISTS (SELECT x.id "
        + "FROM ActivityParticipant x WHERE x.activityId = a.id AND x.contactId = :contactId) AND " + Activity.VISIBLE
        + " ORDER BY a.listedAt DESC, a.id DESC")
public class Activity {

    /** The activities a user sees: theirs, those they organise and those they take part in. */
    static final String VISIBLE = "(a.ownerId = :userId OR a.organiserId = :userId OR EXISTS (SELECT p.id "
            + "FROM ActivityParticipant p WHERE p.activityId = a.id AND p.userId = :userId))";

    /**
     * The activities a user sees whose title holds the pattern, of the kinds, of the statuses, listed in [from, to),
     * in a group and with a contact taking part (0: any), by when they are listed.
     */
    public static final String SEARCH = "Activity.search";
    public static final String COUNT_SEARCH = "Activity.countSearch";
    /**
     * The activities a user sees on a calendar of [from, to) ({@code meeting} is
     * {@link Kind#MEETING}): the meetings overlapping it, the recurring ones started
     * before its end (their occurrences are computed), the tasks listed in it.
     */
    public static final String IN_RANGE = "Activity.inRange";
    public static final String IS_VISIBLE = "Activity.isVisible";
    /** The activities a contact takes part in that a user sees, the latest first. */
    public static final String OF_CONTACT = "Activity.ofContact";

    public static final int TITLE_MAX = 500;
    public static final int LOCATION_MAX = 500;
    public static final int DESCRIPTION_MAX = 8000;
    public static final int TIME_ZONE_MAX = 64;
    public static final int RECURRENCE_MAX = 500;

    /** A meeting is "shown in calendar"; a task is not. */
    public enum Kind {
        MEETING, TASK
    }

    /** Where an activity stands. */
    public enum Status {
        PLANNED, IN_PROGRESS, DONE, CANCELLED
    }

    /** Outlook's three importances. */
    public enum Priority {
        LOW, NORMAL, HIGH
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "activity_seq")
    @SequenceGenerator(name = "activity_seq", sequenceName = "activity_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "title", length = TITLE_MAX, nullable = false)
    private String title;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 7, nullable = false)
    private Kind kind;

    @Column(name = "starts_at")
    private OffsetDateTime startsAt;

    @Column(name = "ends_at")
    private OffsetDateTime endsAt;

    @Column(name = "due_at")
    private OffsetDateTime dueAt;

    @Column(name = "listed_at", nullable = false)
    private OffsetDateTime listedAt;

    @Column(name = "all_day", nullable = false)
    private boolean allDay;

    @Column(name = "time_zone", length = TIME_ZONE_MAX, nullable = false)
    private String timeZone;

    @Column(name = "location", length = LOCATION_MAX)
    private String location;

    @Column(name = "description", length = DESCRIPTION_MAX)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 12, nullable = false)
    private Status status = Status.PLANNED;

    @Enumerated(EnumType.STRING)
    @Column(name = "priority", length = 6, nullable = false)
    private Priority priority = Priority.NORMAL;

    @Column(name = "reminder_minutes")
    private Integer reminderMinutes;

    @Column(name = "recurrence", length = RECURRENCE_MAX)
    private String recurrence;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "activity_exception", joinColumns = @JoinColumn(name = "activity_id"))
    @Column(name = "occurrence_date", nullable = false)
    private Set<LocalDate> exceptions = new TreeSet<>();

    @Column(name = "organiser_id")
    private Long organiserId;

    @Column(name = "owner_id")
    private Long ownerId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected Activity() {
    }

    public Activity(String title, boolean inCalendar, String timeZone, OffsetDateTime createdAt) {
        this.title = title;
        this.kind = inCalendar ? Kind.MEETING : Kind.TASK;
        this.timeZone = timeZone;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.listedAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public Kind getKind() {
        return kind;
    }

    /** Whether it is "shown in calendar": a meeting. */
    public boolean isInCalendar() {
        return kind == Kind.MEETING;
    }

    public void setInCalendar(boolean inCalendar) {
        this.kind = inCalendar ? Kind.MEETING : Kind.TASK;
    }

    public OffsetDateTime getStartsAt() {
        return startsAt;
    }

    public OffsetDateTime getEndsAt() {
        return endsAt;
    }

    public OffsetDateTime getDueAt() {
        return dueAt;
    }

    /** Sets the times and, from them, when the activity is listed. */
    public void setTimes(OffsetDateTime startsAt, OffsetDateTime endsAt, OffsetDateTime dueAt) {
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.dueAt = dueAt;
        this.listedAt = isInCalendar() ? startsAt : dueAt != null ? dueAt : startsAt != null ? startsAt : createdAt;
    }

    public OffsetDateTime getListedAt() {
        return listedAt;
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

    public Status getStatus() {
        return status;
    }

    public void setStatus(Status status) {
        this.status = status;
    }

    public Priority getPriority() {
        return priority;
    }

    public void setPriority(Priority priority) {
        this.priority = priority;
    }

    public Integer getReminderMinutes() {
        return reminderMinutes;
    }

    public void setReminderMinutes(Integer reminderMinutes) {
        this.reminderMinutes = reminderMinutes;
    }

    public String getRecurrence() {
        return recurrence;
    }

    public void setRecurrence(String recurrence) {
        this.recurrence = recurrence;
    }

    public Set<LocalDate> getExceptions() {
        return exceptions;
    }

    /** Replaces the days taken out of the recurrence. */
    public void setExceptions(Set<LocalDate> exceptions) {
        this.exceptions.clear();
        this.exceptions.addAll(exceptions);
    }

    public Long getOrganiserId() {
        return organiserId;
    }

    public void setOrganiserId(Long organiserId) {
        this.organiserId = organiserId;
    }

    public Long getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(Long ownerId) {
        this.ownerId = ownerId;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(OffsetDateTime updatedAt) {
        this.updatedAt = updatedAt;
    }
}
