package org.switchboard.core.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.exchange.GraphCalendarClient.EventDeltaPage;
import org.switchboard.core.exchange.GraphCalendarClient.RemoteAttendee;
import org.switchboard.core.exchange.GraphCalendarClient.RemoteCalendar;
import org.switchboard.core.exchange.GraphCalendarClient.RemoteEvent;
import org.switchboard.core.exchange.GraphCalendarClient.RemoteRecurrence;
import org.switchboard.core.exchange.GraphCalendarClient.RemoteTask;
import org.switchboard.core.exchange.GraphCalendarClient.RemoteTaskList;
import org.switchboard.core.exchange.GraphCalendarClient.TaskDeltaPage;

/**
 * EA-01, EA-02: {@link HttpGraphCalendarClient} against the stateful Graph of {@link GraphFake}, signed in through
 * its Entra ID with the calendars and tasks permissions: calendars with the default one first, calendar view delta
 * rounds in pages and their expiry, series with their recurrence, exceptions and cancelled occurrences, events and
 * To Do tasks created, updated and deleted with their change keys, shared mailboxes, permissions, refusals and
 * throttling.
 */
class HttpGraphCalendarClientTest {

    private static final String ANNA = MicrosoftOAuthTest.ANNA;
    private static final String SUPPORT = "support@contoso.com";
    /** The mailbox permissions the application asks for, and those of calendars and To Do, own and shared. */
    static final List<String> SCOPES = Stream.concat(MicrosoftOAuth.GRAPH_MAIL_SCOPES.stream(), Stream.of(
            "Calendars.ReadWrite", "Calendars.ReadWrite.Shared", "Tasks.ReadWrite", "Tasks.ReadWrite.Shared"))
            .toList();
    private static final OffsetDateTime FROM = utc("2026-05-01T00:00");
    private static final OffsetDateTime TO = utc("2026-06-01T00:00");

    private GraphFake fake;
    private HttpGraphCalendarClient graph;
    private GraphMailbox anna;
    private String calendar;
    private String tasks;

    @BeforeEach
    void start() throws Exception {
        fake = new GraphFake();
        fake.mailbox(ANNA);
        calendar = fake.defaultCalendar(ANNA);
        tasks = fake.defaultTaskList(ANNA);
        anna = signedIn(fake, ANNA);
        graph = new HttpGraphCalendarClient(fake.graphUrl() + "/");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** The address's own mailbox, its token from a sign-in through the fake's Entra ID for {@link #SCOPES}. */
    private static GraphMailbox signedIn(GraphFake fake, String address) throws Exception {
        MicrosoftOAuth oauth = new MicrosoftOAuth(fake.loginUrl(), Clock.fixed(MicrosoftOAuthTest.NOW,
                ZoneOffset.UTC));
        MicrosoftSignIn signIn = oauth.begin(GraphFake.TENANT, GraphFake.CLIENT_ID, GraphFake.REDIRECT_URI, address,
                SCOPES);
        Map<String, String> callback = fake.authorize(signIn.authorizationUrl());
        return new GraphMailbox(address, false, oauth.redeem(MicrosoftOAuthTest.APP, signIn, callback.get("state"),
                callback.get("code")).accessToken());
    }

    private static OffsetDateTime utc(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atOffset(ZoneOffset.UTC);
    }

    /** Graph's {@code dateTimeTimeZone}. */
    private static JsonObjectBuilder time(String dateTime, String zone) {
        return Jsons.object().add("dateTime", dateTime).add("timeZone", zone);
    }

    /** An event as Outlook's user made it, in Graph's properties, its times in UTC. */
    private static JsonObjectBuilder outlook(String subject, String start, String end) {
        return Jsons.object().add("subject", subject).add("start", time(start, "UTC")).add("end", time(end, "UTC"));
    }

    private static JsonObjectBuilder attendee(String address, String name, String type, String response) {
        return Jsons.object().add("emailAddress", Jsons.object().add("address", address).add("name", name))
                .add("type", type).add("status", Jsons.object().add("response", response));
    }

    /** Graph's {@code patternedRecurrence}. */
    private static JsonObjectBuilder recurrence(JsonObjectBuilder pattern, JsonObjectBuilder range) {
        return Jsons.object().add("pattern", pattern).add("range", range);
    }

    /** An event of the sync's, not yet created: no id, change key, time, type or organizer. */
    private static RemoteEvent meeting(String subject, OffsetDateTime start, OffsetDateTime end, String zone,
            RemoteRecurrence recurrence, List<RemoteAttendee> attendees) {
        return new RemoteEvent(null, null, null, null, null, null, subject, "Bring the draft", start, end, zone,
                false, "Room 2", "high", 15, recurrence, attendees, null, false, null);
    }

    /** The fields of an event, without what Graph sets alone (id, change key, time, iCalUId). */
    private static RemoteEvent fields(RemoteEvent event) {
        return new RemoteEvent(null, null, null, null, event.type(), event.seriesMasterId(), event.subject(),
                event.bodyText(), event.start(), event.end(), event.timeZone(), event.isAllDay(), event.location(),
                event.importance(), event.reminderMinutes(), event.recurrence(), event.attendees(),
                event.organizerAddress(), event.isCancelled(), event.originalStart());
    }

    /** The event as Graph stores the sync's: a single event or master, organized by Anna, no answers yet. */
    private static RemoteEvent stored(RemoteEvent event) {
        return new RemoteEvent(null, null, null, null, event.recurrence() == null ? GraphCalendarClient
                .SINGLE_INSTANCE : GraphCalendarClient.SERIES_MASTER, null, event.subject(), event.bodyText(),
                event.start(), event.end(), event.timeZone(), event.isAllDay(), event.location(), event.importance(),
                event.reminderMinutes(), event.recurrence(), event.attendees().stream().map(a -> new RemoteAttendee(
                        a.address(), a.name(), a.type(), "none")).toList(), ANNA, false, null);
    }

    private static RemoteTask fields(RemoteTask task) {
        return new RemoteTask(null, null, null, task.title(), task.bodyText(), task.importance(), task.status(),
                task.due(), task.start(), task.reminder(), task.isReminderOn());
    }

    /** A whole delta round of the calendar's view from {@code link} (null: a new one over the window). */
    private List<EventDeltaPage> round(GraphMailbox mailbox, String calendarId, OffsetDateTime from,
            OffsetDateTime to, String link, int pageSize) {
        List<EventDeltaPage> pages = new ArrayList<>(List.of(graph.eventDelta(mailbox, calendarId, from, to, link,
                pageSize)));
        while (!pages.get(pages.size() - 1).complete()) {
            assertNull(pages.get(pages.size() - 1).deltaLink());
            pages.add(graph.eventDelta(mailbox, calendarId, null, null, pages.get(pages.size() - 1).nextLink(),
                    pageSize));
        }
        return pages;
    }

    private List<EventDeltaPage> round(String calendarId, String link, int pageSize) {
        return round(anna, calendarId, FROM, TO, link, pageSize);
    }

    private static List<RemoteEvent> changed(List<EventDeltaPage> round) {
        return round.stream().flatMap(page -> page.changed().stream()).toList();
    }

    private static List<String> removed(List<EventDeltaPage> round) {
        return round.stream().flatMap(page -> page.removedIds().stream()).toList();
    }

    private static String deltaLink(List<EventDeltaPage> round) {
        return round.get(round.size() - 1).deltaLink();
    }

    private static List<Integer> sizes(List<EventDeltaPage> round) {
        return round.stream().map(page -> page.changed().size() + page.removedIds().size()).toList();
    }

    /** The starts of the series' occurrences (and exceptions) in a new round over the window. */
    private List<OffsetDateTime> starts(String masterId, OffsetDateTime from, OffsetDateTime to) {
        return changed(round(anna, calendar, from, to, null, 10)).stream().filter(e -> masterId.equals(
                e.seriesMasterId())).map(RemoteEvent::start).toList();
    }

    private List<TaskDeltaPage> taskRound(String listId, String link, int pageSize) {
        List<TaskDeltaPage> pages = new ArrayList<>(List.of(graph.taskDelta(anna, listId, link, pageSize)));
        while (!pages.get(pages.size() - 1).complete()) {
            pages.add(graph.taskDelta(anna, listId, pages.get(pages.size() - 1).nextLink(), pageSize));
        }
        return pages;
    }

    private static List<RemoteTask> changedTasks(List<TaskDeltaPage> round) {
        return round.stream().flatMap(page -> page.changed().stream()).toList();
    }

    private static List<String> removedTasks(List<TaskDeltaPage> round) {
        return round.stream().flatMap(page -> page.removedIds().stream()).toList();
    }

    private static void assertOutcome(GraphException.Outcome outcome, String reason, GraphException e) {
        assertEquals(outcome, e.outcome(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    @DisplayName("EA-01: every calendar across pages, the default one first, with whether the user may write to it")
    void calendars() {
        fake.folderPageSize(2);
        String team = fake.calendar(ANNA, "Team", false);
        String birthdays = fake.calendar(ANNA, "Birthdays", true);
        String projects = fake.calendar(ANNA, "Projects", true);

        assertEquals(List.of(new RemoteCalendar(calendar, "Calendar", true, true), new RemoteCalendar(team, "Team",
                false, false), new RemoteCalendar(birthdays, "Birthdays", false, true), new RemoteCalendar(projects,
                        "Projects", false, true)), graph.calendars(anna));
    }

    @Test
    @DisplayName("EA-01: a first calendar view delta round returns the calendar's events in the window in pages of "
            + "odata.maxpagesize; its delta link then returns the changed and added events, and as removed the "
            + "deleted one, one moved out of the window and one changed outside it; it can be replayed")
    void deltaRounds() {
        List<String> ids = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            ids.add(fake.addEvent(ANNA, calendar, outlook("Meeting " + day, "2026-05-0" + day + "T09:00:00",
                    "2026-05-0" + day + "T10:00:00").build()));
        }
        fake.addEvent(ANNA, calendar, outlook("Last year", "2025-05-04T09:00:00", "2025-05-04T10:00:00").build());
        fake.addEvent(ANNA, fake.calendar(ANNA, "Projects", true), outlook("Elsewhere", "2026-05-04T09:00:00",
                "2026-05-04T10:00:00").build());

        List<EventDeltaPage> first = round(calendar, null, 2);

        assertEquals(List.of(2, 2, 1), sizes(first));
        assertEquals(ids, changed(first).stream().map(RemoteEvent::id).toList());
        assertEquals("Meeting 3", changed(first).get(2).subject());
        assertEquals(utc("2026-05-03T09:00"), changed(first).get(2).start());
        assertEquals(utc("2026-05-03T10:00"), changed(first).get(2).end());
        assertEquals(List.of(), removed(first));
        assertEquals(ids, changed(round(anna, null, FROM, TO, null, 10)).stream().map(RemoteEvent::id).toList(),
                "the default calendar's view by Graph's /calendarView/delta");

        String added = fake.addEvent(ANNA, calendar, outlook("Meeting 6", "2026-05-20T09:00:00",
                "2026-05-20T10:00:00").build());
        fake.changeEvent(ANNA, ids.get(1), Jsons.object().add("subject", "Moved").add("start", time(
                "2026-05-12T14:00:00", "UTC")).add("end", time("2026-05-12T15:00:00", "UTC")).build());
        fake.deleteEvent(ANNA, ids.get(3));
        fake.changeEvent(ANNA, ids.get(4), Jsons.object().add("start", time("2026-07-01T09:00:00", "UTC"))
                .add("end", time("2026-07-01T10:00:00", "UTC")).build());
        String outside = fake.addEvent(ANNA, calendar, outlook("Next year", "2027-05-04T09:00:00",
                "2027-05-04T10:00:00").build());
        List<EventDeltaPage> second = round(calendar, deltaLink(first), 2);

        assertEquals(List.of(ids.get(1), added), changed(second).stream().map(RemoteEvent::id).toList());
        RemoteEvent moved = changed(second).get(0);
        assertEquals("Moved", moved.subject());
        assertEquals(utc("2026-05-12T14:00"), moved.start());
        assertNotEquals(changed(first).get(1).changeKey(), moved.changeKey(), "a change gives a new change key");
        assertEquals(Set.of(ids.get(3), ids.get(4), outside), Set.copyOf(removed(second)));
        assertEquals(List.of(2, 2, 1), sizes(second));
        assertEquals(changed(second), changed(round(calendar, deltaLink(first), 10)),
                "a delta link not yet committed can be used again");
        List<EventDeltaPage> quiet = round(calendar, deltaLink(second), 2);
        assertEquals(List.of(), changed(quiet));
        assertEquals(List.of(), removed(quiet));
    }

    @Test
    @DisplayName("EA-01: a delta page maps every field: the times in UTC with the zone the event was made in (a "
            + "Windows name), the HTML body as text, location, importance, reminder, attendees with their answers, "
            + "the organizer, with the change key and time; a reminder that is off has no minutes")
    void deltaMapsEveryField() {
        String west = "W. Europe Standard Time";
        String id = fake.addEvent(ANNA, calendar, Jsons.object().add("subject", "Quarterly review")
                .add("body", Jsons.object().add("contentType", "html").add("content",
                        "<html><body><p>Agenda: <b>numbers</b> &amp; plans</p></body></html>"))
                .add("start", time("2026-05-04T10:00:00", west)).add("end", time("2026-05-04T11:30:00", west))
                .add("location", Jsons.object().add("displayName", "Room 4")).add("importance", "high")
                .add("isReminderOn", true).add("reminderMinutesBeforeStart", 30).add("organizer", Jsons.object()
                        .add("emailAddress", Jsons.object().add("name", "Bob").add("address", "bob@contoso.com")))
                .add("attendees", Jsons.array().add(attendee(ANNA, "Anna", "required", "accepted"))
                        .add(attendee("carol@example.com", "Carol", "optional", "tentativelyAccepted"))
                        .add(attendee("room4@contoso.com", "Room 4", "resource", "declined"))).build());
        fake.addEvent(ANNA, calendar, outlook("Bare", "2026-05-05T09:00:00", "2026-05-05T09:30:00")
                .add("isReminderOn", false).build());

        List<RemoteEvent> changed = changed(round(calendar, null, 10));

        RemoteEvent review = changed.get(0);
        JsonObject stored = fake.event(ANNA, id);
        assertEquals(new RemoteEvent(id, stored.getString("changeKey"), review.lastModified(),
                stored.getString("iCalUId"), GraphCalendarClient.SINGLE_INSTANCE, null, "Quarterly review",
                "Agenda: numbers & plans", utc("2026-05-04T08:00"), utc("2026-05-04T09:30"), west, false, "Room 4",
                "high", 30, null, List.of(new RemoteAttendee(ANNA, "Anna", "required", "accepted"),
                        new RemoteAttendee("carol@example.com", "Carol", "optional", "tentativelyAccepted"),
                        new RemoteAttendee("room4@contoso.com", "Room 4", "resource", "declined")),
                "bob@contoso.com", false, null), review);
        assertNotNull(review.lastModified());
        RemoteEvent bare = changed.get(1);
        assertNull(bare.reminderMinutes(), "the reminder is off");
        assertNull(bare.location());
        assertNull(bare.bodyText());
        assertEquals("normal", bare.importance());
        assertEquals(ANNA, bare.organizerAddress());
        assertEquals(List.of(), bare.attendees());
    }

    @Test
    @DisplayName("EA-01: an expired delta token (410 syncStateNotFound) is the resync outcome; a new round works")
    void deltaExpired() {
        fake.addEvent(ANNA, calendar, outlook("Review", "2026-05-04T09:00:00", "2026-05-04T10:00:00").build());
        String link = deltaLink(round(calendar, null, 10));
        fake.expireDeltaTokens(ANNA);

        GraphException e = assertThrows(GraphException.class, () -> graph.eventDelta(anna, calendar, null, null,
                link, 10));

        assertOutcome(GraphException.Outcome.DELTA_EXPIRED, "410 syncStateNotFound", e);
        assertEquals(1, changed(round(calendar, null, 10)).size());
    }

    @Test
    @DisplayName("EA-01, EA-02: a series created with its recurrence reads back the same pattern and range (weekly "
            + "on two days up to an end date, the second Tuesday of the month three times, the last Friday of "
            + "November with no end), its occurrences in a view at the pattern's days and times in the series' zone")
    void seriesRoundTrip() {
        RemoteRecurrence weekly = new RemoteRecurrence("weekly", 1, List.of("monday", "wednesday"), null, null,
                null, "sunday", "endDate", LocalDate.of(2026, 5, 4), LocalDate.of(2026, 5, 20), null, null);
        RemoteRecurrence secondTuesday = new RemoteRecurrence("relativeMonthly", 1, List.of("tuesday"), null, null,
                "second", null, "numbered", LocalDate.of(2026, 5, 12), null, 3, null);
        RemoteRecurrence lastFriday = new RemoteRecurrence("relativeYearly", 1, List.of("friday"), null, 11, "last",
                null, "noEnd", LocalDate.of(2026, 11, 27), null, null, "UTC");

        RemoteEvent jourFixe = graph.createEvent(anna, calendar, meeting("Jour fixe", utc("2026-05-04T07:00"),
                utc("2026-05-04T08:00"), "Europe/Berlin", weekly, List.of()));
        RemoteEvent board = graph.createEvent(anna, calendar, meeting("Board", utc("2026-05-12T07:00"),
                utc("2026-05-12T09:00"), "Europe/Berlin", secondTuesday, List.of()));
        RemoteEvent party = graph.createEvent(anna, calendar, meeting("Party", utc("2026-11-27T15:00"),
                utc("2026-11-27T18:00"), "UTC", lastFriday, List.of()));

        RemoteRecurrence inBerlin = new RemoteRecurrence("weekly", 1, List.of("monday", "wednesday"), null, null,
                null, "sunday", "endDate", LocalDate.of(2026, 5, 4), LocalDate.of(2026, 5, 20), null,
                "Europe/Berlin");
        assertEquals(GraphCalendarClient.SERIES_MASTER, jourFixe.type());
        assertEquals(inBerlin, jourFixe.recurrence(), "the range's zone is the event's when none is given");
        assertEquals(inBerlin, graph.event(anna, jourFixe.id()).recurrence());
        assertEquals(new RemoteRecurrence("relativeMonthly", 1, List.of("tuesday"), null, null, "second", null,
                "numbered", LocalDate.of(2026, 5, 12), null, 3, "Europe/Berlin"), graph.event(anna, board.id())
                        .recurrence());
        assertEquals(lastFriday, graph.event(anna, party.id()).recurrence());
        assertEquals(stored(meeting("Party", utc("2026-11-27T15:00"), utc("2026-11-27T18:00"), "UTC", lastFriday,
                List.of())), fields(graph.event(anna, party.id())));
        assertEquals(Stream.of("04", "06", "11", "13", "18", "20").map(day -> utc("2026-05-" + day + "T07:00"))
                .toList(), starts(jourFixe.id(), FROM, TO));
        assertEquals(List.of(utc("2026-05-12T07:00"), utc("2026-06-09T07:00"), utc("2026-07-14T07:00")),
                starts(board.id(), FROM, utc("2026-12-01T00:00")));
        assertEquals(List.of(utc("2026-11-27T15:00"), utc("2027-11-26T15:00"), utc("2028-11-24T15:00")),
                starts(party.id(), utc("2026-01-01T00:00"), utc("2029-01-01T00:00")));
    }

    @Test
    @DisplayName("EA-01: a view gives a series' occurrences bare (their master and times); an occurrence changed in "
            + "Outlook comes as an exception with its master and original start, a cancelled one as a cancelled "
            + "exception, a deleted one as removed; the master, read by its id, holds the series' fields")
    void exceptionsAndCancelledOccurrences() {
        String master = fake.addEvent(ANNA, calendar, outlook("Stand-up", "2026-05-04T08:00:00",
                "2026-05-04T08:15:00").add("recurrence", recurrence(Jsons.object().add("type", "daily")
                        .add("interval", 1), Jsons.object().add("type", "numbered").add("startDate", "2026-05-04")
                                .add("numberOfOccurrences", 5))).build());
        List<EventDeltaPage> first = round(calendar, null, 10);

        RemoteEvent monday = changed(first).get(0);
        assertEquals(5, changed(first).size());
        assertEquals(new RemoteEvent(monday.id(), monday.changeKey(), null, null, GraphCalendarClient.OCCURRENCE,
                master, null, null, utc("2026-05-04T08:00"), utc("2026-05-04T08:15"), null, false, null, null, null,
                null, List.of(), null, false, utc("2026-05-04T08:00")), monday);
        assertNotNull(monday.changeKey(), "a bare occurrence's etag");
        RemoteEvent whole = graph.event(anna, monday.id());
        assertEquals("Stand-up", whole.subject(), "an occurrence read by its id has its master's fields");
        assertEquals(utc("2026-05-04T08:00"), whole.originalStart());

        String tuesday = fake.occurrenceId(ANNA, master, utc("2026-05-05T08:00"));
        String wednesday = fake.occurrenceId(ANNA, master, utc("2026-05-06T08:00"));
        String thursday = fake.occurrenceId(ANNA, master, utc("2026-05-07T08:00"));
        fake.changeEvent(ANNA, tuesday, Jsons.object().add("subject", "Stand-up (late)").add("start", time(
                "2026-05-05T10:00:00", "UTC")).add("end", time("2026-05-05T10:15:00", "UTC")).build());
        fake.cancelOccurrence(ANNA, wednesday);
        fake.deleteEvent(ANNA, thursday);
        List<EventDeltaPage> second = round(calendar, deltaLink(first), 10);

        assertEquals(List.of(tuesday, wednesday), changed(second).stream().map(RemoteEvent::id).toList());
        RemoteEvent late = changed(second).get(0);
        assertEquals(GraphCalendarClient.EXCEPTION, late.type());
        assertEquals(master, late.seriesMasterId());
        assertEquals("Stand-up (late)", late.subject());
        assertEquals(utc("2026-05-05T10:00"), late.start());
        assertEquals(utc("2026-05-05T08:00"), late.originalStart());
        assertFalse(late.isCancelled());
        RemoteEvent cancelled = changed(second).get(1);
        assertEquals(GraphCalendarClient.EXCEPTION, cancelled.type());
        assertTrue(cancelled.isCancelled());
        assertEquals(utc("2026-05-06T08:00"), cancelled.originalStart());
        assertEquals(List.of(thursday), removed(second));
        RemoteEvent series = graph.event(anna, master);
        assertEquals(GraphCalendarClient.SERIES_MASTER, series.type());
        assertEquals("Stand-up", series.subject());
        assertEquals(new RemoteRecurrence("daily", 1, List.of(), null, null, null, null, "numbered",
                LocalDate.of(2026, 5, 4), null, 5, "UTC"), series.recurrence());

        fake.deleteEvent(ANNA, master);
        assertEquals(Set.of(monday.id(), tuesday, wednesday, changed(first).get(4).id()), Set.copyOf(removed(round(
                calendar, deltaLink(second), 10))), "a deleted series takes its occurrences and exceptions");
        assertOutcome(GraphException.Outcome.NOT_FOUND, "404 ErrorItemNotFound", assertThrows(GraphException.class,
                () -> graph.event(anna, master)));
    }

    @Test
    @DisplayName("EA-02: an event created in a calendar comes back as Graph stored it, with id, change key and time, "
            + "in the zone it was written in; an update sends every field, so cleared ones are cleared, and gives "
            + "a new change key; an all-day event keeps its days")
    void createAndUpdate() {
        String projects = fake.calendar(ANNA, "Projects", true);
        RemoteEvent meeting = meeting("Contract talk", utc("2026-05-06T13:00"), utc("2026-05-06T14:00"),
                "Europe/Berlin", null, List.of(new RemoteAttendee("carol@example.com", "Carol", "required", null)));

        RemoteEvent created = graph.createEvent(anna, projects, meeting);

        assertNotNull(created.id());
        assertNotNull(created.changeKey());
        assertNotNull(created.lastModified());
        assertNotNull(created.iCalUId());
        assertEquals(stored(meeting), fields(created));
        assertEquals(List.of(created.id()), fake.eventIds(ANNA, projects));
        JsonObject stored = fake.event(ANNA, created.id());
        assertEquals("Europe/Berlin", stored.getString("originalStartTimeZone"));
        assertEquals("2026-05-06T13:00:00.0000000", stored.getJsonObject("start").getString("dateTime"));
        assertEquals(Jsons.object().add("contentType", "text").add("content", "Bring the draft").build(),
                stored.getJsonObject("body"));

        RemoteEvent cleared = new RemoteEvent(created.id(), created.changeKey(), created.lastModified(),
                created.iCalUId(), created.type(), null, "Contract signed", null, utc("2026-05-06T15:00"),
                utc("2026-05-06T16:00"), "Europe/Berlin", false, null, null, null, null, List.of(), ANNA, false, null);
        RemoteEvent updated = graph.updateEvent(anna, created.id(), cleared);

        assertEquals(created.id(), updated.id());
        assertNotEquals(created.changeKey(), updated.changeKey());
        assertEquals(new RemoteEvent(null, null, null, null, GraphCalendarClient.SINGLE_INSTANCE, null,
                "Contract signed", null, utc("2026-05-06T15:00"), utc("2026-05-06T16:00"), "Europe/Berlin", false,
                null, "normal", null, null, List.of(), ANNA, false, null), fields(updated));
        stored = fake.event(ANNA, created.id());
        assertFalse(stored.getBoolean("isReminderOn"));
        assertEquals("", stored.getJsonObject("location").getString("displayName"));
        assertEquals(0, stored.getJsonArray("attendees").size());

        RemoteEvent holiday = new RemoteEvent(null, null, null, null, null, null, "Holiday", null,
                utc("2026-05-08T00:00"), utc("2026-05-09T00:00"), "Europe/Berlin", true, null, "normal", null, null,
                List.of(), null, false, null);
        RemoteEvent allDay = graph.createEvent(anna, projects, holiday);
        assertEquals(stored(holiday), fields(allDay));
        assertEquals(time("2026-05-08T00:00:00.0000000", "UTC").build(), fake.event(ANNA, allDay.id())
                .getJsonObject("start"), "an all-day event's day, whatever the zone asked for");
    }

    @Test
    @DisplayName("EA-02: an event made in Outlook in a Windows zone, written back, keeps its times (written in UTC, "
            + "a zone Java cannot place)")
    void windowsZoneWrittenInUtc() {
        String id = fake.addEvent(ANNA, calendar, Jsons.object().add("subject", "Call").add("start", time(
                "2026-05-04T10:00:00", "Pacific Standard Time")).add("end", time("2026-05-04T10:30:00",
                        "Pacific Standard Time")).build());
        RemoteEvent call = graph.event(anna, id);
        assertEquals("Pacific Standard Time", call.timeZone());
        assertEquals(utc("2026-05-04T17:00"), call.start());

        RemoteEvent updated = graph.updateEvent(anna, id, call);

        assertEquals(call.start(), updated.start());
        assertEquals(call.end(), updated.end());
        assertEquals("UTC", updated.timeZone());
    }

    @Test
    @DisplayName("EA-02: attendees come with their answers; an update writes the attendees by type, keeping the "
            + "answers of those that stay (answers sent are not written) and none for a new one")
    void attendeesWithAnswers() {
        String id = fake.addEvent(ANNA, calendar, outlook("Planning", "2026-05-04T09:00:00", "2026-05-04T10:00:00")
                .add("attendees", Jsons.array().add(attendee("bob@example.com", "Bob", "required", "accepted"))
                        .add(attendee("carol@example.com", "Carol", "optional", "declined"))).build());
        RemoteEvent planning = graph.event(anna, id);
        assertEquals(List.of(new RemoteAttendee("bob@example.com", "Bob", "required", "accepted"),
                new RemoteAttendee("carol@example.com", "Carol", "optional", "declined")), planning.attendees());

        RemoteEvent updated = graph.updateEvent(anna, id, new RemoteEvent(id, planning.changeKey(), null, null,
                planning.type(), null, planning.subject(), planning.bodyText(), planning.start(), planning.end(),
                planning.timeZone(), false, null, null, null, null, List.of(new RemoteAttendee("bob@example.com",
                        "Bob", "optional", "declined"), new RemoteAttendee("dave@example.com", "Dave", "required",
                                "accepted")), ANNA, false, null));

        assertEquals(List.of(new RemoteAttendee("bob@example.com", "Bob", "optional", "accepted"),
                new RemoteAttendee("dave@example.com", "Dave", "required", "none")), updated.attendees());
    }

    @Test
    @DisplayName("EA-02: updating an event deleted in Outlook is the not-found outcome; a deleted event is gone and "
            + "reported removed by the next round; deleting one Graph no longer has counts as done")
    void deleteAndNotFound() {
        RemoteEvent created = graph.createEvent(anna, calendar, meeting("Lunch", utc("2026-05-07T11:00"),
                utc("2026-05-07T12:00"), "UTC", null, List.of()));
        String link = deltaLink(round(calendar, null, 10));
        String inOutlook = fake.addEvent(ANNA, calendar, outlook("Dentist", "2026-05-08T09:00:00",
                "2026-05-08T10:00:00").build());
        fake.deleteEvent(ANNA, inOutlook);

        GraphException gone = assertThrows(GraphException.class, () -> graph.updateEvent(anna, inOutlook, created));
        assertOutcome(GraphException.Outcome.NOT_FOUND, "404 ErrorItemNotFound", gone);
        graph.deleteEvent(anna, created.id());

        assertNull(fake.event(ANNA, created.id()));
        assertEquals(List.of(), fake.eventIds(ANNA, calendar));
        assertEquals(Set.of(created.id(), inOutlook), Set.copyOf(removed(round(calendar, link, 10))));
        graph.deleteEvent(anna, created.id());
        graph.deleteEvent(anna, inOutlook);
    }

    @Test
    @DisplayName("EA-02: Graph's refusal of an event (an importance it does not know, an end before the start, a "
            + "series not starting on its range's first day, a read-only calendar) is the refused outcome with its "
            + "reason; nothing is stored")
    void refused() {
        RemoteEvent urgent = new RemoteEvent(null, null, null, null, null, null, "Fire", null, utc("2026-05-04T09:00"),
                utc("2026-05-04T10:00"), "UTC", false, null, "urgent", null, null, List.of(), null, false, null);
        assertOutcome(GraphException.Outcome.REFUSED, "Cannot convert the literal 'urgent'", assertThrows(
                GraphException.class, () -> graph.createEvent(anna, calendar, urgent)));
        RemoteEvent backwards = meeting("Backwards", utc("2026-05-04T10:00"), utc("2026-05-04T09:00"), "UTC", null,
                List.of());
        assertOutcome(GraphException.Outcome.REFUSED, "400 ErrorPropertyValidationFailure", assertThrows(
                GraphException.class, () -> graph.createEvent(anna, calendar, backwards)));
        RemoteEvent offDay = meeting("Off", utc("2026-05-05T09:00"), utc("2026-05-05T10:00"), "UTC",
                new RemoteRecurrence("daily", 1, List.of(), null, null, null, null, "noEnd", LocalDate.of(2026, 5, 4),
                        null, null, null), List.of());
        assertOutcome(GraphException.Outcome.REFUSED, "startDate", assertThrows(GraphException.class,
                () -> graph.createEvent(anna, calendar, offDay)));
        String shared = fake.calendar(ANNA, "Team", false);
        assertOutcome(GraphException.Outcome.REFUSED, "403 ErrorAccessDenied", assertThrows(GraphException.class,
                () -> graph.createEvent(anna, shared, meeting("Mine", utc("2026-05-04T09:00"), utc("2026-05-04T10:00"),
                        "UTC", null, List.of()))));
        assertEquals(List.of(), fake.eventIds(ANNA, calendar));
        assertEquals(List.of(), fake.eventIds(ANNA, shared));
    }

    @Test
    @DisplayName("EA-01, EA-02: throttling (429, or 503 with Retry-After) is the throttled outcome with Graph's wait, "
            + "for events and tasks alike; the next call goes through")
    void throttled() {
        fake.throttleNext(1, 429, 7);
        GraphException delta = assertThrows(GraphException.class, () -> graph.eventDelta(anna, calendar, FROM, TO,
                null, 10));
        assertEquals(GraphException.Outcome.THROTTLED, delta.outcome());
        assertEquals(Duration.ofSeconds(7), delta.retryAfter());

        fake.throttleNext(1, 503, 3);
        RemoteTask task = new RemoteTask(null, null, null, "Call Carol", null, null, null, null, null, null, false);
        GraphException create = assertThrows(GraphException.class, () -> graph.createTask(anna, tasks, task));
        assertEquals(GraphException.Outcome.THROTTLED, create.outcome());
        assertEquals(Duration.ofSeconds(3), create.retryAfter());
        assertEquals(List.of(), fake.taskIds(ANNA, tasks));

        assertEquals("Call Carol", graph.createTask(anna, tasks, task).title());
        assertTrue(round(calendar, null, 10).get(0).complete());
    }

    @Test
    @DisplayName("EA-01, EA-02: a shared mailbox's calendars and To Do lists are reached through /users/{address} "
            + "with the user's token once the user has access, and with the .Shared permissions only")
    void sharedMailbox() throws Exception {
        fake.mailbox(SUPPORT);
        String supportCalendar = fake.defaultCalendar(SUPPORT);
        String ticket = fake.addEvent(SUPPORT, supportCalendar, outlook("Ticket review", "2026-05-04T09:00:00",
                "2026-05-04T10:00:00").build());
        GraphMailbox shared = new GraphMailbox(SUPPORT, true, anna.accessToken());

        assertOutcome(GraphException.Outcome.REFUSED, "403 ErrorAccessDenied", assertThrows(GraphException.class,
                () -> graph.calendars(shared)));
        fake.grantAccess(SUPPORT, ANNA);

        assertEquals(List.of(new RemoteCalendar(supportCalendar, "Calendar", true, true)), graph.calendars(shared));
        assertEquals(List.of(ticket), changed(round(shared, supportCalendar, FROM, TO, null, 10)).stream()
                .map(RemoteEvent::id).toList());
        RemoteEvent created = graph.createEvent(shared, supportCalendar, meeting("Escalation", utc(
                "2026-05-05T09:00"), utc("2026-05-05T10:00"), "UTC", null, List.of()));
        assertEquals(List.of(ticket, created.id()), fake.eventIds(SUPPORT, supportCalendar));
        assertEquals(List.of(), fake.eventIds(ANNA, calendar));
        assertEquals(List.of(new RemoteTaskList(fake.defaultTaskList(SUPPORT), "Tasks", true, true)),
                graph.taskLists(shared));

        GraphMailbox ownOnly = new GraphMailbox(SUPPORT, true, fake.accessToken(ANNA,
                "Calendars.ReadWrite Tasks.ReadWrite"));
        assertOutcome(GraphException.Outcome.REFUSED, "403", assertThrows(GraphException.class,
                () -> graph.calendars(ownOnly)));
        assertOutcome(GraphException.Outcome.REFUSED, "403", assertThrows(GraphException.class,
                () -> graph.taskLists(ownOnly)));
    }

    @Test
    @DisplayName("EA-01: a token without the calendars or tasks permission is refused as Graph refuses it (403), as "
            + "for contacts: the mail and contacts permissions alone reach neither")
    void permissionsNeeded() {
        GraphMailbox mailAndContacts = new GraphMailbox(ANNA, false, fake.accessToken(ANNA));
        GraphMailbox calendarsOnly = new GraphMailbox(ANNA, false, fake.accessToken(ANNA, "Calendars.ReadWrite"));

        assertOutcome(GraphException.Outcome.REFUSED, "403 ErrorAccessDenied", assertThrows(GraphException.class,
                () -> graph.calendars(mailAndContacts)));
        assertOutcome(GraphException.Outcome.REFUSED, "403 ErrorAccessDenied", assertThrows(GraphException.class,
                () -> graph.eventDelta(mailAndContacts, calendar, FROM, TO, null, 10)));
        assertOutcome(GraphException.Outcome.REFUSED, "403 ErrorAccessDenied", assertThrows(GraphException.class,
                () -> graph.taskLists(mailAndContacts)));
        assertOutcome(GraphException.Outcome.REFUSED, "403 ErrorAccessDenied", assertThrows(GraphException.class,
                () -> graph.taskLists(calendarsOnly)));
        assertEquals(1, graph.calendars(calendarsOnly).size());
        assertEquals(1, graph.taskLists(anna).size(), "the signed-in token asked for Tasks.ReadWrite");
    }

    @Test
    @DisplayName("EA-01: a next or delta link to another host is refused, never followed with the token")
    void foreignLinks() {
        GraphException given = assertThrows(GraphException.class, () -> graph.eventDelta(anna, calendar, null, null,
                "https://graph.example.net/v1.0/me/calendarView/delta?$deltatoken=abc", 10));
        assertOutcome(GraphException.Outcome.REFUSED, "graph.example.net", given);

        fake.linksTo(fake.loginUrl().replace("localhost", "127.0.0.1"));
        fake.addEvent(ANNA, calendar, outlook("One", "2026-05-04T09:00:00", "2026-05-04T10:00:00").build());
        fake.addEvent(ANNA, calendar, outlook("Two", "2026-05-05T09:00:00", "2026-05-05T10:00:00").build());
        assertOutcome(GraphException.Outcome.REFUSED, "127.0.0.1", assertThrows(GraphException.class,
                () -> graph.eventDelta(anna, calendar, FROM, TO, null, 1)));
        fake.addTask(ANNA, tasks, Jsons.object().add("title", "One").build());
        assertOutcome(GraphException.Outcome.REFUSED, "127.0.0.1", assertThrows(GraphException.class,
                () -> graph.taskDelta(anna, tasks, null, 10)));
    }

    @Test
    @DisplayName("EA-01: every To Do list across pages, the default one first, with whether the user owns it")
    void taskLists() {
        fake.folderPageSize(1);
        String groceries = fake.taskList(ANNA, "Groceries", true);
        String team = fake.taskList(ANNA, "Team plan", false);

        assertEquals(List.of(new RemoteTaskList(tasks, "Tasks", true, true), new RemoteTaskList(groceries,
                "Groceries", false, true), new RemoteTaskList(team, "Team plan", false, false)), graph.taskLists(anna));
    }

    @Test
    @DisplayName("EA-01: a first task delta round returns the list's tasks in pages; its delta link then returns the "
            + "added and changed tasks and the deleted one; the fields map, an HTML body as text, a due day kept "
            + "whatever its zone")
    void taskDeltaRounds() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(fake.addTask(ANNA, tasks, Jsons.object().add("title", "Task " + i).build()));
        }
        fake.addTask(ANNA, fake.taskList(ANNA, "Groceries", true), Jsons.object().add("title", "Milk").build());

        List<TaskDeltaPage> first = taskRound(tasks, null, 2);

        assertEquals(List.of(2, 2, 1), first.stream().map(page -> page.changed().size()).toList());
        assertEquals(ids, changedTasks(first).stream().map(RemoteTask::id).toList());
        assertEquals(new RemoteTask(null, null, null, "Task 3", null, "normal", "notStarted", null, null, null,
                false), fields(changedTasks(first).get(2)));
        assertEquals(fake.task(ANNA, ids.get(2)).getString("@odata.etag"), changedTasks(first).get(2).changeKey());

        String added = fake.addTask(ANNA, tasks, Jsons.object().add("title", "Pay invoice").add("body", Jsons.object()
                .add("contentType", "html").add("content", "<p>Invoice <b>42</b> &amp; reminder</p>"))
                .add("importance", "high").add("status", "waitingOnOthers").add("dueDateTime", time(
                        "2026-05-12T00:00:00", "Pacific Standard Time")).add("reminderDateTime", time(
                                "2026-05-11T09:00:00", "Pacific Standard Time")).add("isReminderOn", true).build());
        fake.changeTask(ANNA, ids.get(1), Jsons.object().add("status", "completed").add("dueDateTime", time(
                "2026-05-15T00:00:00", "W. Europe Standard Time")).build());
        fake.deleteTask(ANNA, ids.get(3));
        List<TaskDeltaPage> second = taskRound(tasks, first.get(first.size() - 1).deltaLink(), 10);

        Map<String, RemoteTask> byId = changedTasks(second).stream().collect(Collectors.toMap(RemoteTask::id,
                Function.identity()));
        assertEquals(Set.of(ids.get(1), added), byId.keySet());
        assertEquals("completed", byId.get(ids.get(1)).status());
        assertEquals(utc("2026-05-15T00:00"), byId.get(ids.get(1)).due(), "the day, from the UTC instant it began in "
                + "Berlin (2026-05-14T22:00)");
        assertNotEquals(changedTasks(first).get(1).changeKey(), byId.get(ids.get(1)).changeKey());
        assertEquals(new RemoteTask(null, null, null, "Pay invoice", "Invoice 42 & reminder", "high",
                "waitingOnOthers", utc("2026-05-12T00:00"), null, utc("2026-05-11T16:00"), true),
                fields(byId.get(added)));
        assertEquals(List.of(ids.get(3)), removedTasks(second));
        assertEquals(List.of(), changedTasks(taskRound(tasks, second.get(second.size() - 1).deltaLink(), 10)));

        fake.expireDeltaTokens(ANNA);
        assertOutcome(GraphException.Outcome.DELTA_EXPIRED, "410", assertThrows(GraphException.class,
                () -> graph.taskDelta(anna, tasks, second.get(second.size() - 1).deltaLink(), 10)));
    }

    @Test
    @DisplayName("EA-02: a task created, updated (cleared fields cleared) and deleted, its etag changing with every "
            + "write; the due day goes as its midnight in UTC; an update of a task deleted in To Do is the not-found "
            + "outcome, deleting one To Do no longer has counts as done")
    void taskCreateUpdateDelete() {
        String groceries = fake.taskList(ANNA, "Groceries", true);
        RemoteTask task = new RemoteTask(null, null, null, "Call Carol", "About the contract", "high", "inProgress",
                utc("2026-05-10T00:00"), utc("2026-05-08T09:00"), utc("2026-05-09T07:30"), true);

        RemoteTask created = graph.createTask(anna, groceries, task);

        assertNotNull(created.id());
        assertTrue(created.changeKey().startsWith("W/\""), created.changeKey());
        assertNotNull(created.lastModified());
        assertEquals(task, fields(created));
        assertEquals(List.of(created.id()), fake.taskIds(ANNA, groceries));
        JsonObject stored = fake.task(ANNA, created.id());
        assertEquals(time("2026-05-10T00:00:00.0000000", "UTC").build(), stored.getJsonObject("dueDateTime"));
        assertEquals(time("2026-05-09T07:30:00.0000000", "UTC").build(), stored.getJsonObject("reminderDateTime"));

        RemoteTask done = new RemoteTask(created.id(), created.changeKey(), null, "Call Carol", null, null,
                "completed", null, null, null, false);
        RemoteTask updated = graph.updateTask(anna, groceries, created.id(), done);

        assertNotEquals(created.changeKey(), updated.changeKey());
        assertEquals(new RemoteTask(null, null, null, "Call Carol", null, "normal", "completed", null, null, null,
                false), fields(updated));
        stored = fake.task(ANNA, created.id());
        assertFalse(stored.containsKey("dueDateTime"));
        assertTrue(stored.containsKey("completedDateTime"));

        graph.deleteTask(anna, groceries, created.id());
        assertNull(fake.task(ANNA, created.id()));
        graph.deleteTask(anna, groceries, created.id());
        String inToDo = fake.addTask(ANNA, groceries, Jsons.object().add("title", "Bread").build());
        fake.deleteTask(ANNA, inToDo);
        assertOutcome(GraphException.Outcome.NOT_FOUND, "404 ErrorItemNotFound", assertThrows(GraphException.class,
                () -> graph.updateTask(anna, groceries, inToDo, done)));
        RemoteTask badStatus = new RemoteTask(null, null, null, "Odd", null, null, "postponed", null, null, null,
                false);
        assertOutcome(GraphException.Outcome.REFUSED, "Cannot convert the literal 'postponed'", assertThrows(
                GraphException.class, () -> graph.createTask(anna, groceries, badStatus)));
    }
}
