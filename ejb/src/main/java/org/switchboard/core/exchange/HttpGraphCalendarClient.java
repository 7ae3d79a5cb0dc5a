package org.switchboard.core.exchange;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.core.common.Jsons;

/**
 * Microsoft 365 meetings and To Do tasks over Microsoft Graph with the JDK's HTTP client (EA-01, EA-02), beside
 * {@link HttpGraphContactClient} and on the same wire ({@link GraphHttp}): Graph's base URL from
 * {@value HttpGraphMailClient#BASE_URL_KEY}, the mailbox's bearer token on every call, and the mailbox's request
 * slots ({@link GraphRequestSlots}), shared with the mail and contact clients, since Graph counts all against one
 * limit. Events are asked for with their times in UTC and their bodies as text. Links Graph hands back are followed
 * only to Graph's own origin. Failures become {@link GraphException}s; nothing is retried here. No URL, token or
 * event or task field is logged.
 */
@ApplicationScoped
public class HttpGraphCalendarClient implements GraphCalendarClient {

    private static final Logger LOG = Logger.getLogger(HttpGraphCalendarClient.class.getName());
    private static final String CALENDAR_FIELDS = "id,name,isDefaultCalendar,canEdit";
    /** Every event time in UTC (Graph's default too, "UTC assumed if absent", said rather than assumed). */
    private static final String UTC_TIMES = "outlook.timezone=\"UTC\"";
    private static final String TEXT_BODIES = "outlook.body-content-type=\"text\"";
    /** More calendars or lists than a mailbox holds; the listing stops there rather than follow links for ever. */
    private static final int MAX_LISTS = 10_000;
    /** Graph's placeholder for the end of a range that has none. */
    private static final LocalDate NO_DATE = LocalDate.of(1, 1, 1);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    @Inject
    @ConfigProperty(name = HttpGraphMailClient.BASE_URL_KEY)
    private Optional<String> configuredBase;

    @Inject
    private GraphRequestSlots slots;

    private GraphHttp graph;

    public HttpGraphCalendarClient() {
    }

    /** A client with slots of its own, for tests. */
    HttpGraphCalendarClient(String base) {
        this(base, new GraphRequestSlots());
    }

    /** A client whose calls take the slots of {@code slots}, as the application's clients share theirs. */
    HttpGraphCalendarClient(String base, GraphRequestSlots slots) {
        this.slots = slots;
        this.graph = new GraphHttp(base, slots, LOG);
    }

    /** The wire, to the configured Graph ({@value HttpGraphMailClient#BASE_URL_KEY}), once it is injected. */
    @PostConstruct
    void connect() {
        graph = new GraphHttp(GraphHttp.baseUrl(configuredBase), slots, LOG);
    }

    // ---- EA-01, EA-02: calendars and events

    @Override
    public List<RemoteCalendar> calendars(GraphMailbox mailbox) {
        List<RemoteCalendar> calendars = graph.folders(mailbox, graph.api(mailbox, "/calendars?$top=100&$select="
                + CALENDAR_FIELDS), HttpGraphCalendarClient::calendar, calendar -> null, MAX_LISTS);
        return Stream.concat(calendars.stream().filter(RemoteCalendar::isDefault),
                calendars.stream().filter(calendar -> !calendar.isDefault())).toList();
    }

    @Override
    public EventDeltaPage eventDelta(GraphMailbox mailbox, String calendarId, OffsetDateTime from,
            OffsetDateTime to, String link, int maxPageSize) {
        String url;
        if (link != null) {
            url = graph.sameOrigin(link);
        } else {
            if (from == null || to == null || !to.isAfter(from)) {
                throw new IllegalArgumentException("A calendar view needs a start before its end");
            }
            // A calendar's own view: the v1.0 metadata has it (users/{id}/calendars/{id}/calendarView/delta), the
            // event delta page documents the default calendar's only, and Graph's delta article tracks "each
            // calendar individually".
            url = graph.api(mailbox, (calendarId == null ? "" : "/calendars/" + MicrosoftHttp.encode(calendarId))
                    + "/calendarView/delta?startDateTime=" + MicrosoftHttp.encode(utc(from)) + "&endDateTime="
                    + MicrosoftHttp.encode(utc(to)));
        }
        Items<RemoteEvent> page = items(get(mailbox, url, maxPageSize, true), HttpGraphCalendarClient::event);
        return new EventDeltaPage(page.changed(), page.removedIds(), page.nextLink(), page.deltaLink());
    }

    @Override
    public RemoteEvent event(GraphMailbox mailbox, String eventId) {
        return storedEvent(get(mailbox, eventUrl(mailbox, eventId), 0, false));
    }

    @Override
    public RemoteEvent createEvent(GraphMailbox mailbox, String calendarId, RemoteEvent event) {
        return storedEvent(answer(call(mailbox, "POST", graph.api(mailbox, "/calendars/"
                + MicrosoftHttp.encode(calendarId) + "/events"), eventBody(event, true), true), 201));
    }

    @Override
    public RemoteEvent updateEvent(GraphMailbox mailbox, String eventId, RemoteEvent event) {
        return storedEvent(answer(call(mailbox, "PATCH", eventUrl(mailbox, eventId), eventBody(event, false), true),
                200));
    }

    @Override
    public void deleteEvent(GraphMailbox mailbox, String eventId) {
        delete(mailbox, eventUrl(mailbox, eventId));
    }

    private String eventUrl(GraphMailbox mailbox, String eventId) {
        return graph.api(mailbox, "/events/" + MicrosoftHttp.encode(eventId));
    }

    // ---- EA-01, EA-02: Microsoft To Do

    @Override
    public List<RemoteTaskList> taskLists(GraphMailbox mailbox) {
        List<RemoteTaskList> lists = graph.folders(mailbox, graph.api(mailbox, "/todo/lists"),
                HttpGraphCalendarClient::taskList, list -> null, MAX_LISTS);
        return Stream.concat(lists.stream().filter(RemoteTaskList::isDefault),
                lists.stream().filter(list -> !list.isDefault())).toList();
    }

    /** Without {@code Prefer} for the times: To Do answers them in UTC whatever is asked ({@link #day}). */
    @Override
    public TaskDeltaPage taskDelta(GraphMailbox mailbox, String listId, String link, int maxPageSize) {
        GraphHttp.DeltaItems<RemoteTask> page = graph.delta(mailbox, link != null ? null : graph.api(mailbox,
                "/todo/lists/" + MicrosoftHttp.encode(listId) + "/tasks/delta"), link, maxPageSize,
                HttpGraphCalendarClient::task);
        return new TaskDeltaPage(page.changed(), page.removedIds(), page.nextLink(), page.deltaLink());
    }

    @Override
    public RemoteTask createTask(GraphMailbox mailbox, String listId, RemoteTask task) {
        return storedTask(answer(call(mailbox, "POST", graph.api(mailbox, "/todo/lists/" + MicrosoftHttp.encode(
                listId) + "/tasks"), taskBody(task), false), 201));
    }

    @Override
    public RemoteTask updateTask(GraphMailbox mailbox, String listId, String taskId, RemoteTask task) {
        return storedTask(answer(call(mailbox, "PATCH", taskUrl(mailbox, listId, taskId), taskBody(task), false),
                200));
    }

    @Override
    public void deleteTask(GraphMailbox mailbox, String listId, String taskId) {
        delete(mailbox, taskUrl(mailbox, listId, taskId));
    }

    private String taskUrl(GraphMailbox mailbox, String listId, String taskId) {
        return graph.api(mailbox, "/todo/lists/" + MicrosoftHttp.encode(listId) + "/tasks/"
                + MicrosoftHttp.encode(taskId));
    }

    // ---- the wire

    /**
     * A GET of an event or a page of events, with their times in UTC and bodies as text, as a JSON object; or the
     * failure it means: outside a delta round, 404 is the not-found outcome.
     */
    private JsonObject get(GraphMailbox mailbox, String url, int maxPageSize, boolean delta) {
        HttpRequest.Builder request = GraphHttp.request(mailbox, url, MicrosoftHttp.CALL_TIMEOUT)
                .header("Accept", "application/json").header("Prefer", UTC_TIMES).header("Prefer", TEXT_BODIES)
                .GET();
        if (maxPageSize > 0) {
            request.header("Prefer", "odata.maxpagesize=" + maxPageSize);
        }
        HttpResponse<String> response = graph.call(mailbox, request.build());
        JsonObject answer = Jsons.objectOrNull(response.body());
        if (response.statusCode() == 200 && answer != null) {
            return answer;
        }
        if (response.statusCode() == 404 && !delta) {
            throw notFound(response);
        }
        throw graph.failure(response.statusCode(), response.body(), response, delta);
    }

    /** One POST or PATCH with a JSON body, in one of the mailbox's slots; an event's asked for in UTC and text. */
    private HttpResponse<String> call(GraphMailbox mailbox, String method, String url, String body,
            boolean event) {
        HttpRequest.Builder request = GraphHttp.request(mailbox, url, MicrosoftHttp.CALL_TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json");
        if (event) {
            request.header("Prefer", UTC_TIMES).header("Prefer", TEXT_BODIES);
        }
        return graph.call(mailbox, request.method(method, HttpRequest.BodyPublishers.ofString(body,
                StandardCharsets.UTF_8)).build());
    }

    /** The object Graph answered with {@code expected}, or the failure the answer means (404: not found). */
    private JsonObject answer(HttpResponse<String> response, int expected) {
        JsonObject answer = Jsons.objectOrNull(response.body());
        if (response.statusCode() == expected && answer != null) {
            return answer;
        }
        if (response.statusCode() == 404) {
            throw notFound(response);
        }
        throw graph.failure(response.statusCode(), response.body(), response, false);
    }

    private GraphException notFound(HttpResponse<String> response) {
        return new GraphException(GraphException.Outcome.NOT_FOUND, graph.failure(404, response.body(), response,
                false).getMessage());
    }

    private void delete(GraphMailbox mailbox, String url) {
        HttpResponse<String> response = graph.call(mailbox, GraphHttp.request(mailbox, url,
                MicrosoftHttp.CALL_TIMEOUT).DELETE().build());
        // EA-02: an event or task Graph no longer has (deleted in Outlook or To Do, or before) is as good as deleted.
        if (response.statusCode() != 204 && response.statusCode() != 200 && response.statusCode() != 404) {
            throw graph.failure(response.statusCode(), response.body(), response, false);
        }
    }

    /**
     * A delta page read as {@link GraphHttp#delta} reads one (whose GET cannot ask for UTC times and text bodies):
     * removed items give their id, exactly one of the links is set, each on Graph's origin.
     */
    private <T> Items<T> items(JsonObject page, Function<JsonObject, T> read) {
        List<T> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (JsonValue item : GraphHttp.array(page, "value")) {
            if (item instanceof JsonObject object && MicrosoftHttp.text(object, "id") != null) {
                if (object.containsKey("@removed")) {
                    removed.add(MicrosoftHttp.text(object, "id"));
                } else {
                    changed.add(read.apply(object));
                }
            }
        }
        String next = MicrosoftHttp.text(page, "@odata.nextLink");
        String delta = MicrosoftHttp.text(page, "@odata.deltaLink");
        if ((next == null) == (delta == null)) {
            throw new GraphException(GraphException.Outcome.REFUSED,
                    "Microsoft Graph: a delta page without exactly one of @odata.nextLink and @odata.deltaLink");
        }
        return new Items<>(changed, removed, next == null ? null : graph.sameOrigin(next),
                delta == null ? null : graph.sameOrigin(delta));
    }

    // ---- reading

    private static RemoteCalendar calendar(JsonObject calendar) {
        return new RemoteCalendar(MicrosoftHttp.text(calendar, "id"), Objects.requireNonNullElse(MicrosoftHttp.text(
                calendar, "name"), ""), calendar.get("isDefaultCalendar") == JsonValue.TRUE,
                calendar.get("canEdit") == JsonValue.TRUE);
    }

    private static RemoteTaskList taskList(JsonObject list) {
        return new RemoteTaskList(MicrosoftHttp.text(list, "id"), Objects.requireNonNullElse(MicrosoftHttp.text(
                list, "displayName"), ""), "defaultList".equals(MicrosoftHttp.text(list, "wellknownListName")),
                list.get("isOwner") == JsonValue.TRUE);
    }

    private static RemoteEvent storedEvent(JsonObject answer) {
        if (MicrosoftHttp.text(answer, "id") == null) {
            throw new GraphException(GraphException.Outcome.REFUSED, "Microsoft Graph: an event without its id");
        }
        return event(answer);
    }

    private static RemoteEvent event(JsonObject event) {
        String type = MicrosoftHttp.text(event, "type");
        OffsetDateTime start = dateTime(event, "start");
        OffsetDateTime originalStart = MicrosoftHttp.time(MicrosoftHttp.text(event, "originalStart"));
        List<RemoteAttendee> attendees = new ArrayList<>();
        for (JsonValue value : GraphHttp.array(event, "attendees")) {
            if (value instanceof JsonObject attendee) {
                JsonObject email = object(attendee, "emailAddress");
                attendees.add(new RemoteAttendee(MicrosoftHttp.text(email, "address"), MicrosoftHttp.text(email,
                        "name"), MicrosoftHttp.text(attendee, "type"), MicrosoftHttp.text(object(attendee, "status"),
                                "response")));
            }
        }
        JsonNumber reminder = event.get("reminderMinutesBeforeStart") instanceof JsonNumber minutes ? minutes : null;
        return new RemoteEvent(MicrosoftHttp.text(event, "id"), Objects.requireNonNullElse(MicrosoftHttp.text(event,
                "changeKey"), MicrosoftHttp.text(event, "@odata.etag")),
                MicrosoftHttp.time(MicrosoftHttp.text(event, "lastModifiedDateTime")),
                MicrosoftHttp.text(event, "iCalUId"), type, MicrosoftHttp.text(event, "seriesMasterId"),
                MicrosoftHttp.text(event, "subject"), bodyText(event), start, dateTime(event, "end"),
                blankAsNull(MicrosoftHttp.text(event, "originalStartTimeZone")),
                event.get("isAllDay") == JsonValue.TRUE, blankAsNull(MicrosoftHttp.text(object(event, "location"),
                        "displayName")), MicrosoftHttp.text(event, "importance"),
                event.get("isReminderOn") == JsonValue.TRUE && reminder != null ? reminder.intValue() : null,
                recurrence(event), attendees, MicrosoftHttp.text(object(object(event, "organizer"), "emailAddress"),
                        "address"), event.get("isCancelled") == JsonValue.TRUE,
                originalStart == null && OCCURRENCE.equals(type) ? start : originalStart);
    }

    /** A {@code patternedRecurrence}, each field where its type uses it; null when there is none. */
    private static RemoteRecurrence recurrence(JsonObject event) {
        if (!(event.get("recurrence") instanceof JsonObject recurrence)) {
            return null;
        }
        JsonObject pattern = object(recurrence, "pattern");
        JsonObject range = object(recurrence, "range");
        String type = Objects.requireNonNullElse(MicrosoftHttp.text(pattern, "type"), "");
        String rangeType = MicrosoftHttp.text(range, "type");
        boolean weekly = type.equals("weekly");
        boolean relative = type.startsWith("relative");
        List<String> days = weekly || relative ? GraphHttp.array(pattern, "daysOfWeek").stream()
                .filter(JsonString.class::isInstance).map(day -> ((JsonString) day).getString()).toList() : List.of();
        LocalDate endDate = "endDate".equals(rangeType) ? date(MicrosoftHttp.text(range, "endDate")) : null;
        return new RemoteRecurrence(type, Objects.requireNonNullElse(positive(pattern, "interval"), 1), days,
                type.startsWith("absolute") ? positive(pattern, "dayOfMonth") : null,
                type.endsWith("Yearly") ? positive(pattern, "month") : null,
                relative ? MicrosoftHttp.text(pattern, "index") : null,
                weekly ? MicrosoftHttp.text(pattern, "firstDayOfWeek") : null, rangeType,
                date(MicrosoftHttp.text(range, "startDate")), NO_DATE.equals(endDate) ? null : endDate,
                "numbered".equals(rangeType) ? positive(range, "numberOfOccurrences") : null,
                blankAsNull(MicrosoftHttp.text(range, "recurrenceTimeZone")));
    }

    private static RemoteTask task(JsonObject task) {
        OffsetDateTime due = dateTime(task, "dueDateTime");
        return new RemoteTask(MicrosoftHttp.text(task, "id"), MicrosoftHttp.text(task, "@odata.etag"),
                MicrosoftHttp.time(MicrosoftHttp.text(task, "lastModifiedDateTime")),
                MicrosoftHttp.text(task, "title"), bodyText(task), MicrosoftHttp.text(task, "importance"),
                MicrosoftHttp.text(task, "status"), due == null ? null : day(due), dateTime(task, "startDateTime"),
                dateTime(task, "reminderDateTime"), task.get("isReminderOn") == JsonValue.TRUE);
    }

    private static RemoteTask storedTask(JsonObject answer) {
        if (MicrosoftHttp.text(answer, "id") == null) {
            throw new GraphException(GraphException.Outcome.REFUSED, "Microsoft Graph: a task without its id");
        }
        return task(answer);
    }

    /**
     * The body as text: as Graph gives it when asked for text; should it still be HTML, its text without the tags
     * (a sync keeps words, not layout).
     */
    private static String bodyText(JsonObject item) {
        JsonObject body = object(item, "body");
        String content = MicrosoftHttp.text(body, "content");
        if (content == null || !"html".equalsIgnoreCase(MicrosoftHttp.text(body, "contentType"))) {
            return blankAsNull(content);
        }
        return blankAsNull(TAG.matcher(content).replaceAll(" ").replace("&nbsp;", " ").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
                .replaceAll("[ \\t\\x0B\\f]+", " ").strip());
    }

    /**
     * To Do's due day: To Do keeps a day, and answers it as the instant its midnight was in the zone it was set in,
     * in UTC (set for 2024-10-24 at UTC-10 it reads 2024-10-24T10:00 UTC, at UTC+14 2024-10-23T10:00 UTC, as
     * reported on RogerSelwyn/MS365-ToDo issue 29; the zone is not kept). The nearest midnight UTC is the day for
     * every zone from UTC-11 to UTC+11; a day written at midnight UTC reads back as itself.
     */
    private static OffsetDateTime day(OffsetDateTime due) {
        return due.withOffsetSameInstant(ZoneOffset.UTC).plusHours(12).truncatedTo(ChronoUnit.DAYS);
    }

    /**
     * A {@code dateTimeTimeZone} as UTC; null when missing. A time in a zone not known here is refused rather than
     * read wrong (Graph answers in UTC: events are asked for it, To Do answers in it).
     */
    private static OffsetDateTime dateTime(JsonObject owner, String key) {
        JsonObject value = owner.get(key) instanceof JsonObject object ? object : null;
        String text = value == null ? null : MicrosoftHttp.text(value, "dateTime");
        if (text == null) {
            return null;
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new GraphException(GraphException.Outcome.REFUSED, "Microsoft Graph: a " + key
                    + " that is not a date and time");
        }
        String zoneName = MicrosoftHttp.text(value, "timeZone");
        ZoneId zone = zoneOrNull(zoneName);
        if (zone == null) {
            throw new GraphException(GraphException.Outcome.REFUSED, "Microsoft Graph: a " + key
                    + " in the time zone " + zoneName + ", which is not known here");
        }
        return local.atZone(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** UTC for none or {@code UTC}, a zone Java knows by its name; else null (a Windows name Java does not know). */
    private static ZoneId zoneOrNull(String name) {
        if (name == null || name.isBlank() || name.equalsIgnoreCase("UTC")) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static JsonObject object(JsonObject owner, String key) {
        return owner != null && owner.get(key) instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    }

    /** A whole number above 0; null for none, or Graph's 0 for a field the type does not use. */
    private static Integer positive(JsonObject owner, String key) {
        return owner.get(key) instanceof JsonNumber number && number.intValue() > 0 ? number.intValue() : null;
    }

    private static LocalDate date(String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String utc(OffsetDateTime time) {
        return time.toInstant().toString();
    }

    // ---- writing

    /**
     * EA-02: every mapped field, so that one empty here is cleared in Outlook: the body as text, the times in the
     * event's zone when it is UTC or an IANA zone and in UTC otherwise (Graph takes Windows names, which Java does
     * not know), an all-day event's days at midnight, the reminder on exactly when it has minutes, the attendees
     * with their type (their answers are theirs). The recurrence goes with a single event or master only (an
     * occurrence or exception has its series'), on create only when there is one.
     */
    private static String eventBody(RemoteEvent event, boolean create) {
        ZoneId zone = writeZone(event.timeZone());
        String zoneName = zone.equals(ZoneOffset.UTC) ? "UTC" : event.timeZone();
        JsonArrayBuilder attendees = Jsons.array();
        for (RemoteAttendee attendee : event.attendees()) {
            attendees.add(Jsons.object().add("emailAddress", Jsons.object().add("address", text(attendee.address()))
                    .add("name", text(Objects.requireNonNullElse(attendee.name(), attendee.address()))))
                    .add("type", Objects.requireNonNullElse(attendee.type(), "required")));
        }
        JsonObjectBuilder body = Jsons.object().add("subject", text(event.subject()))
                .add("body", Jsons.object().add("contentType", "text").add("content",
                        Objects.requireNonNullElse(event.bodyText(), "")))
                .add("start", time(event.start(), event.isAllDay(), zone, zoneName))
                .add("end", time(event.end(), event.isAllDay(), zone, zoneName))
                .add("isAllDay", event.isAllDay())
                .add("location", Jsons.object().add("displayName", Objects.requireNonNullElse(event.location(), "")))
                .add("importance", Objects.requireNonNullElse(event.importance(), "normal"))
                .add("isReminderOn", event.reminderMinutes() != null);
        if (event.reminderMinutes() != null) {
            body.add("reminderMinutesBeforeStart", event.reminderMinutes());
        }
        if (!event.inSeries() && (event.recurrence() != null || !create)) {
            body.add("recurrence", event.recurrence() == null ? JsonValue.NULL
                    : recurrence(event.recurrence()).build());
        }
        return body.add("attendees", attendees).build().toString();
    }

    /** Only the fields the pattern and range give: Graph refuses a field with a value its type does not take. */
    private static JsonObjectBuilder recurrence(RemoteRecurrence recurrence) {
        JsonObjectBuilder pattern = Jsons.object().add("type", text(recurrence.type())).add("interval",
                recurrence.interval());
        if (!recurrence.daysOfWeek().isEmpty()) {
            JsonArrayBuilder days = Jsons.array();
            recurrence.daysOfWeek().forEach(days::add);
            pattern.add("daysOfWeek", days);
        }
        addIfSet(pattern, "dayOfMonth", recurrence.dayOfMonth());
        addIfSet(pattern, "month", recurrence.month());
        addIfSet(pattern, "index", recurrence.index());
        addIfSet(pattern, "firstDayOfWeek", recurrence.firstDayOfWeek());
        JsonObjectBuilder range = Jsons.object().add("type", text(recurrence.rangeType()));
        addIfSet(range, "startDate", recurrence.startDate());
        addIfSet(range, "endDate", recurrence.endDate());
        addIfSet(range, "numberOfOccurrences", recurrence.numberOfOccurrences());
        addIfSet(range, "recurrenceTimeZone", recurrence.recurrenceTimeZone());
        return Jsons.object().add("pattern", pattern).add("range", range);
    }

    private static void addIfSet(JsonObjectBuilder object, String key, Object value) {
        if (value instanceof Integer number) {
            object.add(key, number);
        } else if (value != null) {
            object.add(key, value.toString());
        }
    }

    /**
     * EA-02: every mapped field, a missing one as null so it is cleared: the body as text, the due day as its
     * midnight in UTC, the start and the reminder in UTC.
     */
    private static String taskBody(RemoteTask task) {
        return Jsons.object().add("title", text(task.title())).add("body", Jsons.object().add("contentType", "text")
                .add("content", Objects.requireNonNullElse(task.bodyText(), "")))
                .add("importance", Objects.requireNonNullElse(task.importance(), "normal"))
                .add("status", Objects.requireNonNullElse(task.status(), "notStarted"))
                .add("dueDateTime", orNull(task.due(), true)).add("startDateTime", orNull(task.start(), false))
                .add("reminderDateTime", orNull(task.reminder(), false)).add("isReminderOn", task.isReminderOn())
                .build().toString();
    }

    private static JsonValue orNull(OffsetDateTime time, boolean day) {
        return time == null ? JsonValue.NULL : time(time, day, ZoneOffset.UTC, "UTC").build();
    }

    /** A {@code dateTimeTimeZone}: the time in the zone, or with {@code day} its day's midnight (UTC's day). */
    private static JsonObjectBuilder time(OffsetDateTime time, boolean day, ZoneId zone, String zoneName) {
        if (time == null) {
            throw new IllegalArgumentException("An event needs its start and end");
        }
        LocalDateTime local = day ? time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().atStartOfDay()
                : time.atZoneSameInstant(zone).toLocalDateTime();
        return Jsons.object().add("dateTime", local.truncatedTo(ChronoUnit.SECONDS).format(
                DateTimeFormatter.ISO_LOCAL_DATE_TIME)).add("timeZone", zoneName);
    }

    /** The zone the times are written in: the event's when it is an IANA zone ({@code Area/City}), else UTC. */
    private static ZoneId writeZone(String name) {
        ZoneId zone = name == null || !name.contains("/") ? null : zoneOrNull(name);
        return zone == null ? ZoneOffset.UTC : zone;
    }

    private static JsonValue text(String value) {
        return value == null ? JsonValue.NULL : Jsons.string(value);
    }

    /** One page of a delta round as read. */
    private record Items<T>(List<T> changed, List<String> removedIds, String nextLink, String deltaLink) {
    }
}
