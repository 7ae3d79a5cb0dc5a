package org.switchboard.core.exchange;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Microsoft 365 meetings and tasks over Microsoft Graph, in our own terms, for the two-way activity sync (EA-01,
 * EA-02): the calendars and one page of a calendar view's delta round, with events created, updated and deleted;
 * the Microsoft To Do task lists and one page of a list's delta round, with tasks created, updated and deleted.
 * Every call may throw {@link GraphException}, whose outcome says what the caller does next; no Graph SDK type
 * escapes it.
 */
public interface GraphCalendarClient {

    /** An event that is not part of a series ({@link RemoteEvent#type()}). */
    String SINGLE_INSTANCE = "singleInstance";
    /** An occurrence of a series as its pattern made it: Graph gives it bare, its fields are its master's. */
    String OCCURRENCE = "occurrence";
    /** An occurrence of a series changed on its own (moved, renamed, cancelled). */
    String EXCEPTION = "exception";
    /** The event that holds a series' fields and recurrence; a calendar view never lists it. */
    String SERIES_MASTER = "seriesMaster";

    /** EA-01: every calendar of the mailbox across all pages, the default one first; the list the user picks from. */
    List<RemoteCalendar> calendars(GraphMailbox mailbox);

    /**
     * EA-01: one page of the delta round of the calendar's view from {@code from} to {@code to}: the first page of a
     * new round when {@code link} is null, else the page at {@code link}, an {@code @odata.nextLink} or
     * {@code @odata.deltaLink} Graph gave before (only a link to Graph's own origin is followed; it carries the
     * window, so {@code from} and {@code to} are then not used). A view holds single events, and the occurrences
     * and exceptions of series, never their masters ({@link #event}). Removed ids include, as Graph documents,
     * events outside the window that changed since the last round: ids the caller does not know are to be passed
     * over.
     *
     * @param calendarId the calendar, or null for the mailbox's default calendar by Graph's documented
     *            {@code /calendarView/delta}
     * @param maxPageSize how many events at most in the page ({@code Prefer: odata.maxpagesize})
     * @throws GraphException {@link GraphException.Outcome#DELTA_EXPIRED} when the link's delta token expired
     */
    EventDeltaPage eventDelta(GraphMailbox mailbox, String calendarId, OffsetDateTime from, OffsetDateTime to,
            String link, int maxPageSize);

    /**
     * EA-01: one event by its id, whole: the master of a series ({@link RemoteEvent#seriesMasterId()}) with its
     * recurrence, or an occurrence with its master's fields.
     *
     * @throws GraphException {@link GraphException.Outcome#NOT_FOUND} when Graph no longer has the event
     */
    RemoteEvent event(GraphMailbox mailbox, String eventId);

    /**
     * EA-02: a new event in the calendar, from the event's fields (its id, change key, type, time, organizer and
     * attendees' responses are Graph's, not sent); with a recurrence it is the master of a new series.
     *
     * @return the event as Graph stored it, with its id and change key
     * @throws GraphException {@link GraphException.Outcome#NOT_FOUND} when Graph no longer has the calendar
     */
    RemoteEvent createEvent(GraphMailbox mailbox, String calendarId, RemoteEvent event);

    /**
     * EA-02: the event's fields replaced by these: every mapped field is sent, so one that is empty here is cleared
     * in Outlook. An occurrence updated becomes an exception of its series; the recurrence is sent for a single
     * event or a master only.
     *
     * @return the event as Graph stored it, with its new change key
     * @throws GraphException {@link GraphException.Outcome#NOT_FOUND} when Graph no longer has the event
     */
    RemoteEvent updateEvent(GraphMailbox mailbox, String eventId, RemoteEvent event);

    /** EA-02: deletes the event (a master with its series); one Graph no longer has counts as done. */
    void deleteEvent(GraphMailbox mailbox, String eventId);

    /**
     * EA-01: every Microsoft To Do list of the mailbox across all pages, the default one ("Tasks") first; only the
     * tasks of lists the user owns are imported.
     */
    List<RemoteTaskList> taskLists(GraphMailbox mailbox);

    /**
     * EA-01: one page of the list's delta round: the first page of a new round when {@code link} is null, else the
     * page at {@code link}, as {@link #eventDelta}.
     *
     * @throws GraphException {@link GraphException.Outcome#DELTA_EXPIRED} when the link's delta token expired
     */
    TaskDeltaPage taskDelta(GraphMailbox mailbox, String listId, String link, int maxPageSize);

    /**
     * EA-02: a new task in the list, from the task's fields (its id, change key and time are not sent).
     *
     * @return the task as Graph stored it, with its id and change key
     * @throws GraphException {@link GraphException.Outcome#NOT_FOUND} when Graph no longer has the list
     */
    RemoteTask createTask(GraphMailbox mailbox, String listId, RemoteTask task);

    /**
     * EA-02: the task's fields replaced by these, every mapped field sent, so one empty here is cleared.
     *
     * @return the task as Graph stored it, with its new change key
     * @throws GraphException {@link GraphException.Outcome#NOT_FOUND} when Graph no longer has the task
     */
    RemoteTask updateTask(GraphMailbox mailbox, String listId, String taskId, RemoteTask task);

    /** EA-02: deletes the task; one Graph no longer has counts as done. */
    void deleteTask(GraphMailbox mailbox, String listId, String taskId);

    /**
     * One calendar.
     *
     * @param canEdit whether the user may write events to it (a calendar shared with them read-only may not)
     */
    record RemoteCalendar(String id, String name, boolean isDefault, boolean canEdit) {
    }

    /**
     * A meeting as Outlook keeps it, in the fields the sync maps. Times are UTC; strings Outlook does not have are
     * null; the attendee list is never null. An occurrence comes from a delta page bare, as Graph sends it: its id,
     * type, master, start and end, the rest of its fields being its master's.
     *
     * @param id null for an event not yet created
     * @param changeKey Graph's version of the event, which changes with every change (for a bare occurrence, which
     *            has none, its {@code @odata.etag})
     * @param lastModified when the event last changed
     * @param iCalUId the event's id across calendars (each occurrence of a series has its own)
     * @param type {@link #SINGLE_INSTANCE}, {@link #OCCURRENCE}, {@link #EXCEPTION} or {@link #SERIES_MASTER}
     * @param seriesMasterId the master of an occurrence or exception; null otherwise
     * @param bodyText the body as plain text (asked of Graph as text, written as text)
     * @param start the start; of an all-day event the midnight, UTC, of its first day
     * @param end the end; of an all-day event the midnight, UTC, after its last day
     * @param timeZone the zone the event was made in ({@code originalStartTimeZone}: a Windows name such as
     *            {@code W. Europe Standard Time} or an IANA one, as Graph gives it); written, an IANA name or UTC
     *            places the times in it, any other name writes them in UTC
     * @param location the location's display name
     * @param importance {@code low}, {@code normal} or {@code high}
     * @param reminderMinutes the reminder before the start; null when the reminder is off
     * @param recurrence the series' pattern and range, of a master (or a single event to become one); else null
     * @param organizerAddress the organizer's email address
     * @param isCancelled whether the organizer cancelled it (as an attendee's calendar keeps it until removed)
     * @param originalStart of an occurrence or exception, where the pattern put it (an occurrence that Graph gives
     *            without it starts there)
     */
    record RemoteEvent(String id, String changeKey, OffsetDateTime lastModified, String iCalUId, String type,
            String seriesMasterId, String subject, String bodyText, OffsetDateTime start, OffsetDateTime end,
            String timeZone, boolean isAllDay, String location, String importance, Integer reminderMinutes,
            RemoteRecurrence recurrence, List<RemoteAttendee> attendees, String organizerAddress,
            boolean isCancelled, OffsetDateTime originalStart) {

        public RemoteEvent {
            attendees = attendees == null ? List.of() : attendees.stream().filter(Objects::nonNull).toList();
        }

        /** Whether it is an occurrence or exception of a series. */
        public boolean inSeries() {
            return OCCURRENCE.equals(type) || EXCEPTION.equals(type);
        }
    }

    /**
     * A series' recurrence, Graph's {@code recurrencePattern} and {@code recurrenceRange} as they are, each field set
     * only where its pattern or range type uses it (Graph's placeholders for the others, such as {@code 0} and
     * {@code 0001-01-01}, are read as none).
     *
     * @param type {@code daily}, {@code weekly}, {@code absoluteMonthly}, {@code relativeMonthly},
     *            {@code absoluteYearly} or {@code relativeYearly}
     * @param interval the days, weeks, months or years between occurrences
     * @param daysOfWeek {@code monday} … for the weekly and relative types; never null
     * @param dayOfMonth 1 to 31 for the absolute types
     * @param month 1 to 12 for the yearly types
     * @param index {@code first}, {@code second}, {@code third}, {@code fourth} or {@code last} for the relative
     *            types
     * @param firstDayOfWeek the week's first day for the weekly type
     * @param rangeType {@code endDate}, {@code noEnd} or {@code numbered}
     * @param startDate the series' first day (the master's start day)
     * @param endDate its last day, for {@code endDate}
     * @param numberOfOccurrences how many occurrences, for {@code numbered}
     * @param recurrenceTimeZone the zone of the range's dates; null for the event's
     */
    record RemoteRecurrence(String type, int interval, List<String> daysOfWeek, Integer dayOfMonth, Integer month,
            String index, String firstDayOfWeek, String rangeType, LocalDate startDate, LocalDate endDate,
            Integer numberOfOccurrences, String recurrenceTimeZone) {

        public RemoteRecurrence {
            daysOfWeek = daysOfWeek == null ? List.of() : daysOfWeek.stream().filter(Objects::nonNull).toList();
        }
    }

    /**
     * One attendee of a meeting.
     *
     * @param type {@code required}, {@code optional} or {@code resource}
     * @param response the attendee's answer: {@code none}, {@code organizer}, {@code tentativelyAccepted},
     *            {@code accepted}, {@code declined} or {@code notResponded}; Graph's, never written
     */
    record RemoteAttendee(String address, String name, String type, String response) {
    }

    /**
     * One page of a calendar view's delta round: exactly one of {@code nextLink} (more pages follow) and
     * {@code deltaLink} (the round is complete: keep it, committed with the events it covers, for the next round)
     * is set.
     *
     * @param changed events new or changed in the view since the round's last delta link
     * @param removedIds events deleted, moved out of the view, or changed outside it
     */
    record EventDeltaPage(List<RemoteEvent> changed, List<String> removedIds, String nextLink, String deltaLink) {

        public EventDeltaPage {
            changed = changed == null ? List.of() : List.copyOf(changed);
            removedIds = removedIds == null ? List.of() : List.copyOf(removedIds);
        }

        /** Whether this is the round's last page. */
        public boolean complete() {
            return deltaLink != null;
        }
    }

    /**
     * One Microsoft To Do list.
     *
     * @param isDefault whether it is the user's default list ({@code wellknownListName} {@code defaultList})
     * @param isOwner whether the user owns it, rather than it being shared with them
     */
    record RemoteTaskList(String id, String displayName, boolean isDefault, boolean isOwner) {
    }

    /**
     * A Microsoft To Do task, in the fields the sync maps. Strings To Do does not have are null.
     *
     * @param id null for a task not yet created
     * @param changeKey the task's {@code @odata.etag}, as it is: To Do tasks have no change key, and the etag
     *            changes with every change
     * @param lastModified when the task last changed, UTC
     * @param bodyText the body as plain text
     * @param importance {@code low}, {@code normal} or {@code high}
     * @param status {@code notStarted}, {@code inProgress}, {@code completed}, {@code waitingOnOthers} or
     *            {@code deferred}
     * @param due the due day as its midnight, UTC: To Do keeps a day (it answers the instant that day began where
     *            it was set, in UTC, which is read as the nearest midnight UTC; it is written as midnight UTC)
     * @param start when the task starts, UTC
     * @param reminder when the reminder fires, UTC
     */
    record RemoteTask(String id, String changeKey, OffsetDateTime lastModified, String title, String bodyText,
            String importance, String status, OffsetDateTime due, OffsetDateTime start, OffsetDateTime reminder,
            boolean isReminderOn) {
    }

    /**
     * One page of a task list's delta round, as {@link EventDeltaPage}.
     *
     * @param changed tasks new or changed in the list since the round's last delta link
     * @param removedIds tasks deleted or moved out of the list
     */
    record TaskDeltaPage(List<RemoteTask> changed, List<String> removedIds, String nextLink, String deltaLink) {

        public TaskDeltaPage {
            changed = changed == null ? List.of() : List.copyOf(changed);
            removedIds = removedIds == null ? List.of() : List.copyOf(removedIds);
        }

        /** Whether this is the round's last page. */
        public boolean complete() {
            return deltaLink != null;
        }
    }
}
