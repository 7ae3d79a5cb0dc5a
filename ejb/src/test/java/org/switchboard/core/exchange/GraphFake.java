package org.switchboard.core.exchange;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.common.Pkce;

/**
 * A stateful Microsoft Graph (mail) and Entra ID v2.0 endpoint in one in-process HTTP server (issue 20's "stateful
 * fakes"), its bodies shaped after Microsoft's documentation. Entra ID: {@code /{tenant}/oauth2/v2.0/authorize}
 * signs the {@code login_hint} user in and redirects with a code; {@code /token} redeems it (PKCE S256 checked) and
 * refreshes with rotation (the old refresh token then refused), with a switch that revokes a user's consent. Graph
 * under {@code /v1.0}: bearer tokens it issued only (401 otherwise); mailboxes with folders and messages;
 * {@code mailFolders} and {@code childFolders} in pages; {@code messages/delta} with real delta semantics (a round
 * returns everything, a delta link then only what was added, changed or deleted since, each link replayable until
 * the tokens are expired on demand: 410 {@code syncStateNotFound}); {@code $value}; {@code sendMail} (MIME, 202).
 * Contacts (EC-01, EC-02): the default Contacts folder (also by its well-known name {@code contacts}) and the folders
 * a test adds in it and in theirs, listed in pages ({@code contactFolders}, {@code childFolders}); contacts with a
 * {@code changeKey} and {@code lastModifiedDateTime} that change with every change; {@code contacts/delta} with the
 * messages' delta semantics; POST, GET, PATCH and DELETE of a contact, its fields checked as Graph does (known
 * properties of the right kind, Outlook's limits on emails and phones).
 * Meetings and tasks (EA-01, EA-02): calendars (the default "Calendar" and those a test adds, some read-only) listed
 * in pages; events with a {@code changeKey} that changes with every change, series masters whose recurrence
 * (every pattern and range type of Graph) the fake expands into occurrences, exceptions (an occurrence changed or
 * cancelled on its own) and deleted occurrences; {@code calendarView/delta} of a calendar (and of the default one)
 * over a window, as Graph answers it: occurrences bare, masters never, the window kept in the tokens, a later round
 * giving what changed in the window, {@code @removed} for what left it or was deleted, and for events changed
 * outside it; times in the zone of {@code Prefer: outlook.timezone}, bodies as text with
 * {@code outlook.body-content-type}; POST, GET, PATCH (an occurrence becomes an exception) and DELETE of an event.
 * Microsoft To Do: the default "Tasks" list and lists a test adds (owned or shared), tasks with an {@code @odata.etag}
 * that changes with every change, {@code tasks/delta} with the contacts' delta semantics, POST, GET, PATCH and
 * DELETE of a task. Their fields are checked as Graph checks them; where Graph's documentation gives no error code
 * for a refusal, the fake's is a guess.
 * It throttles the next calls on demand (429 or 503 with {@code Retry-After}) or by a per-mailbox request quota
 * ({@link #quota}), can hold requests to count how many
 * run at once per mailbox, and can hand out links to another host. A token reaches another user's mailbox
 * ({@code /users/{address}}, SM-01) only where the test granted it, else 403 {@code ErrorAccessDenied} as Graph
 * answers. Change notifications (MP-11): {@code /subscriptions} validates the notification and lifecycle URLs with
 * Graph's handshake before it creates a subscription on a folder's (or a mailbox's) messages, refuses an expiry
 * beyond Graph's limit on create and renew, and POSTs a notification to the URL, asynchronously, when a test adds,
 * changes or deletes a message there; a test sends lifecycle notifications and expires subscriptions. As Graph
 * documents, a delegated token subscribes only to its own user's mailbox, shared access or not. Public, with a fixed
 * port on demand, because the integration tests start it in their JVM and point the application servers at it.
 */
public final class GraphFake implements AutoCloseable {

    static {
        // The JDK's HTTP server writes a response's headers and body apart; with Nagle's algorithm on, the body
        // waited for the client's delayed ACK: 40 ms a request (measured: 45 ms a MIME download, 1.2 ms without).
        // Read once, when the first server of the JVM starts: the test JVMs set it at their start too (pom.xml).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public static final String TENANT = "contoso.onmicrosoft.com";
    public static final String CLIENT_ID = "6731de76-14a6-49ae-97bc-6eba6914391e";
    public static final String CLIENT_SECRET = "sZ8Q~fake.secret-value";
    /** The redirect URI the fake's Entra app is registered with until a test sets another. */
    public static final String REDIRECT_URI = "https://crm.example.com/oauth/microsoft/callback";
    /** The directory's id, as Graph's notifications carry it in {@code tenantId}. */
    public static final String TENANT_ID = "2f1a6c0e-7d5b-4c1e-9a3f-8b6d0e4c2a71";
    /** MP-11: Graph's limit for a subscription to Outlook messages, enforced on create and on renew. */
    public static final Duration MAX_SUBSCRIPTION = Duration.ofMinutes(10_070);
    /** The exchange attribute holding what ends a request's count in flight once its answer starts. */
    private static final String ANSWERING = "switchboard.fake.answering";
    /** Graph's wait for a validation answer; the fake also waits this long for a notification's answer. */
    private static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(10);
    /** A folder's messages: {@code me/mailFolders('{id}')/messages}, {@code users/{id}/mailFolders/{id}/messages}. */
    private static final Pattern FOLDER_RESOURCE = Pattern.compile(
            "/?(?:me|users/([^/]+))/mailFolders(?:\\('((?:[^']|'')+)'\\)|/([^/']+))/messages",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MAILBOX_RESOURCE = Pattern.compile("/?(?:me|users/([^/]+))/messages",
            Pattern.CASE_INSENSITIVE);
    private static final Refusal NOT_ANSWERED = new Refusal(400, "InvalidRequest", "Subscription validation request "
            + "failed. Notification endpoint must respond with 200 OK to validation request.");
    private static final Refusal NOT_FOUND = new Refusal(404, "ResourceNotFound", "The object was not found.");
    private static final Refusal ITEM_NOT_FOUND = new Refusal(404, "ErrorItemNotFound", "The specified object was "
            + "not found in the store.");
    private static final Refusal EMPTY_BODY = new Refusal(400, "BadRequest", "Empty Payload. JSON content expected.");
    private static final String ROOT_ID = "AAMkAGroot=";
    /** When the first message of a mailbox was received; each next one a minute later. */
    public static final Instant RECEIVED_BASE = Instant.parse("2026-05-04T08:00:00Z");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(\\S+)");
    /** EC-02: the contact properties a client writes, by kind, as Graph's contact resource lists them. */
    private static final Set<String> CONTACT_TEXTS = new TreeSet<>(List.of("assistantName", "businessHomePage",
            "companyName", "department", "displayName", "fileAs", "generation", "givenName", "initials", "jobTitle",
            "manager", "middleName", "mobilePhone", "nickName", "officeLocation", "personalNotes", "profession",
            "spouseName", "surname", "title", "yomiCompanyName", "yomiGivenName", "yomiSurname"));
    private static final Set<String> CONTACT_LISTS = new TreeSet<>(List.of("businessPhones", "categories", "children",
            "emailAddresses", "homePhones", "imAddresses"));
    private static final Set<String> CONTACT_ADDRESSES = new TreeSet<>(List.of("businessAddress", "homeAddress",
            "otherAddress"));
    private static final Set<String> ADDRESS_PARTS = Set.of("street", "city", "state", "countryOrRegion",
            "postalCode");
    /** Read-only contact properties: a client may send them back, Graph ignores them. */
    private static final Set<String> CONTACT_READ_ONLY = Set.of("id", "changeKey", "createdDateTime",
            "lastModifiedDateTime", "parentFolderId");
    /**
     * Outlook's fields per collection (Email 1 to 3, Business and Home 1 to 2): Graph refuses more with a 400
     * (microsoft-graph-docs issue 15276 quotes its message; the error code here is a guess).
     */
    private static final Map<String, Integer> CONTACT_LIMITS = Map.of("emailAddresses", 3, "businessPhones", 2,
            "homePhones", 2);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Mailbox> mailboxes = new HashMap<>();
    private final Map<String, Grant> codes = new HashMap<>();
    private final Set<String> redeemedCodes = new HashSet<>();
    private final Map<String, String> accessTokens = new HashMap<>();
    /** The scopes each access token was issued for (hybrid Exchange's fake checks its EWS permission). */
    private final Map<String, String> accessScopes = new HashMap<>();
    private final Map<String, Grant> refreshTokens = new HashMap<>();
    private final Set<String> revoked = new HashSet<>();
    /** SM-01: "owner delegate" pairs: the delegate's token reaches the owner's mailbox. */
    private final Set<String> delegations = new HashSet<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();
    /** MP-11: one thread, so that a receiver gets a mailbox's notifications in the order of the changes. */
    private final ExecutorService notifier = Executors.newSingleThreadExecutor();
    private final HttpClient outbound = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(NOTIFY_TIMEOUT).build();
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, String> rewrites = new LinkedHashMap<>();
    private final List<String> requestedResources = new ArrayList<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private final AtomicInteger ids = new AtomicInteger();
    /** EA-01: the ids of calendars, events, task lists and tasks, counted apart so that the others stay the same. */
    private final AtomicInteger pimIds = new AtomicInteger();
    private volatile CountDownLatch gate;
    private boolean rotate = true;
    private int throttled;
    private int throttleStatus;
    private int throttleSeconds;
    /** Graph's per-mailbox request quota (10,000 in 10 minutes per app): off while 0. */
    private int quotaRequests;
    private Duration quotaWindow;
    /** When each mailbox's calls within the quota's window came in ({@code System.nanoTime}), oldest first. */
    private final Map<String, Deque<Long>> quotaCalls = new HashMap<>();
    private int overQuota;
    private int folderPageSize = 10;
    private String linkOrigin;
    private Map<String, String> lastTokenForm = Map.of();
    private String redirectUri = REDIRECT_URI;

    /** The fake on an ephemeral port. */
    public GraphFake() throws IOException {
        this(0);
    }

    /** The fake on {@code port} of localhost, 0 for an ephemeral one. */
    public GraphFake(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** An access token of the user, as a sign-in would have issued it (for tests of what uses a token). */
    public synchronized String accessToken(String address) {
        return accessToken(address, "Mail.ReadWrite Contacts.ReadWrite");
    }

    /** An access token for the address issued for exactly these scopes (space-separated), as Entra ID grants them. */
    public synchronized String accessToken(String address, String scopes) {
        return issue(new Grant(key(address), scopes, "", null), false).getString("access_token");
    }

    /**
     * The user an access token this fake issued signs in, when it was issued for {@code scope} (an EWS server of
     * hybrid Exchange checks its own permission, {@code https://host/EWS.AccessAsUser.All}); otherwise null.
     */
    public synchronized String userOf(String accessToken, String scope) {
        String user = accessTokens.get(accessToken);
        return user != null && List.of(accessScopes.get(accessToken).split(" ")).contains(scope) ? user : null;
    }

    /** A Graph mail client of the application pointed at this fake, for tests outside this package. */
    public GraphMailClient client() {
        return new HttpGraphMailClient(graphUrl(), HttpGraphMailClient.DEFAULT_MIME_MAX);
    }

    /** EC-01: a Graph contact client of the application pointed at this fake, for tests outside this package. */
    public GraphContactClient contactClient() {
        return new HttpGraphContactClient(graphUrl());
    }

    /** EA-01: a Graph calendar and To Do client of the application pointed at this fake, for tests elsewhere. */
    public GraphCalendarClient calendarClient() {
        return new HttpGraphCalendarClient(graphUrl());
    }

    /** Where Entra ID's authorize and token endpoints are ({@code switchboard.microsoft.login-url}). */
    public String loginUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Graph's base ({@code switchboard.microsoft.graph-url}). */
    public String graphUrl() {
        return loginUrl() + "/v1.0";
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
        notifier.shutdownNow();
    }

    // ---- state the tests set up and read

    /**
     * A mailbox with Graph's well-known Inbox and Sent Items folders, its default Contacts folder, its default
     * calendar ("Calendar") and its default To Do list ("Tasks"); returns the Inbox's id.
     */
    public synchronized String mailbox(String address) {
        Mailbox mailbox = new Mailbox(address, "AAMkAGcontacts" + ids.incrementAndGet() + "=");
        mailboxes.put(key(address), mailbox);
        mailbox.defaultCalendar = "AAMkAGcal" + pimIds.incrementAndGet() + "=";
        mailbox.calendars.put(mailbox.defaultCalendar, new CalendarFolder(mailbox.defaultCalendar, "Calendar", true,
                true));
        mailbox.defaultTaskList = "AAMkAGlist" + pimIds.incrementAndGet() + "=";
        mailbox.taskLists.put(mailbox.defaultTaskList, new TaskList(mailbox.defaultTaskList, "Tasks", "defaultList",
                true));
        mailbox.folder(new Folder("AAMkAGsent" + ids.incrementAndGet() + "=", ROOT_ID, "Sent Items", "sentitems"));
        return mailbox.folder(new Folder("AAMkAGinbox" + ids.incrementAndGet() + "=", ROOT_ID, "Inbox", "inbox"));
    }

    /** A folder the user made, under {@code parentId} (null: at the top). */
    public synchronized String folder(String address, String parentId, String displayName) {
        return box(address).folder(new Folder("AAMkAGfolder" + ids.incrementAndGet() + "=",
                parentId == null ? ROOT_ID : parentId, displayName, null));
    }

    /** A new message in the folder, from its MIME source (its Message-ID header becomes its internetMessageId). */
    public synchronized String add(String address, String folderId, byte[] mime) {
        Mailbox mailbox = box(address);
        String id = "AAMkAGmsg" + ids.incrementAndGet() + "-x_y=";
        Matcher messageId = MESSAGE_ID.matcher(new String(mime, 0, Math.min(mime.length, 8192),
                StandardCharsets.ISO_8859_1));
        Message message = new Message(id, folderId, messageId.find() ? messageId.group(1) : "<" + id + "@fake>",
                RECEIVED_BASE.plus(mailbox.messages.size(), ChronoUnit.MINUTES), mime);
        message.changed = ++mailbox.seq;
        mailbox.messages.put(id, message);
        notifyChange(mailbox, message, "created");
        return id;
    }

    /** A change to a message (read, flagged, categorised): it comes back in the next delta round. */
    public synchronized void change(String address, String messageId) {
        Mailbox mailbox = box(address);
        Message message = mailbox.messages.get(messageId);
        message.changed = ++mailbox.seq;
        notifyChange(mailbox, message, "updated");
    }

    /** A deleted message: the next delta round reports it {@code @removed}. */
    public synchronized void delete(String address, String messageId) {
        Mailbox mailbox = box(address);
        Message message = mailbox.messages.get(messageId);
        message.deleted = true;
        message.changed = ++mailbox.seq;
        notifyChange(mailbox, message, "deleted");
    }

    /** EC-01: the id of the mailbox's default Contacts folder. */
    public synchronized String defaultContactFolder(String address) {
        return box(address).defaultContacts;
    }

    /** EC-01: a contact folder the user made, under {@code parentId} (null: in the default Contacts folder). */
    public synchronized String contactFolder(String address, String parentId, String displayName) {
        Mailbox mailbox = box(address);
        Folder folder = new Folder("AAMkAGcf" + ids.incrementAndGet() + "=", parentId == null
                ? mailbox.defaultContacts : parentId, displayName, null);
        mailbox.contactFolders.put(folder.id(), folder);
        return folder.id();
    }

    /**
     * EC-01: a contact added in Outlook, with Graph's properties ({@code givenName}, {@code emailAddresses} …); the
     * next delta round reports it. Refused as Graph would refuse them, the fields throw.
     */
    public synchronized String addContact(String address, String folderId, JsonObject fields) {
        Mailbox mailbox = box(address);
        if (!mailbox.contactFolders.containsKey(folderId)) {
            throw new IllegalArgumentException("No contact folder " + folderId);
        }
        Contact contact = new Contact("AAMkAGcontact" + ids.incrementAndGet() + "=", folderId, clock.instant());
        write(mailbox, contact, fields);
        mailbox.contacts.put(contact.id, contact);
        return contact.id;
    }

    /** EC-01: a change made in Outlook: the fields given replace the contact's (null clears one); a new change key. */
    public synchronized void changeContact(String address, String contactId, JsonObject fields) {
        Mailbox mailbox = box(address);
        write(mailbox, live(mailbox, contactId), fields);
    }

    /** EC-01: a contact deleted in Outlook: the next delta round reports it {@code @removed}. */
    public synchronized void deleteContact(String address, String contactId) {
        Mailbox mailbox = box(address);
        Contact contact = live(mailbox, contactId);
        contact.deleted = true;
        contact.changed = ++mailbox.seq;
    }

    /** EC-02: the contact as Graph answers a GET for it, every property; null when there is none (or no longer). */
    public synchronized JsonObject contact(String address, String contactId) {
        Contact contact = box(address).contacts.get(contactId);
        return contact == null || contact.deleted ? null : contactJson(contact, null).build();
    }

    /** EC-02: the ids of the folder's contacts, oldest first. */
    public synchronized List<String> contactIds(String address, String folderId) {
        return box(address).contacts.values().stream().filter(c -> !c.deleted && c.folderId.equals(folderId))
                .map(c -> c.id).toList();
    }

    private static Contact live(Mailbox mailbox, String contactId) {
        Contact contact = mailbox.contacts.get(contactId);
        if (contact == null || contact.deleted) {
            throw new IllegalArgumentException("No contact " + contactId);
        }
        return contact;
    }

    /** The fields written to the contact as Graph writes them, with a new change; refused ones throw. */
    private void write(Mailbox mailbox, Contact contact, JsonObject fields) {
        Refusal refusal = contactRefusal(fields);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal.message());
        }
        apply(mailbox, contact, fields);
    }

    /** EA-01: the id of the mailbox's default calendar ("Calendar"). */
    public synchronized String defaultCalendar(String address) {
        return box(address).defaultCalendar;
    }

    /**
     * EA-01: another calendar of the mailbox: one the user made ({@code canEdit}), or one shared with them to read
     * only, to which Graph refuses writes (403).
     */
    public synchronized String calendar(String address, String name, boolean canEdit) {
        Mailbox mailbox = box(address);
        String id = "AAMkAGcal" + pimIds.incrementAndGet() + "=";
        mailbox.calendars.put(id, new CalendarFolder(id, name, false, canEdit));
        return id;
    }

    /**
     * EA-01: an event made in Outlook, from Graph's properties ({@code subject}, {@code start}, {@code end} …; with
     * a {@code recurrence}, the master of a series). Unlike a client, Outlook may set the {@code organizer} (an
     * invitation from someone else) and the attendees' {@code status}. Refused as Graph would refuse them, the
     * fields throw.
     */
    public synchronized String addEvent(String address, String calendarId, JsonObject fields) {
        Mailbox mailbox = box(address);
        if (!mailbox.calendars.containsKey(calendarId)) {
            throw new IllegalArgumentException("No calendar " + calendarId);
        }
        CalendarEvent event = newEvent(mailbox, calendarId);
        refused(writeEvent(mailbox, event, fields, true));
        mailbox.events.put(event.id, event);
        return event.id;
    }

    /**
     * EA-01: a change made in Outlook: the fields given replace the event's (null clears one); a new change key. An
     * occurrence changed becomes an exception; a master's new recurrence or start discards its exceptions.
     */
    public synchronized void changeEvent(String address, String eventId, JsonObject fields) {
        Mailbox mailbox = box(address);
        refused(change(mailbox, liveEvent(mailbox, eventId), fields, true));
    }

    /**
     * EA-01: the organizer cancelled an occurrence of the series, as the attendee's calendar keeps it: an exception
     * with {@code isCancelled}.
     */
    public synchronized void cancelOccurrence(String address, String eventId) {
        Mailbox mailbox = box(address);
        CalendarEvent event = liveEvent(mailbox, eventId);
        if (!event.inSeries()) {
            throw new IllegalArgumentException(eventId + " is no occurrence");
        }
        CalendarEvent exception = event.copy(event.id);
        exception.type = EXCEPTION;
        exception.cancelled = true;
        exception.changed = ++mailbox.seq;
        exception.modified = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        mailbox.events.put(exception.id, exception);
    }

    /**
     * EA-01: an event deleted in Outlook (a master with its series, or one occurrence): the next delta round of a
     * view it was in reports it {@code @removed}.
     */
    public synchronized void deleteEvent(String address, String eventId) {
        Mailbox mailbox = box(address);
        remove(mailbox, liveEvent(mailbox, eventId));
    }

    /** EA-01: the id of the series' occurrence that its pattern starts at {@code originalStart}. */
    public synchronized String occurrenceId(String address, String seriesMasterId, OffsetDateTime originalStart) {
        String id = occurrenceId(seriesMasterId, originalStart.toInstant());
        if (resolve(box(address), id) == null) {
            throw new IllegalArgumentException("No occurrence of " + seriesMasterId + " at " + originalStart);
        }
        return id;
    }

    /**
     * EA-02: the event as Graph answers a GET for it (times in UTC, the body as stored), every property; an
     * occurrence with its master's; null when there is none (or no longer).
     */
    public synchronized JsonObject event(String address, String eventId) {
        Mailbox mailbox = box(address);
        CalendarEvent event = resolve(mailbox, eventId);
        return event == null ? null : eventJson(mailbox, event, Prefs.STORED).build();
    }

    /** EA-02: the ids of the events stored in the calendar (single ones, masters and exceptions), oldest first. */
    public synchronized List<String> eventIds(String address, String calendarId) {
        return box(address).events.values().stream().filter(e -> !e.deleted && e.folderId.equals(calendarId))
                .map(e -> e.id).toList();
    }

    /** EA-01: the id of the mailbox's default To Do list ("Tasks", {@code wellknownListName} {@code defaultList}). */
    public synchronized String defaultTaskList(String address) {
        return box(address).defaultTaskList;
    }

    /** EA-01: another To Do list: the user's own ({@code owner}), or one another user shared with them. */
    public synchronized String taskList(String address, String displayName, boolean owner) {
        Mailbox mailbox = box(address);
        String id = "AAMkAGlist" + pimIds.incrementAndGet() + "=";
        mailbox.taskLists.put(id, new TaskList(id, displayName, "none", owner));
        return id;
    }

    /**
     * EA-01: a task added in To Do, with Graph's properties ({@code title}, {@code dueDateTime} …); the next delta
     * round of its list reports it. Refused as Graph would refuse them, the fields throw.
     */
    public synchronized String addTask(String address, String listId, JsonObject fields) {
        Mailbox mailbox = box(address);
        if (!mailbox.taskLists.containsKey(listId)) {
            throw new IllegalArgumentException("No task list " + listId);
        }
        refused(taskRefusal(fields));
        Task task = new Task("AAMkAGtask" + pimIds.incrementAndGet() + "=", listId, clock.instant());
        apply(mailbox, task, fields);
        mailbox.tasks.put(task.id, task);
        return task.id;
    }

    /** EA-01: a change made in To Do: the fields given replace the task's (null clears one); a new etag. */
    public synchronized void changeTask(String address, String taskId, JsonObject fields) {
        Mailbox mailbox = box(address);
        Task task = liveTask(mailbox, taskId);
        refused(taskRefusal(fields));
        apply(mailbox, task, fields);
    }

    /** EA-01: a task deleted in To Do: the next delta round of its list reports it {@code @removed}. */
    public synchronized void deleteTask(String address, String taskId) {
        Mailbox mailbox = box(address);
        Task task = liveTask(mailbox, taskId);
        task.deleted = true;
        task.changed = ++mailbox.seq;
    }

    /** EA-02: the task as Graph answers a GET for it; null when there is none (or no longer). */
    public synchronized JsonObject task(String address, String taskId) {
        Task task = box(address).tasks.get(taskId);
        return task == null || task.deleted ? null : taskJson(task, null).build();
    }

    /** EA-02: the ids of the list's tasks, oldest first. */
    public synchronized List<String> taskIds(String address, String listId) {
        return box(address).tasks.values().stream().filter(t -> !t.deleted && t.folderId.equals(listId))
                .map(t -> t.id).toList();
    }

    private static void refused(Refusal refusal) {
        if (refusal != null) {
            throw new IllegalArgumentException(refusal.message());
        }
    }

    private CalendarEvent liveEvent(Mailbox mailbox, String eventId) {
        CalendarEvent event = resolve(mailbox, eventId);
        if (event == null) {
            throw new IllegalArgumentException("No event " + eventId);
        }
        return event;
    }

    private static Task liveTask(Mailbox mailbox, String taskId) {
        Task task = mailbox.tasks.get(taskId);
        if (task == null || task.deleted) {
            throw new IllegalArgumentException("No task " + taskId);
        }
        return task;
    }

    /** Every delta and skip token of the mailbox expires: a link given before answers 410. */
    public synchronized void expireDeltaTokens(String address) {
        box(address).tokens.clear();
        box(address).viewTokens.clear();
    }

    /** The next {@code calls} Graph calls answer {@code status} (429 or 503) with {@code Retry-After: seconds}. */
    public synchronized void throttleNext(int calls, int status, int seconds) {
        throttled = calls;
        throttleStatus = status;
        throttleSeconds = seconds;
    }

    /**
     * Graph's per-mailbox request quota, scaled down for a test: a mailbox takes at most {@code requests} calls in any
     * {@code window}; the calls beyond it are answered 429 {@code ApplicationThrottled} with a {@code Retry-After}
     * of the whole seconds until the oldest call of the window leaves it, and do not count.
     */
    public synchronized void quota(int requests, Duration window) {
        quotaRequests = requests;
        quotaWindow = window;
        quotaCalls.clear();
    }

    /** How many calls the quota refused. */
    public synchronized int overQuota() {
        return overQuota;
    }

    /** At most this many folders per page, whatever {@code $top} asks (Graph's default page is 10). */
    public synchronized void folderPageSize(int size) {
        folderPageSize = size;
    }

    /** Links (next and delta) point at another origin from now on, as a compromised or confused proxy would. */
    public synchronized void linksTo(String origin) {
        linkOrigin = origin;
    }

    /** Whether a refresh returns a new refresh token (and invalidates the old one); Entra ID's default is yes. */
    public synchronized void rotateRefreshTokens(boolean rotating) {
        rotate = rotating;
    }

    /** The user's consent is revoked: the next refresh is {@code invalid_grant} (AADSTS70000). */
    public synchronized void revokeConsent(String address) {
        revoked.add(key(address));
    }

    /** Every access token issued so far stops being accepted (expired): Graph answers 401. */
    public synchronized void expireAccessTokens() {
        accessTokens.clear();
        accessScopes.clear();
    }

    /** The MIME of every message the mailbox sent ({@code sendMail}), oldest first. */
    public synchronized List<byte[]> sent(String address) {
        return List.copyOf(box(address).sent);
    }

    /** How many {@code messages/delta} requests reached the mailbox, whatever their answer. */
    public synchronized int deltaRequests(String address) {
        return box(address).deltaRequests;
    }

    /** How many {@code messages/{id}/$value} requests reached the mailbox, whatever their answer. */
    public synchronized int mimeRequests(String address) {
        return box(address).mimeRequests;
    }

    /**
     * The redirect URI the Entra app is registered with: the authorize endpoint accepts exactly this one (the
     * application's {@code /oauth/microsoft/callback} under its site URL in the integration tests).
     */
    public synchronized void redirectUri(String uri) {
        redirectUri = uri;
    }

    /**
     * SM-01: {@code delegate}'s token may reach {@code owner}'s mailbox through {@code /users/{owner}} (full access
     * to a shared mailbox); without it Graph answers 403.
     */
    public synchronized void grantAccess(String owner, String delegate) {
        delegations.add(key(owner) + " " + key(delegate));
    }

    public synchronized Map<String, String> lastTokenForm() {
        return lastTokenForm;
    }

    /**
     * Where the fake really posts what Graph would post to an address starting with {@code published}: the
     * integration tests' servers publish an https {@code SiteUrl} that does not resolve, and listen on another address.
     */
    public synchronized void deliverTo(String published, String actual) {
        rewrites.put(published, actual);
    }

    private synchronized String delivered(String url) {
        for (Map.Entry<String, String> rewrite : rewrites.entrySet()) {
            if (url.startsWith(rewrite.getKey())) {
                return rewrite.getValue() + url.substring(rewrite.getKey().length());
            }
        }
        return url;
    }

    /** The clock that subscription expiries are measured by (the system's until set). */
    public synchronized void clock(Clock clock) {
        this.clock = clock;
    }

    /** MP-11: every subscription the fake keeps, expired ones included until {@link #expireSubscriptions()}. */
    public synchronized List<StoredSubscription> subscriptions() {
        return subscriptions.values().stream().map(Subscription::stored).toList();
    }

    /** MP-11: the {@code resource} of every subscription request, refused ones included, oldest first. */
    public synchronized List<String> requestedResources() {
        return List.copyOf(requestedResources);
    }

    /** MP-11: every notification POSTed so far, with the receiver's answer, in the order they were answered. */
    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /**
     * MP-11: Graph sends the subscription's lifecycle URL a {@code reauthorizationRequired}, {@code missed} or
     * {@code subscriptionRemoved} notification (asynchronously); the last also deletes the subscription.
     */
    public synchronized void lifecycle(String subscriptionId, String event) {
        Subscription subscription = subscriptions.get(subscriptionId);
        if (subscription == null) {
            throw new IllegalArgumentException("No subscription " + subscriptionId);
        }
        StoredSubscription stored = subscription.stored();
        if (stored.lifecycleNotificationUrl() == null) {
            throw new IllegalStateException("Subscription " + subscriptionId + " has no lifecycleNotificationUrl: "
                    + "Graph sends it no lifecycle notifications");
        }
        if ("subscriptionRemoved".equals(event)) {
            subscriptions.remove(subscriptionId);
        }
        post(stored.lifecycleNotificationUrl(), subscriptionId, event, null, Jsons.object().add("subscriptionId",
                subscriptionId).add("subscriptionExpirationDateTime", iso(stored.expiresAt())).add("tenantId",
                        TENANT_ID).add("clientState", nullable(stored.clientState())).add("lifecycleEvent", event)
                .build());
    }

    /** MP-11: every subscription expires, and Graph forgets it: no more notifications, renewing answers 404. */
    public synchronized void expireSubscriptions() {
        subscriptions.clear();
    }

    /** Graph requests are held (not answered) until {@link #release()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch held = gate;
        gate = null;
        if (held != null) {
            held.countDown();
        }
    }

    /** How many Graph requests for the mailbox are being served right now (arrived, their answer not started). */
    public int inFlight(String address) {
        return inFlight.computeIfAbsent(key(address), k -> new AtomicInteger()).get();
    }

    /**
     * The most Graph requests for the mailbox that were ever served at once, each from its arrival until its answer
     * starts (Graph's per-mailbox concurrency limit counts requests being processed).
     */
    public int maxInFlight(String address) {
        return maxInFlight.computeIfAbsent(key(address), k -> new AtomicInteger()).get();
    }

    /**
     * The browser's visit to the authorize URL: the {@code login_hint} user signs in and consents; returns the
     * redirect's query ({@code code}, {@code state}) or the authorize endpoint's refusal as {@code error}.
     */
    public Map<String, String> authorize(String authorizationUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(authorizationUrl)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 302) {
            return Map.of("error", "HTTP " + response.statusCode() + " " + response.body());
        }
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        Map<String, String> query = query(location.getRawQuery());
        query.put("redirect", location.getScheme() + "://" + location.getAuthority() + location.getPath());
        return query;
    }

    // ---- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/v1.0/")) {
                graph(exchange, path.substring("/v1.0/".length()));
            } else if (path.equals("/" + TENANT + "/oauth2/v2.0/authorize")) {
                authorize(exchange);
            } else if (path.equals("/" + TENANT + "/oauth2/v2.0/token")) {
                token(exchange);
            } else {
                send(exchange, 404, null, "");
            }
        } finally {
            exchange.close();
        }
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String user = query.getOrDefault("login_hint", "");
        synchronized (this) {
            if (!CLIENT_ID.equals(query.get("client_id")) || !redirectUri.equals(query.get("redirect_uri"))
                    || !"code".equals(query.get("response_type")) || !"S256".equals(query.get(
                            "code_challenge_method")) || query.get("code_challenge") == null
                    || !mailboxes.containsKey(key(user))) {
                send(exchange, 400, "text/plain", "AADSTS900144: The request body must contain a valid request.");
                return;
            }
            String code = "0.ARoA" + UUID.randomUUID();
            codes.put(code, new Grant(key(user), query.get("scope"), query.get("code_challenge"), redirectUri));
            exchange.getResponseHeaders().add("Location", redirectUri + "?code=" + code + "&state="
                    + MicrosoftHttp.encode(query.getOrDefault("state", "")) + "&session_state=" + UUID.randomUUID());
        }
        exchange.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        JsonObject answer;
        int status = 200;
        synchronized (this) {
            lastTokenForm = Map.copyOf(form);
            Grant grant = null;
            String refused = null;
            if (!CLIENT_ID.equals(form.get("client_id"))) {
                status = 400;
                refused = "unauthorized_client|700016|Application with identifier '" + form.get("client_id")
                        + "' was not found in the directory '" + TENANT + "'.";
            } else if (!CLIENT_SECRET.equals(form.get("client_secret"))) {
                status = 401;
                refused = "invalid_client|7000215|Invalid client secret provided. Ensure the secret being sent in "
                        + "the request is the client secret value, not the client secret ID.";
            } else if ("authorization_code".equals(form.get("grant_type"))) {
                String code = form.getOrDefault("code", "");
                grant = codes.remove(code);
                if (grant == null) {
                    refused = redeemedCodes.contains(code) ? "invalid_grant|54005|OAuth2 Authorization code was "
                            + "already redeemed, please retry with a new valid code or use an existing refresh token."
                            : "invalid_grant|70000|The provided value for the 'code' parameter is not valid.";
                } else if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
                    refused = "invalid_grant|50148|The redirect_uri does not match the one of the authorization "
                            + "request.";
                } else if (!grant.challenge().equals(Pkce.challenge(form.getOrDefault("code_verifier", "")))) {
                    refused = "invalid_grant|501481|The Code_Verifier does not match the code_challenge supplied in "
                            + "the authorization request.";
                }
                redeemedCodes.add(code);
            } else if ("refresh_token".equals(form.get("grant_type"))) {
                grant = refreshTokens.get(form.getOrDefault("refresh_token", ""));
                if (grant == null) {
                    refused = "invalid_grant|9002313|Invalid request. Request is malformed or invalid.";
                } else if (revoked.contains(grant.user())) {
                    refused = "invalid_grant|70000|The request was denied because one or more scopes requested are "
                            + "unauthorized or expired. The user must first sign in and grant the client application "
                            + "access to the requested scope.";
                } else if (rotate) {
                    refreshTokens.remove(form.get("refresh_token"));
                }
            } else {
                refused = "unsupported_grant_type|70003|The app requested an unsupported grant type.";
            }
            if (refused != null) {
                status = status == 200 ? 400 : status;
                String[] parts = refused.split("\\|", 3);
                answer = entraError(parts[0], Integer.parseInt(parts[1]), parts[2]);
            } else {
                answer = issue(grant, "authorization_code".equals(form.get("grant_type")) || rotate);
            }
        }
        send(exchange, status, "application/json; charset=utf-8", answer.toString());
    }

    /** Entra ID's token response: a new access token for the user, and a new refresh token when asked. */
    private JsonObject issue(Grant grant, boolean withRefreshToken) {
        String access = "eyJ0eXAiOiJKV1Qi." + UUID.randomUUID();
        accessTokens.put(access, grant.user());
        accessScopes.put(access, grant.scope() == null ? "" : grant.scope());
        JsonObjectBuilder answer = Jsons.object().add("token_type", "Bearer").add("scope", grant.scope()
                .replace("offline_access", "").strip()).add("expires_in", 3599).add("ext_expires_in", 3599)
                .add("access_token", access);
        if (withRefreshToken) {
            String refresh = "1.ARoA" + UUID.randomUUID();
            refreshTokens.put(refresh, grant);
            answer.add("refresh_token", refresh);
        }
        return answer.build();
    }

    /** Entra ID's error body: the code, its AADSTS description with trace lines, its codes and ids. */
    private static JsonObject entraError(String error, int code, String description) {
        String trace = UUID.randomUUID().toString();
        String correlation = UUID.randomUUID().toString();
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ');
        return Jsons.object().add("error", error).add("error_description", "AADSTS" + code + ": " + description
                + "\r\nTrace ID: " + trace + "\r\nCorrelation ID: " + correlation + "\r\nTimestamp: " + timestamp)
                .add("error_codes", Jsons.array().add(code)).add("timestamp", timestamp).add("trace_id", trace)
                .add("correlation_id", correlation).add("error_uri", "https://login.microsoftonline.com/error?code="
                        + code).build();
    }

    private void graph(HttpExchange exchange, String path) throws IOException {
        String bearer = exchange.getRequestHeaders().getFirst("Authorization");
        String user;
        synchronized (this) {
            user = bearer != null && bearer.startsWith("Bearer ") ? accessTokens.get(bearer.substring(7)) : null;
        }
        if (user == null) {
            graphError(exchange, 401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
            return;
        }
        List<String> segments = new ArrayList<>(Arrays.asList(path.split("/")));
        if (segments.get(0).equals("subscriptions")) {
            subscriptions(exchange, user, segments);
            return;
        }
        String owner = segments.remove(0).equals("users") && !segments.isEmpty() ? key(segments.remove(0)) : user;
        AtomicInteger running = inFlight.computeIfAbsent(owner, k -> new AtomicInteger());
        maxInFlight.computeIfAbsent(owner, k -> new AtomicInteger()).accumulateAndGet(running.incrementAndGet(),
                Math::max);
        // A request is in flight until its answer starts: once the last byte is out, the client may send the next one
        // before this thread runs on, which would count one request too many.
        AtomicBoolean answered = new AtomicBoolean();
        Runnable answering = () -> {
            if (answered.compareAndSet(false, true)) {
                running.decrementAndGet();
            }
        };
        exchange.setAttribute(ANSWERING, answering);
        try {
            CountDownLatch held = gate;
            if (held != null && !held.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("A test held the Graph fake for 30 seconds");
            }
            graph(exchange, user, owner, segments);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            answering.run();
        }
    }

    /** Whether the call's token was issued for the contacts of the mailbox it reaches. */
    private synchronized boolean mayUseContacts(HttpExchange exchange, String user, String owner) {
        String bearer = exchange.getRequestHeaders().getFirst("Authorization");
        String scopes = bearer == null ? null : accessScopes.get(bearer.substring(7));
        List<String> granted = scopes == null ? List.of() : List.of(scopes.split(" "));
        return granted.contains(user.equals(owner) ? "Contacts.ReadWrite" : "Contacts.ReadWrite.Shared");
    }

    /** EA-01: whether the call's token was issued for {@code scope} of its own mailbox, or its .Shared of another's. */
    private synchronized boolean mayUse(HttpExchange exchange, String user, String owner, String scope) {
        String bearer = exchange.getRequestHeaders().getFirst("Authorization");
        String scopes = bearer == null ? null : accessScopes.get(bearer.substring(7));
        List<String> granted = scopes == null ? List.of() : List.of(scopes.split(" "));
        return granted.contains(user.equals(owner) ? scope : scope + ".Shared");
    }

    /** Counts the mailbox's call against the quota; the seconds to wait when it is over, else 0. */
    private long quotaWait(String owner) {
        if (quotaRequests <= 0) {
            return 0;
        }
        Deque<Long> calls = quotaCalls.computeIfAbsent(owner, k -> new ArrayDeque<>());
        long now = System.nanoTime();
        long window = quotaWindow.toNanos();
        while (!calls.isEmpty() && now - calls.peekFirst() >= window) {
            calls.pollFirst();
        }
        if (calls.size() < quotaRequests) {
            calls.addLast(now);
            return 0;
        }
        overQuota++;
        return Math.max(1, (calls.peekFirst() + window - now + 999_999_999) / 1_000_000_000);
    }

    private void graph(HttpExchange exchange, String user, String owner, List<String> segments) throws IOException {
        int throttle;
        long quotaWait;
        synchronized (this) {
            throttle = throttled-- > 0 ? throttleStatus : 0;
            quotaWait = throttle == 0 ? quotaWait(owner) : 0;
        }
        if (quotaWait > 0) {
            exchange.getResponseHeaders().add("Retry-After", String.valueOf(quotaWait));
            graphError(exchange, 429, "ApplicationThrottled", "Application is over its MailboxRequests limit.");
            return;
        }
        if (throttle != 0) {
            exchange.getResponseHeaders().add("Retry-After", String.valueOf(throttleSeconds));
            graphError(exchange, throttle, throttle == 429 ? "TooManyRequests" : "ServiceUnavailable",
                    "Application is over its MailboxConcurrency limit.");
            return;
        }
        Mailbox mailbox;
        synchronized (this) {
            mailbox = mailboxes.get(owner);
        }
        if (mailbox == null) {
            graphError(exchange, 404, "ErrorInvalidUser", "The requested user '" + owner + "' is invalid.");
            return;
        }
        if (!mayReach(user, owner)) {
            graphError(exchange, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String method = exchange.getRequestMethod();
        if (segments.size() > 1 && segments.get(0).equals("contactFolders")
                && segments.get(1).equalsIgnoreCase("contacts")) {
            // EC-01: the default Contacts folder by its well-known name.
            segments.set(1, mailbox.defaultContacts);
        }
        String route = String.join("/", segments.stream().map(s -> s.startsWith("AAMk") ? "{id}" : s).toList());
        if ((route.startsWith("contactFolders") || route.startsWith("contacts")) && !mayUseContacts(exchange, user,
                owner)) {
            // EC-01: Graph's answer to a token without the contacts permission (Contacts.ReadWrite, and .Shared for
            // another user's mailbox).
            graphError(exchange, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
            return;
        }
        if ((route.startsWith("calendar") || route.startsWith("events")) && !mayUse(exchange, user, owner,
                "Calendars.ReadWrite") || route.startsWith("todo") && !mayUse(exchange, user, owner,
                        "Tasks.ReadWrite")) {
            // EA-01: as for contacts, a token without the calendars (or tasks) permission, .Shared for another's.
            graphError(exchange, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
            return;
        }
        switch (method + " " + route) {
            case "GET mailFolders" -> folders(exchange, mailbox, ROOT_ID, query);
            case "GET mailFolders/{id}/childFolders" -> folders(exchange, mailbox, segments.get(1), query);
            case "GET mailFolders/{id}/messages/delta" -> {
                synchronized (this) {
                    mailbox.deltaRequests++;
                }
                delta(exchange, mailbox, segments.get(1), query, mailbox.messages.values(), "message",
                        (message, select) -> messageJson((Message) message));
            }
            case "GET messages/{id}/$value" -> mime(exchange, mailbox, segments.get(1));
            case "POST sendMail" -> sendMail(exchange, mailbox);
            case "GET mailFolders/sentitems/messages" -> sentItems(exchange, mailbox, query);
            case "GET contactFolders" -> contactFolders(exchange, mailbox, mailbox.defaultContacts, query);
            case "GET contactFolders/{id}" -> contactFolder(exchange, mailbox, segments.get(1));
            case "GET contactFolders/{id}/childFolders" -> contactFolders(exchange, mailbox, segments.get(1), query);
            case "GET contactFolders/{id}/contacts/delta" -> contactDelta(exchange, mailbox, segments.get(1), query);
            case "POST contactFolders/{id}/contacts" -> createContact(exchange, mailbox, segments.get(1));
            case "POST contacts" -> createContact(exchange, mailbox, mailbox.defaultContacts);
            case "GET contacts/{id}", "PATCH contacts/{id}", "DELETE contacts/{id}" -> contact(exchange, mailbox,
                    method, segments.get(1));
            case "GET calendars" -> calendars(exchange, mailbox, query);
            case "GET calendar" -> calendarEntity(exchange, mailbox, mailbox.defaultCalendar);
            case "GET calendars/{id}" -> calendarEntity(exchange, mailbox, segments.get(1));
            case "GET calendarView/delta" -> eventDelta(exchange, mailbox, mailbox.defaultCalendar, query);
            case "GET calendars/{id}/calendarView/delta" -> eventDelta(exchange, mailbox, segments.get(1), query);
            case "POST events" -> createEvent(exchange, mailbox, mailbox.defaultCalendar);
            case "POST calendars/{id}/events" -> createEvent(exchange, mailbox, segments.get(1));
            case "GET events/{id}", "PATCH events/{id}", "DELETE events/{id}" -> eventRequest(exchange, mailbox,
                    method, segments.get(1));
            case "GET todo/lists" -> taskLists(exchange, mailbox, query);
            case "GET todo/lists/{id}/tasks/delta" -> taskDelta(exchange, mailbox, segments.get(2), query);
            case "POST todo/lists/{id}/tasks" -> createTask(exchange, mailbox, segments.get(2));
            case "GET todo/lists/{id}/tasks/{id}", "PATCH todo/lists/{id}/tasks/{id}",
                    "DELETE todo/lists/{id}/tasks/{id}" -> taskRequest(exchange, mailbox, method, segments.get(2),
                            segments.get(4));
            default -> graphError(exchange, 400, "BadRequest", "Resource not found for the segment '"
                    + String.join("/", segments) + "'.");
        }
    }

    private void folders(HttpExchange exchange, Mailbox mailbox, String parentId, Map<String, String> query)
            throws IOException {
        String body;
        synchronized (this) {
            String select = query.getOrDefault("$select", "");
            List<JsonObject> children = new ArrayList<>();
            for (Folder folder : mailbox.folders.values()) {
                if (!folder.parentId().equals(parentId)) {
                    continue;
                }
                JsonObjectBuilder item = Jsons.object().add("id", folder.id()).add("displayName",
                        folder.displayName()).add("parentFolderId", folder.parentId()).add("childFolderCount",
                        mailbox.folders.values().stream().filter(f -> f.parentId().equals(folder.id())).count())
                        .add("unreadItemCount", 0).add("totalItemCount", mailbox.messages.values().stream()
                                .filter(m -> !m.deleted && m.folderId.equals(folder.id())).count())
                        .add("isHidden", false);
                if (folder.wellKnownName() != null && select.contains("wellKnownName")) {
                    item.add("wellKnownName", folder.wellKnownName());
                }
                children.add(item.build());
            }
            body = listing(exchange, query, children, "users('" + mailbox.address + "')/mailFolders");
        }
        send(exchange, 200, "application/json; odata.metadata=minimal; charset=utf-8", body);
    }

    /**
     * One page of a folder listing: {@code $top} (at most the folder page size) from {@code $skip}, with a next
     * link while more follow.
     */
    private String listing(HttpExchange exchange, Map<String, String> query, List<JsonObject> items, String context) {
        int skip = Integer.parseInt(query.getOrDefault("$skip", "0"));
        int top = Math.min(folderPageSize, Integer.parseInt(query.getOrDefault("$top", "10")));
        JsonArrayBuilder value = Jsons.array();
        items.subList(Math.min(skip, items.size()), Math.min(skip + top, items.size())).forEach(value::add);
        JsonObjectBuilder page = Jsons.object().add("@odata.context", graphUrl() + "/$metadata#" + context)
                .add("value", value);
        if (skip + top < items.size()) {
            page.add("@odata.nextLink", origin() + exchange.getRequestURI().getRawPath() + "?$top=" + top
                    + "&$skip=" + (skip + top) + "&$select=" + query.getOrDefault("$select", ""));
        }
        return page.build().toString();
    }

    /**
     * One page of a delta round over the folder's {@code items} (messages or contacts). A round starts with no token
     * (every item of the folder) or with a delta token (what changed after its watermark); its changes are fixed when
     * it starts and handed out in pages of {@code Prefer: odata.maxpagesize}, each next page behind a skip token, the
     * last with a new delta token. The first request's {@code $select} holds for the round and the rounds after it,
     * as Graph encodes it in its tokens; {@code render} gives an item that was not deleted in that selection.
     */
    private void delta(HttpExchange exchange, Mailbox mailbox, String folderId, Map<String, String> query,
            Collection<? extends Item> items, String type, BiFunction<Item, String, JsonObjectBuilder> render)
            throws IOException {
        String body;
        synchronized (this) {
            String token = query.containsKey("$skiptoken") ? query.get("$skiptoken") : query.get("$deltatoken");
            Round round;
            if (token == null) {
                round = new Round(folderId, changesAfter(items, folderId, -1), mailbox.seq, query.get("$select"));
            } else {
                Round known = mailbox.tokens.get(token);
                if (known == null || !known.folderId().equals(folderId)) {
                    graphError(exchange, 410, "syncStateNotFound", "The sync state generation is not found. The "
                            + "delta token is expired and data must be synchronized again.");
                    return;
                }
                round = query.containsKey("$skiptoken") ? known : new Round(folderId, changesAfter(items, folderId,
                        known.watermark()), mailbox.seq, known.select());
            }
            int size = pageSize(exchange);
            JsonArrayBuilder value = Jsons.array();
            for (Item item : round.changes().subList(0, Math.min(size, round.changes().size()))) {
                JsonObjectBuilder entry = Jsons.object().add("@odata.type", "#microsoft.graph." + type);
                value.add(item.deleted ? entry.add("id", item.id).add("@removed", Jsons.object().add("reason",
                        "deleted")) : entry.addAll(render.apply(item, round.select())));
            }
            String link = origin() + exchange.getRequestURI().getRawPath();
            String next = UUID.randomUUID().toString().replace("-", "");
            JsonObjectBuilder page = Jsons.object().add("@odata.context", graphUrl()
                    + "/$metadata#Collection(" + type + ")").add("value", value);
            if (round.changes().size() > size) {
                mailbox.tokens.put(next, new Round(folderId, round.changes().subList(size, round.changes().size()),
                        round.watermark(), round.select()));
                page.add("@odata.nextLink", link + "?$skiptoken=" + next);
            } else {
                mailbox.tokens.put(next, new Round(folderId, List.of(), round.watermark(), round.select()));
                page.add("@odata.deltaLink", link + "?$deltatoken=" + next);
            }
            body = page.build().toString();
        }
        send(exchange, 200, "application/json; odata.metadata=minimal; charset=utf-8", body);
    }

    /** A message in a delta page: its etag, id, receipt and Message-ID. */
    private static JsonObjectBuilder messageJson(Message message) {
        return Jsons.object().add("@odata.etag", "W/\"CQAAABYAAAA" + message.changed + "\"").add("id", message.id)
                .add("receivedDateTime", message.received.toString())
                .add("internetMessageId", message.internetMessageId);
    }

    // ---- EC-01, EC-02: contacts

    /** The contact folders in {@code parentId} ({@code contactFolders}: in the default one), in pages. */
    private void contactFolders(HttpExchange exchange, Mailbox mailbox, String parentId, Map<String, String> query)
            throws IOException {
        String body;
        synchronized (this) {
            if (!mailbox.contactFolders.containsKey(parentId)) {
                body = null;
            } else {
                body = listing(exchange, query, mailbox.contactFolders.values().stream().filter(f -> f.parentId()
                        .equals(parentId)).map(GraphFake::contactFolderJson).toList(), "users('" + mailbox.address
                                + "')/contactFolders");
            }
        }
        if (body == null) {
            refuse(exchange, ITEM_NOT_FOUND);
        } else {
            send(exchange, 200, "application/json; odata.metadata=minimal; charset=utf-8", body);
        }
    }

    private void contactFolder(HttpExchange exchange, Mailbox mailbox, String folderId) throws IOException {
        JsonObject folder;
        synchronized (this) {
            Folder found = mailbox.contactFolders.get(folderId);
            folder = found == null ? null : Jsons.object().add("@odata.context", graphUrl() + "/$metadata#users('"
                    + mailbox.address + "')/contactFolders/$entity").addAll(Jsons.object(contactFolderJson(found)))
                    .build();
        }
        if (folder == null) {
            refuse(exchange, ITEM_NOT_FOUND);
        } else {
            send(exchange, 200, "application/json; odata.metadata=minimal; charset=utf-8", folder.toString());
        }
    }

    private static JsonObject contactFolderJson(Folder folder) {
        return Jsons.object().add("id", folder.id()).add("displayName", folder.displayName()).add("parentFolderId",
                folder.parentId()).build();
    }

    private void contactDelta(HttpExchange exchange, Mailbox mailbox, String folderId, Map<String, String> query)
            throws IOException {
        boolean known;
        synchronized (this) {
            known = mailbox.contactFolders.containsKey(folderId);
        }
        if (!known) {
            refuse(exchange, ITEM_NOT_FOUND);
            return;
        }
        delta(exchange, mailbox, folderId, query, mailbox.contacts.values(), "contact",
                (contact, select) -> contactJson((Contact) contact, select));
    }

    /** POST a contact to a folder: its fields checked as Graph does; 201 with the contact as stored. */
    private void createContact(HttpExchange exchange, Mailbox mailbox, String folderId) throws IOException {
        JsonObject fields = Jsons.objectOrNull(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
        Refusal refusal;
        String answer = null;
        synchronized (this) {
            refusal = !mailbox.contactFolders.containsKey(folderId) ? ITEM_NOT_FOUND : fields == null ? EMPTY_BODY
                    : contactRefusal(fields);
            if (refusal == null) {
                Contact contact = new Contact("AAMkAGcontact" + ids.incrementAndGet() + "=", folderId,
                        clock.instant());
                apply(mailbox, contact, fields);
                mailbox.contacts.put(contact.id, contact);
                answer = contactEntity(mailbox, contact);
            }
        }
        if (refusal != null) {
            refuse(exchange, refusal);
        } else {
            send(exchange, 201, "application/json; odata.metadata=minimal; charset=utf-8", answer);
        }
    }

    /** GET, PATCH (the fields given replace the contact's) or DELETE of a contact; 404 once it is gone. */
    private void contact(HttpExchange exchange, Mailbox mailbox, String method, String contactId)
            throws IOException {
        JsonObject fields = method.equals("PATCH") ? Jsons.objectOrNull(new String(exchange.getRequestBody()
                .readAllBytes(), StandardCharsets.UTF_8)) : null;
        Refusal refusal = null;
        String answer = null;
        synchronized (this) {
            Contact contact = mailbox.contacts.get(contactId);
            if (contact == null || contact.deleted) {
                refusal = ITEM_NOT_FOUND;
            } else if (method.equals("DELETE")) {
                contact.deleted = true;
                contact.changed = ++mailbox.seq;
            } else if (method.equals("PATCH")) {
                refusal = fields == null ? EMPTY_BODY : contactRefusal(fields);
                if (refusal == null) {
                    apply(mailbox, contact, fields);
                }
            }
            if (refusal == null && !method.equals("DELETE")) {
                answer = contactEntity(mailbox, contact);
            }
        }
        if (refusal != null) {
            refuse(exchange, refusal);
        } else if (answer == null) {
            exchange.sendResponseHeaders(204, -1);
        } else {
            send(exchange, 200, "application/json; odata.metadata=minimal; charset=utf-8", answer);
        }
    }

    private String contactEntity(Mailbox mailbox, Contact contact) {
        return Jsons.object().add("@odata.context", graphUrl() + "/$metadata#users('" + mailbox.address
                + "')/contacts/$entity").addAll(contactJson(contact, null)).build().toString();
    }

    /**
     * The contact as Graph answers it: every property, null, empty or {@code {}} where it has none, or the
     * properties of {@code select} (comma-separated; null or empty: all) with its id and etag.
     */
    private static JsonObjectBuilder contactJson(Contact contact, String select) {
        Set<String> wanted = select == null || select.isBlank() ? null : Set.of(select.split(","));
        Map<String, JsonValue> properties = new LinkedHashMap<>();
        properties.put("createdDateTime", Jsons.string(contact.created.toString()));
        properties.put("lastModifiedDateTime", Jsons.string(contact.modified.toString()));
        properties.put("changeKey", Jsons.string(contact.changeKey()));
        properties.put("parentFolderId", Jsons.string(contact.folderId));
        properties.put("birthday", contact.fields.getOrDefault("birthday", JsonValue.NULL));
        CONTACT_TEXTS.forEach(name -> properties.put(name, contact.fields.getOrDefault(name, JsonValue.NULL)));
        CONTACT_LISTS.forEach(name -> properties.put(name, contact.fields.getOrDefault(name,
                JsonValue.EMPTY_JSON_ARRAY)));
        CONTACT_ADDRESSES.forEach(name -> properties.put(name, contact.fields.getOrDefault(name,
                JsonValue.EMPTY_JSON_OBJECT)));
        JsonObjectBuilder json = Jsons.object().add("@odata.etag", "W/\"" + contact.changeKey() + "\"")
                .add("id", contact.id);
        properties.forEach((name, value) -> {
            if (wanted == null || wanted.contains(name)) {
                json.add(name, value);
            }
        });
        return json;
    }

    /** Why Graph refuses these contact fields (an unknown property, a value of the wrong kind, too many), or null. */
    private static Refusal contactRefusal(JsonObject fields) {
        for (Map.Entry<String, JsonValue> field : fields.entrySet()) {
            String name = field.getKey();
            JsonValue value = field.getValue();
            boolean valid;
            if (name.startsWith("@odata.") || CONTACT_READ_ONLY.contains(name)) {
                valid = true;
            } else if (CONTACT_TEXTS.contains(name)) {
                valid = value instanceof JsonString || value == JsonValue.NULL;
            } else if (name.equals("birthday")) {
                valid = value == JsonValue.NULL || value instanceof JsonString day && birthday(day.getString()) != null;
            } else if (name.equals("emailAddresses")) {
                valid = value instanceof JsonArray emails && emails.stream().allMatch(email -> email
                        instanceof JsonObject object && Set.of("name", "address").containsAll(object.keySet())
                        && object.values().stream().allMatch(part -> part instanceof JsonString
                                || part == JsonValue.NULL));
            } else if (CONTACT_LISTS.contains(name)) {
                valid = value instanceof JsonArray list && list.stream().allMatch(JsonString.class::isInstance);
            } else if (CONTACT_ADDRESSES.contains(name)) {
                valid = value == JsonValue.NULL || value instanceof JsonObject address && ADDRESS_PARTS.containsAll(
                        address.keySet()) && address.values().stream().allMatch(part -> part instanceof JsonString
                                || part == JsonValue.NULL);
            } else {
                return new Refusal(400, "RequestBodyRead", "The property '" + name + "' does not exist on type "
                        + "'microsoft.graph.contact'. Make sure to only use property names that are defined by the "
                        + "type or mark the type as open type.");
            }
            if (!valid) {
                return new Refusal(400, "RequestBodyRead", "Invalid value for the property '" + name + "'.");
            }
            Integer limit = CONTACT_LIMITS.get(name);
            if (limit != null && ((JsonArray) value).size() > limit) {
                return new Refusal(400, "ErrorInvalidArgument", "The multi value property "
                        + Character.toUpperCase(name.charAt(0)) + name.substring(1) + " has "
                        + ((JsonArray) value).size() + " entries, that exceeds the max allowed value of " + limit);
            }
        }
        return null;
    }

    /**
     * Checked fields written as Graph writes them: a null clears, an address is replaced by its parts that are set
     * (none: {@code {}}), a birthday kept as the instant it was given; a display name Outlook makes from the name
     * when there is none. A new change key and modification time.
     */
    private void apply(Mailbox mailbox, Contact contact, JsonObject fields) {
        for (Map.Entry<String, JsonValue> field : fields.entrySet()) {
            String name = field.getKey();
            JsonValue value = field.getValue();
            if (name.startsWith("@odata.") || CONTACT_READ_ONLY.contains(name)) {
                continue;
            }
            if (value == JsonValue.NULL) {
                contact.fields.remove(name);
            } else if (name.equals("birthday")) {
                contact.fields.put(name, Jsons.string(birthday(((JsonString) value).getString()).toString()));
            } else if (CONTACT_ADDRESSES.contains(name)) {
                JsonObjectBuilder parts = Jsons.object();
                value.asJsonObject().forEach((part, text) -> {
                    if (text instanceof JsonString) {
                        parts.add(part, text);
                    }
                });
                contact.fields.put(name, parts.build());
            } else {
                contact.fields.put(name, value);
            }
        }
        if (!contact.fields.containsKey("displayName")) {
            String made = (text(contact.fields.get("givenName")) + " " + text(contact.fields.get("surname"))).strip();
            if (!made.isEmpty()) {
                contact.fields.put("displayName", Jsons.string(made));
            }
        }
        contact.changed = ++mailbox.seq;
        contact.modified = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : "";
    }

    /** A DateTimeOffset, or a date as midnight UTC of its day; null when neither. */
    private static Instant birthday(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    // ---- EA-01, EA-02: calendars and events

    private static final String SINGLE_INSTANCE = "singleInstance";
    private static final String OCCURRENCE = "occurrence";
    private static final String EXCEPTION = "exception";
    private static final String SERIES_MASTER = "seriesMaster";
    /** An occurrence's id: its master's and the UTC time its pattern puts it at. */
    private static final DateTimeFormatter OCCURRENCE_STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");
    /** Graph's {@code dateTime}: seven decimals, no zone (the zone is beside it). */
    private static final DateTimeFormatter GRAPH_DATE_TIME = DateTimeFormatter.ofPattern(
            "uuuu-MM-dd'T'HH:mm:ss.SSSSSSS");
    private static final String NO_TIME = "0001-01-01T00:00:00Z";
    /** The zones Graph names the Windows way that the tests use; Graph knows them all, the fake these. */
    private static final Map<String, String> WINDOWS_ZONES = Map.of("Pacific Standard Time", "America/Los_Angeles",
            "Eastern Standard Time", "America/New_York", "Central Standard Time", "America/Chicago",
            "GMT Standard Time", "Europe/London", "W. Europe Standard Time", "Europe/Berlin",
            "Romance Standard Time", "Europe/Paris", "Russian Standard Time", "Europe/Moscow",
            "Tokyo Standard Time", "Asia/Tokyo");
    private static final Set<String> DAYS = Set.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday");
    private static final Map<String, Set<String>> EVENT_ENUMS = Map.of("importance", Set.of("low", "normal", "high"),
            "showAs", Set.of("free", "tentative", "busy", "oof", "workingElsewhere", "unknown"),
            "sensitivity", Set.of("normal", "personal", "private", "confidential"));
    private static final Set<String> EVENT_BOOLEANS = Set.of("isAllDay", "isReminderOn", "responseRequested",
            "allowNewTimeProposals", "isOnlineMeeting", "hideAttendees");
    /** Read-only event properties: a client may send them back, Graph ignores them. */
    private static final Set<String> EVENT_READ_ONLY = Set.of("id", "changeKey", "createdDateTime",
            "lastModifiedDateTime", "iCalUId", "type", "seriesMasterId", "originalStart", "originalStartTimeZone",
            "originalEndTimeZone", "isCancelled", "isOrganizer", "webLink", "bodyPreview", "responseStatus",
            "hasAttachments", "isDraft", "onlineMeetingUrl", "onlineMeetingProvider", "locations", "organizer");
    /** What Graph answers for a property an event has not been given. */
    private static final Map<String, JsonValue> EVENT_DEFAULTS = Map.ofEntries(
            Map.entry("subject", Jsons.string("")), Map.entry("importance", Jsons.string("normal")),
            Map.entry("sensitivity", Jsons.string("normal")), Map.entry("showAs", Jsons.string("busy")),
            Map.entry("isReminderOn", JsonValue.TRUE), Map.entry("reminderMinutesBeforeStart", Json.createValue(15)),
            Map.entry("responseRequested", JsonValue.TRUE), Map.entry("allowNewTimeProposals", JsonValue.TRUE),
            Map.entry("isOnlineMeeting", JsonValue.FALSE), Map.entry("hideAttendees", JsonValue.FALSE),
            Map.entry("isAllDay", JsonValue.FALSE), Map.entry("categories", JsonValue.EMPTY_JSON_ARRAY),
            Map.entry("transactionId", JsonValue.NULL));
    private static final Set<String> PATTERN_TYPES = Set.of("daily", "weekly", "absoluteMonthly", "relativeMonthly",
            "absoluteYearly", "relativeYearly");
    private static final List<String> INDEXES = List.of("first", "second", "third", "fourth", "last");
    private static final Set<String> RANGE_TYPES = Set.of("endDate", "noEnd", "numbered");
    /** More periods of a pattern than a test's window needs; the expansion stops there. */
    private static final int MAX_PERIODS = 5_000;

    private void calendars(HttpExchange exchange, Mailbox mailbox, Map<String, String> query) throws IOException {
        String body;
        synchronized (this) {
            body = listing(exchange, query, mailbox.calendars.values().stream().map(c -> selected(calendarJson(
                    mailbox, c), query.get("$select"))).toList(), "users('" + mailbox.address + "')/calendars");
        }
        send(exchange, 200, "application/json; odata.metadata=minimal; charset=utf-8", body);
    }

    private void calendarEntity(HttpExchange exchange, Mailbox mailbox, String calendarId) throws IOException {
        JsonObject calendar;
        synchronized (this) {
            CalendarFolder found = mailbox.calendars.get(calendarId);
            calendar = found == null ? null : Jsons.object().add("@odata.context", graphUrl() + "/$metadata#users('"
                    + mailbox.address + "')/calendars/$entity").addAll(Jsons.object(calendarJson(mailbox, found)))
                    .build();
        }
        if (calendar == null) {
            refuse(exchange, ITEM_NOT_FOUND);
        } else {
            send(exchange, 200, "application/json; odata.metadata=minimal; charset=utf-8", calendar.toString());
        }
    }

    private static JsonObject calendarJson(Mailbox mailbox, CalendarFolder calendar) {
        return Jsons.object().add("id", calendar.id()).add("name", calendar.name()).add("color", "auto")
                .add("hexColor", "").add("isDefaultCalendar", calendar.isDefault()).add("changeKey", "fJKVL07sbkmIfH"
                        + calendar.id().length() + "AAAAAA").add("canShare", calendar.canEdit())
                .add("canViewPrivateItems", calendar.canEdit()).add("canEdit", calendar.canEdit())
                .add("allowedOnlineMeetingProviders", Jsons.array().add("teamsForBusiness"))
                .add("defaultOnlineMeetingProvider", "teamsForBusiness").add("isTallyingResponses", true)
                .add("isRemovable", !calendar.isDefault()).add("owner", Jsons.object().add("name", mailbox.address)
                        .add("address", mailbox.address)).build();
    }

    /** The object's properties in {@code select} (comma-separated; null or empty: all), its id always. */
    private static JsonObject selected(JsonObject object, String select) {
        if (select == null || select.isBlank()) {
            return object;
        }
        Set<String> wanted = new HashSet<>(List.of(select.split(",")));
        JsonObjectBuilder json = Jsons.object();
        object.forEach((name, value) -> {
            if (name.equals("id") || name.startsWith("@odata.") || wanted.contains(name)) {
                json.add(name, value);
            }
        });
        return json.build();
    }

    /**
     * One page of a calendar view's delta round. A round starts with the window ({@code startDateTime},
     * {@code endDateTime}; Graph's 400 without it) or with a delta token (the view compared with what the last
     * round handed out); its entries are fixed when it starts and handed out in pages of
     * {@code Prefer: odata.maxpagesize}, each next page behind a skip token, the last with a new delta token, every
     * token keeping the window.
     */
    private void eventDelta(HttpExchange exchange, Mailbox mailbox, String calendarId, Map<String, String> query)
            throws IOException {
        Prefs prefs = Prefs.of(exchange);
        String body = null;
        Refusal refusal = null;
        synchronized (this) {
            String token = query.containsKey("$skiptoken") ? query.get("$skiptoken") : query.get("$deltatoken");
            ViewRound known = token == null ? null : mailbox.viewTokens.get(token);
            ViewRound round = null;
            if (!mailbox.calendars.containsKey(calendarId)) {
                refusal = ITEM_NOT_FOUND;
            } else if (token == null) {
                Instant from = instant(query.get("startDateTime"));
                Instant to = instant(query.get("endDateTime"));
                if (from == null || to == null) {
                    refusal = new Refusal(400, "ErrorInvalidParameter", "This request requires a time window "
                            + "specified by the query string parameters StartDateTime and EndDateTime.");
                } else {
                    Map<String, ViewEntry> view = view(mailbox, calendarId, from, to, prefs);
                    round = new ViewRound(calendarId, from, to, view.values().stream().map(ViewEntry::json)
                            .toList(), etags(view), mailbox.seq);
                }
            } else if (known == null || !known.calendarId().equals(calendarId)) {
                refusal = new Refusal(410, "syncStateNotFound", "The sync state generation is not found. The delta "
                        + "token is expired and data must be synchronized again.");
            } else if (query.containsKey("$skiptoken")) {
                round = known;
            } else {
                round = nextRound(mailbox, known, prefs);
            }
            if (round != null) {
                int size = pageSize(exchange);
                JsonArrayBuilder value = Jsons.array();
                round.entries().subList(0, Math.min(size, round.entries().size())).forEach(value::add);
                String link = origin() + exchange.getRequestURI().getRawPath();
                String next = UUID.randomUUID().toString().replace("-", "");
                JsonObjectBuilder page = Jsons.object().add("@odata.context", graphUrl()
                        + "/$metadata#Collection(event)").add("value", value);
                boolean more = round.entries().size() > size;
                mailbox.viewTokens.put(next, new ViewRound(calendarId, round.from(), round.to(), more
                        ? List.copyOf(round.entries().subList(size, round.entries().size())) : List.of(),
                        round.seen(), round.watermark()));
                page.add(more ? "@odata.nextLink" : "@odata.deltaLink", link + (more ? "?$skiptoken="
                        : "?$deltatoken=") + next);
                body = page.build().toString();
            }
        }
        if (refusal != null) {
            refuse(exchange, refusal);
        } else {
            send(exchange, 200, "application/json; odata.metadata=minimal; charset=utf-8", body);
        }
    }

    /**
     * The round after {@code known}: the view's entries new or changed since, {@code @removed} for those it handed
     * out that are gone from the view (deleted, moved out of the window or the calendar), and, as Graph documents,
     * for events of the calendar changed outside the window since.
     */
    private ViewRound nextRound(Mailbox mailbox, ViewRound known, Prefs prefs) {
        Map<String, ViewEntry> view = view(mailbox, known.calendarId(), known.from(), known.to(), prefs);
        List<JsonObject> entries = new ArrayList<>();
        view.values().stream().filter(entry -> !entry.etag().equals(known.seen().get(entry.id())))
                .forEach(entry -> entries.add(entry.json()));
        known.seen().keySet().stream().filter(id -> !view.containsKey(id)).forEach(id -> entries.add(removed(id)));
        mailbox.events.values().stream().filter(e -> e.folderId.equals(known.calendarId()) && !e.type.equals(
                SERIES_MASTER) && e.changed > known.watermark() && !view.containsKey(e.id) && !known.seen()
                        .containsKey(e.id)).forEach(e -> entries.add(removed(e.id)));
        return new ViewRound(known.calendarId(), known.from(), known.to(), entries, etags(view), mailbox.seq);
    }

    private static JsonObject removed(String id) {
        return Jsons.object().add("@odata.type", "#microsoft.graph.event").add("id", id).add("@removed",
                Jsons.object().add("reason", "deleted")).build();
    }

    private static Map<String, String> etags(Map<String, ViewEntry> view) {
        Map<String, String> etags = new HashMap<>();
        view.forEach((id, entry) -> etags.put(id, entry.etag()));
        return etags;
    }

    /**
     * The calendar's view of the window, by start: its single events and exceptions whole, the occurrences of its
     * series bare (id, type, master, start, end: all Graph's delta gives of one), never a master.
     */
    private Map<String, ViewEntry> view(Mailbox mailbox, String calendarId, Instant from, Instant to, Prefs prefs) {
        List<ViewEntry> entries = new ArrayList<>();
        for (CalendarEvent event : mailbox.events.values()) {
            if (event.deleted || !event.folderId.equals(calendarId)) {
                continue;
            }
            if (!event.type.equals(SERIES_MASTER)) {
                if (overlaps(event.start, event.end, from, to)) {
                    entries.add(new ViewEntry(event.id, event.changeKey(), event.start, Jsons.object().add(
                            "@odata.type", "#microsoft.graph.event").addAll(eventJson(mailbox, event, prefs))
                            .build()));
                }
                continue;
            }
            Duration length = Duration.between(event.start, event.end);
            for (Instant start : occurrences(event, to)) {
                String id = occurrenceId(event.id, start);
                Instant end = start.plus(length);
                if (!event.removedOccurrences.contains(start) && !mailbox.events.containsKey(id)
                        && overlaps(start, end, from, to)) {
                    entries.add(new ViewEntry(id, event.changeKey(), start, Jsons.object().add("@odata.type",
                            "#microsoft.graph.event").add("@odata.etag", "W/\"" + event.changeKey() + "\"")
                            .add("id", id).add("seriesMasterId", event.id).add("type", OCCURRENCE)
                            .add("start", dateTime(event, start, prefs)).add("end", dateTime(event, end, prefs))
                            .build()));
                }
            }
        }
        entries.sort(Comparator.comparing(ViewEntry::start).thenComparing(ViewEntry::id));
        Map<String, ViewEntry> view = new LinkedHashMap<>();
        entries.forEach(entry -> view.put(entry.id(), entry));
        return view;
    }

    /** Whether an event from {@code start} to {@code end} is in the window, as a calendar view counts it. */
    private static boolean overlaps(Instant start, Instant end, Instant from, Instant to) {
        return start.isBefore(to) && (end.isAfter(from) || !start.isBefore(from));
    }

    /** A query's date and time: with an offset, or without one as UTC; null when missing or not one. */
    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notOne) {
                return null;
            }
        }
    }

    /** POST an event to a calendar: its fields checked as Graph does; 201 with the event as stored. */
    private void createEvent(HttpExchange exchange, Mailbox mailbox, String calendarId) throws IOException {
        JsonObject fields = Jsons.objectOrNull(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
        Prefs prefs = Prefs.of(exchange);
        Refusal refusal;
        String answer = null;
        synchronized (this) {
            CalendarFolder calendar = mailbox.calendars.get(calendarId);
            refusal = calendar == null ? ITEM_NOT_FOUND : !calendar.canEdit() ? ACCESS_DENIED : fields == null
                    ? EMPTY_BODY : null;
            if (refusal == null) {
                CalendarEvent event = newEvent(mailbox, calendarId);
                refusal = writeEvent(mailbox, event, fields, false);
                if (refusal == null) {
                    mailbox.events.put(event.id, event);
                    answer = eventEntity(mailbox, event, prefs);
                }
            }
        }
        if (refusal != null) {
            refuse(exchange, refusal);
        } else {
            send(exchange, 201, "application/json; odata.metadata=minimal; charset=utf-8", answer);
        }
    }

    /**
     * GET, PATCH (the fields given replace the event's; an occurrence becomes an exception) or DELETE of an event;
     * 404 once it is gone, 403 in a calendar the user may only read.
     */
    private void eventRequest(HttpExchange exchange, Mailbox mailbox, String method, String eventId)
            throws IOException {
        JsonObject fields = method.equals("PATCH") ? Jsons.objectOrNull(new String(exchange.getRequestBody()
                .readAllBytes(), StandardCharsets.UTF_8)) : null;
        Prefs prefs = Prefs.of(exchange);
        Refusal refusal = null;
        String answer = null;
        synchronized (this) {
            CalendarEvent event = resolve(mailbox, eventId);
            if (event == null) {
                refusal = ITEM_NOT_FOUND;
            } else if (!method.equals("GET") && !mailbox.calendars.get(event.folderId).canEdit()) {
                refusal = ACCESS_DENIED;
            } else if (method.equals("DELETE")) {
                remove(mailbox, event);
            } else if (method.equals("PATCH")) {
                refusal = fields == null ? EMPTY_BODY : change(mailbox, event, fields, false);
            }
            if (refusal == null && !method.equals("DELETE")) {
                answer = eventEntity(mailbox, resolve(mailbox, eventId), prefs);
            }
        }
        if (refusal != null) {
            refuse(exchange, refusal);
        } else if (answer == null) {
            exchange.sendResponseHeaders(204, -1);
        } else {
            send(exchange, 200, "application/json; odata.metadata=minimal; charset=utf-8", answer);
        }
    }

    private static final Refusal ACCESS_DENIED = new Refusal(403, "ErrorAccessDenied", "Access is denied. Check "
            + "credentials and try again.");

    private CalendarEvent newEvent(Mailbox mailbox, String calendarId) {
        CalendarEvent event = new CalendarEvent("AAMkAGevent" + pimIds.incrementAndGet() + "=", calendarId,
                clock.instant());
        event.fields.put("organizer", Jsons.object().add("emailAddress", Jsons.object().add("name", mailbox.address)
                .add("address", mailbox.address)).build());
        return event;
    }

    /** The event by its id: a stored one, or an occurrence its master's pattern makes; null when none (any more). */
    private static CalendarEvent resolve(Mailbox mailbox, String eventId) {
        CalendarEvent stored = mailbox.events.get(eventId);
        if (stored != null) {
            return stored.deleted ? null : stored;
        }
        int cut = eventId.lastIndexOf('_');
        CalendarEvent master = cut < 0 ? null : mailbox.events.get(eventId.substring(0, cut));
        if (master == null || master.deleted || !master.type.equals(SERIES_MASTER)) {
            return null;
        }
        Instant start;
        try {
            start = LocalDateTime.parse(eventId.substring(cut + 1), OCCURRENCE_STAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
        if (master.removedOccurrences.contains(start) || !occurrences(master, start.plusSeconds(1)).contains(start)) {
            return null;
        }
        CalendarEvent occurrence = master.copy(eventId);
        occurrence.type = OCCURRENCE;
        occurrence.seriesMasterId = master.id;
        occurrence.originalStart = start;
        occurrence.recurrence = null;
        occurrence.end = start.plus(Duration.between(master.start, master.end));
        occurrence.start = start;
        occurrence.iCalUId = master.iCalUId + OCCURRENCE_STAMP.format(start.atOffset(ZoneOffset.UTC));
        return occurrence;
    }

    private static String occurrenceId(String masterId, Instant start) {
        return masterId + "_" + OCCURRENCE_STAMP.format(start.atOffset(ZoneOffset.UTC));
    }

    /**
     * A change to a stored event or an occurrence (which becomes an exception), written to a copy that replaces
     * the event only when Graph would take it; a master whose recurrence or start changes loses its exceptions
     * and deleted occurrences, as Outlook discards them.
     */
    private Refusal change(Mailbox mailbox, CalendarEvent event, JsonObject fields, boolean outlook) {
        CalendarEvent changed = event.copy(event.id);
        if (event.type.equals(OCCURRENCE)) {
            changed.type = EXCEPTION;
        }
        Refusal refusal = writeEvent(mailbox, changed, fields, outlook);
        if (refusal != null) {
            return refusal;
        }
        if (event.type.equals(SERIES_MASTER) && (!Objects.equals(event.recurrence, changed.recurrence)
                || !event.start.equals(changed.start))) {
            mailbox.events.values().removeIf(e -> changed.id.equals(e.seriesMasterId));
            changed.removedOccurrences.clear();
        }
        mailbox.events.put(changed.id, changed);
        return null;
    }

    /** A deleted event: a master with its exceptions, an occurrence as one its master no longer makes. */
    private void remove(Mailbox mailbox, CalendarEvent event) {
        if (event.type.equals(OCCURRENCE)) {
            mailbox.events.get(event.seriesMasterId).removedOccurrences.add(event.originalStart);
            return;
        }
        event.deleted = true;
        event.changed = ++mailbox.seq;
        if (event.type.equals(SERIES_MASTER)) {
            mailbox.events.values().stream().filter(e -> event.id.equals(e.seriesMasterId)).forEach(e -> {
                e.deleted = true;
                e.changed = mailbox.seq;
            });
        }
    }

    private String eventEntity(Mailbox mailbox, CalendarEvent event, Prefs prefs) {
        return Jsons.object().add("@odata.context", graphUrl() + "/$metadata#users('" + mailbox.address
                + "')/events/$entity").addAll(eventJson(mailbox, event, prefs)).build().toString();
    }

    /**
     * The event as Graph answers it: every property, its defaults where it has none, times in the zone asked for
     * (an all-day event's days at midnight whatever the zone), the body as stored or as asked for, the recurrence
     * with Graph's placeholders in the fields its type does not use, {@code originalStart} for an occurrence or an
     * exception only.
     */
    private static JsonObjectBuilder eventJson(Mailbox mailbox, CalendarEvent event, Prefs prefs) {
        Map<String, JsonValue> fields = new HashMap<>(EVENT_DEFAULTS);
        fields.putAll(event.fields);
        String organizer = fields.get("organizer") instanceof JsonObject given && given.get("emailAddress")
                instanceof JsonObject email ? email.getString("address", "") : "";
        boolean isOrganizer = organizer.equalsIgnoreCase(mailbox.address);
        JsonObject location = fields.get("location") instanceof JsonObject given ? given : JsonValue.EMPTY_JSON_OBJECT;
        String where = location.getString("displayName", "");
        JsonObject place = Jsons.object().add("displayName", where).add("locationType", "default")
                .add("uniqueIdType", "unknown").add("address", JsonValue.EMPTY_JSON_OBJECT).add("coordinates",
                        JsonValue.EMPTY_JSON_OBJECT).build();
        JsonObject body = body(fields.get("body"), prefs);
        String text = text(body.get("content"));
        String preview = "html".equals(text(body.get("contentType"))) ? stripTags(text) : text;
        JsonObjectBuilder json = Jsons.object().add("@odata.etag", "W/\"" + event.changeKey() + "\"")
                .add("id", event.id).add("createdDateTime", event.created.toString())
                .add("lastModifiedDateTime", event.modified.toString()).add("changeKey", event.changeKey())
                .add("categories", fields.get("categories")).add("transactionId", fields.get("transactionId"))
                .add("originalStartTimeZone", event.startZone).add("originalEndTimeZone", event.endZone)
                .add("iCalUId", event.iCalUId).add("reminderMinutesBeforeStart", fields.get(
                        "reminderMinutesBeforeStart")).add("isReminderOn", fields.get("isReminderOn"))
                .add("hasAttachments", false).add("subject", fields.get("subject"))
                .add("bodyPreview", preview.substring(0, Math.min(255, preview.length())))
                .add("importance", fields.get("importance")).add("sensitivity", fields.get("sensitivity"))
                .add("isAllDay", fields.get("isAllDay")).add("isCancelled", event.cancelled)
                .add("isOrganizer", isOrganizer).add("responseRequested", fields.get("responseRequested"))
                .add("seriesMasterId", nullable(event.seriesMasterId)).add("showAs", fields.get("showAs"))
                .add("type", event.type).add("webLink", "https://outlook.office365.com/owa/?itemid="
                        + URLEncoder.encode(event.id, StandardCharsets.UTF_8) + "&exvsurl=1&path=/calendar/item")
                .add("onlineMeetingUrl", JsonValue.NULL).add("isOnlineMeeting", fields.get("isOnlineMeeting"))
                .add("onlineMeetingProvider", "unknown").add("allowNewTimeProposals", fields.get(
                        "allowNewTimeProposals")).add("isDraft", false).add("hideAttendees", fields.get(
                                "hideAttendees")).add("responseStatus", Jsons.object().add("response", isOrganizer
                                        ? "organizer" : "none").add("time", NO_TIME))
                .add("body", body).add("start", dateTime(event, event.start, prefs))
                .add("end", dateTime(event, event.end, prefs)).add("location", place)
                .add("locations", where.isEmpty() ? Jsons.array() : Jsons.array().add(place))
                .add("recurrence", event.recurrence == null ? JsonValue.NULL : recurrenceJson(event))
                .add("attendees", fields.getOrDefault("attendees", JsonValue.EMPTY_JSON_ARRAY))
                .add("organizer", fields.get("organizer"));
        if (event.originalStart != null) {
            json.add("originalStart", event.originalStart.toString());
        }
        return json;
    }

    /** The body as stored, or in the content type asked for: HTML as its text, text as HTML. */
    private static JsonObject body(JsonValue stored, Prefs prefs) {
        JsonObject body = stored instanceof JsonObject given ? given : Jsons.object().add("contentType", "html")
                .add("content", "").build();
        String type = text(body.get("contentType"));
        String content = text(body.get("content"));
        if (prefs.text() == null || prefs.text() == type.equals("text")) {
            return body;
        }
        return Jsons.object().add("contentType", prefs.text() ? "text" : "html").add("content", prefs.text()
                ? stripTags(content) : "<html><body>" + content.replace("&", "&amp;").replace("<", "&lt;")
                        .replace(">", "&gt;") + "</body></html>").build();
    }

    private static String stripTags(String html) {
        return html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .strip();
    }

    /** A {@code dateTimeTimeZone} of the event: in the zone asked for; an all-day event's day at midnight. */
    private static JsonObject dateTime(CalendarEvent event, Instant at, Prefs prefs) {
        LocalDateTime local = event.allDay() ? at.atZone(zoneOf(event.startZone)).toLocalDate().atStartOfDay()
                : LocalDateTime.ofInstant(at, prefs.zone());
        return Jsons.object().add("dateTime", GRAPH_DATE_TIME.format(local)).add("timeZone", prefs.zoneName())
                .build();
    }

    /** The recurrence as Graph answers it: every field, its placeholders ({@code 0}, {@code first} …) included. */
    private static JsonObject recurrenceJson(CalendarEvent event) {
        JsonObject pattern = event.recurrence.getJsonObject("pattern");
        JsonObject range = event.recurrence.getJsonObject("range");
        return Jsons.object().add("pattern", Jsons.object().add("type", pattern.getString("type"))
                .add("interval", pattern.getInt("interval")).add("month", pattern.getInt("month", 0))
                .add("dayOfMonth", pattern.getInt("dayOfMonth", 0)).add("daysOfWeek", pattern.containsKey(
                        "daysOfWeek") ? pattern.get("daysOfWeek") : JsonValue.EMPTY_JSON_ARRAY)
                .add("firstDayOfWeek", pattern.getString("firstDayOfWeek", "sunday"))
                .add("index", pattern.getString("index", "first"))).add("range", Jsons.object()
                        .add("type", range.getString("type")).add("startDate", range.getString("startDate"))
                        .add("endDate", range.getString("endDate", "0001-01-01"))
                        .add("recurrenceTimeZone", range.getString("recurrenceTimeZone", event.startZone))
                        .add("numberOfOccurrences", range.getInt("numberOfOccurrences", 0))).build();
    }

    /**
     * Checked fields written to the event as Graph writes them, then the event checked whole (its start and end,
     * an all-day event's midnights, a series' first day): the refusal, or null with a new change key. A client's
     * attendees keep the answers they gave, new ones have none; Outlook's ({@code outlook}) come with theirs, and
     * Outlook may name the organizer.
     */
    private Refusal writeEvent(Mailbox mailbox, CalendarEvent event, JsonObject fields, boolean outlook) {
        Refusal refusal = eventRefusal(fields, outlook);
        if (refusal != null) {
            return refusal;
        }
        for (Map.Entry<String, JsonValue> field : fields.entrySet()) {
            String name = field.getKey();
            JsonValue value = field.getValue();
            if (name.startsWith("@odata.") || EVENT_READ_ONLY.contains(name) && !(outlook && name.equals(
                    "organizer"))) {
                continue;
            }
            switch (name) {
                case "start" -> {
                    event.start = zonedInstant(value.asJsonObject());
                    event.startZone = value.asJsonObject().getString("timeZone");
                }
                case "end" -> {
                    event.end = zonedInstant(value.asJsonObject());
                    event.endZone = value.asJsonObject().getString("timeZone");
                }
                case "recurrence" -> event.recurrence = value == JsonValue.NULL ? null : value.asJsonObject();
                case "attendees" -> event.fields.put(name, attendees(event, value.asJsonArray(), outlook));
                default -> {
                    if (value == JsonValue.NULL) {
                        event.fields.remove(name);
                    } else {
                        event.fields.put(name, value);
                    }
                }
            }
        }
        refusal = wholeEventRefusal(event);
        if (refusal != null) {
            return refusal;
        }
        if (event.recurrence != null) {
            event.type = SERIES_MASTER;
        } else if (event.type.equals(SERIES_MASTER)) {
            event.type = SINGLE_INSTANCE;
        }
        event.changed = ++mailbox.seq;
        event.modified = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return null;
    }

    /** The attendees as written: their answers kept by address, a new one's none (Outlook's as given). */
    private static JsonArray attendees(CalendarEvent event, JsonArray given, boolean outlook) {
        Map<String, JsonValue> answers = new HashMap<>();
        if (event.fields.get("attendees") instanceof JsonArray known) {
            for (JsonValue attendee : known) {
                answers.put(address(attendee), attendee.asJsonObject().get("status"));
            }
        }
        JsonArrayBuilder attendees = Jsons.array();
        for (JsonValue value : given) {
            JsonObject attendee = value.asJsonObject();
            JsonObject email = attendee.getJsonObject("emailAddress");
            JsonValue status = outlook && attendee.get("status") instanceof JsonObject stated ? Jsons.object()
                    .add("response", stated.getString("response", "none")).add("time", stated.getString("time",
                            NO_TIME)).build() : answers.getOrDefault(address(value), Jsons.object().add("response",
                                    "none").add("time", NO_TIME).build());
            attendees.add(Jsons.object().add("type", attendee.getString("type", "required")).add("status", status)
                    .add("emailAddress", Jsons.object().add("name", email.getString("name", email.getString(
                            "address"))).add("address", email.getString("address"))));
        }
        return attendees.build();
    }

    private static String address(JsonValue attendee) {
        return attendee.asJsonObject().getJsonObject("emailAddress").getString("address", "").toLowerCase(
                Locale.ROOT);
    }

    /** Why Graph refuses these event fields (an unknown property, a value of the wrong kind), or null. */
    private static Refusal eventRefusal(JsonObject fields, boolean outlook) {
        for (Map.Entry<String, JsonValue> field : fields.entrySet()) {
            String name = field.getKey();
            JsonValue value = field.getValue();
            Refusal refusal;
            if (name.startsWith("@odata.") || EVENT_READ_ONLY.contains(name) && !(outlook && name.equals(
                    "organizer"))) {
                refusal = null;
            } else if (name.equals("subject") || name.equals("transactionId")) {
                refusal = value instanceof JsonString || value == JsonValue.NULL ? null : invalid(name);
            } else if (EVENT_BOOLEANS.contains(name)) {
                refusal = value == JsonValue.TRUE || value == JsonValue.FALSE ? null : invalid(name);
            } else if (EVENT_ENUMS.containsKey(name)) {
                refusal = literal(value, EVENT_ENUMS.get(name), name);
            } else if (name.equals("reminderMinutesBeforeStart")) {
                refusal = value instanceof JsonNumber minutes && minutes.isIntegral() && minutes.intValue() >= 0
                        ? null : invalid(name);
            } else if (name.equals("body")) {
                refusal = value instanceof JsonObject body && body.get("content") instanceof JsonString
                        ? literal(body.getOrDefault("contentType", Jsons.string("text")), Set.of("text", "html"),
                                "bodyType") : invalid(name);
            } else if (name.equals("start") || name.equals("end")) {
                refusal = dateTimeRefusal(value, name);
            } else if (name.equals("location") || name.equals("organizer")) {
                refusal = value instanceof JsonObject || value == JsonValue.NULL ? null : invalid(name);
            } else if (name.equals("categories")) {
                refusal = value instanceof JsonArray list && list.stream().allMatch(JsonString.class::isInstance)
                        ? null : invalid(name);
            } else if (name.equals("attendees")) {
                refusal = attendeesRefusal(value);
            } else if (name.equals("recurrence")) {
                refusal = value == JsonValue.NULL ? null : recurrenceRefusal(value);
            } else {
                refusal = new Refusal(400, "RequestBodyRead", "The property '" + name + "' does not exist on type "
                        + "'microsoft.graph.event'. Make sure to only use property names that are defined by the "
                        + "type or mark the type as open type.");
            }
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    private static Refusal attendeesRefusal(JsonValue value) {
        if (!(value instanceof JsonArray attendees)) {
            return invalid("attendees");
        }
        for (JsonValue item : attendees) {
            if (!(item instanceof JsonObject attendee) || !(attendee.get("emailAddress") instanceof JsonObject email)
                    || !(email.get("address") instanceof JsonString)) {
                return invalid("attendees");
            }
            Refusal type = literal(attendee.getOrDefault("type", Jsons.string("required")), Set.of("required",
                    "optional", "resource"), "attendeeType");
            if (type != null) {
                return type;
            }
            if (attendee.get("status") instanceof JsonObject status && status.containsKey("response")) {
                Refusal response = literal(status.get("response"), Set.of("none", "organizer", "tentativelyAccepted",
                        "accepted", "declined", "notResponded"), "responseType");
                if (response != null) {
                    return response;
                }
            }
        }
        return null;
    }

    /**
     * Why Graph refuses the recurrence: a type it does not know, or a field a pattern or range needs missing or
     * with a value it does not take ("Any property that you include that does not have a supported value would
     * result in an error"); null when none.
     */
    private static Refusal recurrenceRefusal(JsonValue value) {
        if (!(value instanceof JsonObject recurrence) || !(recurrence.get("pattern") instanceof JsonObject pattern)
                || !(recurrence.get("range") instanceof JsonObject range)) {
            return invalid("recurrence");
        }
        Refusal refusal = literal(pattern.get("type"), PATTERN_TYPES, "recurrencePatternType");
        if (refusal == null) {
            refusal = literal(range.get("type"), RANGE_TYPES, "recurrenceRangeType");
        }
        if (refusal == null && pattern.containsKey("index")) {
            refusal = literal(pattern.get("index"), Set.copyOf(INDEXES), "weekIndex");
        }
        if (refusal == null && pattern.containsKey("firstDayOfWeek")) {
            refusal = literal(pattern.get("firstDayOfWeek"), DAYS, "dayOfWeek");
        }
        if (refusal == null && pattern.get("daysOfWeek") instanceof JsonArray days) {
            for (JsonValue day : days) {
                refusal = refusal == null ? literal(day, DAYS, "dayOfWeek") : refusal;
            }
        }
        if (refusal != null) {
            return refusal;
        }
        String type = pattern.getString("type");
        String rangeType = range.getString("type");
        String problem = null;
        if (!(pattern.get("interval") instanceof JsonNumber interval) || interval.intValue() < 1) {
            problem = "The recurrence pattern needs an interval of at least 1.";
        } else if ((type.equals("weekly") || type.startsWith("relative")) && (!(pattern.get("daysOfWeek")
                instanceof JsonArray days) || days.isEmpty())) {
            problem = "A " + type + " recurrence pattern needs its daysOfWeek.";
        } else if (type.startsWith("absolute") && !number(pattern, "dayOfMonth", 1, 31)
                || pattern.containsKey("dayOfMonth") && !number(pattern, "dayOfMonth", 1, 31)) {
            problem = "The recurrence pattern's dayOfMonth must be from 1 to 31.";
        } else if (type.endsWith("Yearly") && !number(pattern, "month", 1, 12)
                || pattern.containsKey("month") && !number(pattern, "month", 1, 12)) {
            problem = "The recurrence pattern's month must be from 1 to 12.";
        } else if (date(range, "startDate") == null) {
            problem = "The recurrence range needs its startDate.";
        } else if (rangeType.equals("endDate") && (date(range, "endDate") == null || date(range, "endDate")
                .isBefore(date(range, "startDate")))) {
            problem = "The recurrence range needs an endDate on or after its startDate.";
        } else if (rangeType.equals("numbered") && !number(range, "numberOfOccurrences", 1, 999)) {
            problem = "The recurrence range needs a numberOfOccurrences from 1 to 999.";
        } else if (range.get("recurrenceTimeZone") instanceof JsonString zone && zoneOf(zone.getString()) == null) {
            return zoneRefusal(zone.getString());
        }
        return problem == null ? null : new Refusal(400, "ErrorPropertyValidationFailure", problem);
    }

    private static boolean number(JsonObject object, String key, int min, int max) {
        return object.get(key) instanceof JsonNumber number && number.isIntegral() && number.intValue() >= min
                && number.intValue() <= max;
    }

    private static LocalDate date(JsonObject object, String key) {
        try {
            return object.get(key) instanceof JsonString value ? LocalDate.parse(value.getString()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Why Graph refuses the event once written: no start or end, an end before the start, an all-day event whose
     * times are not midnights, a recurrence on an occurrence or exception, or a range that does not start on the
     * event's first day ("Must be the same value as the start property of the recurring event"); null when none.
     */
    private static Refusal wholeEventRefusal(CalendarEvent event) {
        String problem = null;
        if (event.start == null || event.end == null) {
            problem = "An event needs its start and end.";
        } else if (event.end.isBefore(event.start)) {
            problem = "The event's end is before its start.";
        } else if (event.allDay() && (!midnight(event.start, event.startZone) || !midnight(event.end,
                event.endZone) || !event.end.isAfter(event.start))) {
            problem = "An all-day event starts and ends at midnight.";
        } else if (event.recurrence != null && (event.type.equals(OCCURRENCE) || event.type.equals(EXCEPTION))) {
            problem = "An occurrence of a series has no recurrence of its own.";
        } else if (event.recurrence != null && !LocalDate.parse(event.recurrence.getJsonObject("range").getString(
                "startDate")).equals(event.start.atZone(zoneOf(event.startZone)).toLocalDate())) {
            problem = "The recurrence range's startDate is not the day the event starts.";
        }
        return problem == null ? null : new Refusal(400, "ErrorPropertyValidationFailure", problem);
    }

    private static boolean midnight(Instant at, String zone) {
        return at.atZone(zoneOf(zone)).toLocalTime().equals(LocalTime.MIDNIGHT);
    }

    /** Why Graph refuses a {@code dateTimeTimeZone} (not a date and time, a zone it does not know), or null. */
    private static Refusal dateTimeRefusal(JsonValue value, String name) {
        if (!(value instanceof JsonObject time) || !(time.get("dateTime") instanceof JsonString dateTime)
                || !(time.get("timeZone") instanceof JsonString zone)) {
            return invalid(name);
        }
        try {
            LocalDateTime.parse(dateTime.getString());
        } catch (DateTimeParseException e) {
            return invalid(name);
        }
        return zoneOf(zone.getString()) == null ? zoneRefusal(zone.getString()) : null;
    }

    private static Refusal zoneRefusal(String zone) {
        return new Refusal(400, "TimeZoneNotSupportedException", "A valid TimeZone value must be specified. The "
                + "following TimeZone value is not supported: '" + zone + "'.");
    }

    private static Instant zonedInstant(JsonObject time) {
        return LocalDateTime.parse(time.getString("dateTime")).atZone(zoneOf(time.getString("timeZone")))
                .toInstant();
    }

    /** A zone by Graph's name for it: UTC, an IANA name, or one of the Windows names the fake knows; else null. */
    private static ZoneId zoneOf(String name) {
        if (name == null || name.equalsIgnoreCase("UTC")) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(WINDOWS_ZONES.getOrDefault(name, name));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Refusal invalid(String name) {
        return new Refusal(400, "RequestBodyRead", "Invalid value for the property '" + name + "'.");
    }

    /** OData's refusal of a value that is not one of an enumeration's. */
    private static Refusal literal(JsonValue value, Set<String> allowed, String type) {
        if (value instanceof JsonString literal && allowed.contains(literal.getString())) {
            return null;
        }
        return new Refusal(400, "RequestBodyRead", "Cannot convert the literal '" + (value instanceof JsonString
                literal ? literal.getString() : String.valueOf(value)) + "' to the expected type 'microsoft.graph."
                + type + "'.");
    }

    /**
     * The starts of the series' occurrences before {@code until}, as its pattern and range make them: at the
     * master's time of day in its zone, on the days the pattern gives from the range's first day, up to its last
     * day or number.
     */
    private static List<Instant> occurrences(CalendarEvent master, Instant until) {
        JsonObject pattern = master.recurrence.getJsonObject("pattern");
        JsonObject range = master.recurrence.getJsonObject("range");
        ZoneId zone = zoneOf(master.startZone);
        LocalTime time = master.start.atZone(zone).toLocalTime();
        LocalDate first = LocalDate.parse(range.getString("startDate"));
        String rangeType = range.getString("type");
        LocalDate last = rangeType.equals("endDate") ? LocalDate.parse(range.getString("endDate")) : LocalDate.MAX;
        int count = rangeType.equals("numbered") ? range.getInt("numberOfOccurrences") : Integer.MAX_VALUE;
        int interval = pattern.getInt("interval");
        List<Instant> starts = new ArrayList<>();
        for (int period = 0; period < MAX_PERIODS; period++) {
            for (LocalDate day : days(pattern, first, period * interval)) {
                if (day.isBefore(first)) {
                    continue;
                }
                Instant start = ZonedDateTime.of(day, time, zone).toInstant();
                if (day.isAfter(last) || !start.isBefore(until) || starts.size() >= count) {
                    return starts;
                }
                starts.add(start);
            }
        }
        return starts;
    }

    /** The pattern's days in the period {@code offset} units (days, weeks, months, years) after the first one. */
    private static List<LocalDate> days(JsonObject pattern, LocalDate first, int offset) {
        String type = pattern.getString("type");
        Set<DayOfWeek> weekdays = new HashSet<>();
        if (pattern.get("daysOfWeek") instanceof JsonArray days) {
            days.getValuesAs(JsonString::getString).forEach(day -> weekdays.add(DayOfWeek.valueOf(day.toUpperCase(
                    Locale.ROOT))));
        }
        int dayOfMonth = pattern.getInt("dayOfMonth", 1);
        switch (type) {
            case "daily" -> {
                return List.of(first.plusDays(offset));
            }
            case "weekly" -> {
                LocalDate week = first.with(TemporalAdjusters.previousOrSame(DayOfWeek.valueOf(pattern.getString(
                        "firstDayOfWeek", "sunday").toUpperCase(Locale.ROOT)))).plusWeeks(offset);
                List<LocalDate> found = new ArrayList<>();
                for (int i = 0; i < 7; i++) {
                    if (weekdays.contains(week.plusDays(i).getDayOfWeek())) {
                        found.add(week.plusDays(i));
                    }
                }
                return found;
            }
            case "absoluteMonthly" -> {
                YearMonth month = YearMonth.from(first).plusMonths(offset);
                return List.of(month.atDay(Math.min(dayOfMonth, month.lengthOfMonth())));
            }
            case "relativeMonthly" -> {
                return relative(YearMonth.from(first).plusMonths(offset), weekdays, pattern.getString("index",
                        "first"));
            }
            case "absoluteYearly" -> {
                YearMonth month = YearMonth.of(first.getYear() + offset, pattern.getInt("month"));
                return List.of(month.atDay(Math.min(dayOfMonth, month.lengthOfMonth())));
            }
            default -> {
                return relative(YearMonth.of(first.getYear() + offset, pattern.getInt("month")), weekdays,
                        pattern.getString("index", "first"));
            }
        }
    }

    /**
     * The {@code index} (first … fourth, last) of the days of the month that fall on one of the weekdays: with
     * Monday to Friday and {@code last}, the month's last working day. This is Outlook's "the last weekday of the
     * month" (MS-OXOCAL's month-nth pattern: the n-th day matching the day mask), which Graph stores as these
     * weekdays with that index.
     */
    private static List<LocalDate> relative(YearMonth month, Set<DayOfWeek> weekdays, String index) {
        int nth = INDEXES.indexOf(index);
        List<LocalDate> matching = new ArrayList<>();
        for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
            if (weekdays.contains(day.getDayOfWeek())) {
                matching.add(day);
            }
        }
        if (matching.isEmpty()) {
            return List.of();
        }
        return List.of(nth == 4 ? matching.get(matching.size() - 1) : matching.get(nth));
    }

    // ---- EA-01, EA-02: Microsoft To Do

    private static final Set<String> TASK_DATES = Set.of("dueDateTime", "startDateTime", "reminderDateTime",
            "completedDateTime");
    private static final Set<String> TASK_READ_ONLY = Set.of("id", "createdDateTime", "lastModifiedDateTime",
            "bodyLastModifiedDateTime", "hasAttachments");

    private void taskLists(HttpExchange exchange, Mailbox mailbox, Map<String, String> query) throws IOException {
        String body;
        synchronized (this) {
            body = listing(exchange, query, mailbox.taskLists.values().stream().map(list -> Jsons.object()
                    .add("@odata.etag", "W/\"" + Base64.getEncoder().encodeToString(list.id().getBytes(
                            StandardCharsets.US_ASCII)) + "\"").add("displayName", list.displayName())
                    .add("isOwner", list.isOwner()).add("isShared", !list.isOwner())
                    .add("wellknownListName", list.wellknownListName()).add("id", list.id()).build()).toList(),
                    "users('" + mailbox.address + "')/todo/lists");
        }
        send(exchange, 200, "application/json; odata.metadata=minimal; charset=utf-8", body);
    }

    private void taskDelta(HttpExchange exchange, Mailbox mailbox, String listId, Map<String, String> query)
            throws IOException {
        boolean known;
        synchronized (this) {
            known = mailbox.taskLists.containsKey(listId);
        }
        if (!known) {
            refuse(exchange, ITEM_NOT_FOUND);
            return;
        }
        delta(exchange, mailbox, listId, query, mailbox.tasks.values(), "todoTask",
                (task, select) -> taskJson((Task) task, select));
    }

    /** POST a task to a list: its fields checked as Graph does; 201 with the task as stored. */
    private void createTask(HttpExchange exchange, Mailbox mailbox, String listId) throws IOException {
        JsonObject fields = Jsons.objectOrNull(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
        Refusal refusal;
        String answer = null;
        synchronized (this) {
            refusal = !mailbox.taskLists.containsKey(listId) ? ITEM_NOT_FOUND : fields == null ? EMPTY_BODY
                    : taskRefusal(fields);
            if (refusal == null) {
                Task task = new Task("AAMkAGtask" + pimIds.incrementAndGet() + "=", listId, clock.instant());
                apply(mailbox, task, fields);
                mailbox.tasks.put(task.id, task);
                answer = taskEntity(mailbox, task);
            }
        }
        if (refusal != null) {
            refuse(exchange, refusal);
        } else {
            send(exchange, 201, "application/json; odata.metadata=minimal; charset=utf-8", answer);
        }
    }

    /** GET, PATCH (the fields given replace the task's) or DELETE of a task of the list; 404 once it is gone. */
    private void taskRequest(HttpExchange exchange, Mailbox mailbox, String method, String listId, String taskId)
            throws IOException {
        JsonObject fields = method.equals("PATCH") ? Jsons.objectOrNull(new String(exchange.getRequestBody()
                .readAllBytes(), StandardCharsets.UTF_8)) : null;
        Refusal refusal = null;
        String answer = null;
        synchronized (this) {
            Task task = mailbox.tasks.get(taskId);
            if (task == null || task.deleted || !task.folderId.equals(listId)) {
                refusal = ITEM_NOT_FOUND;
            } else if (method.equals("DELETE")) {
                task.deleted = true;
                task.changed = ++mailbox.seq;
            } else if (method.equals("PATCH")) {
                refusal = fields == null ? EMPTY_BODY : taskRefusal(fields);
                if (refusal == null) {
                    apply(mailbox, task, fields);
                }
            }
            if (refusal == null && !method.equals("DELETE")) {
                answer = taskEntity(mailbox, task);
            }
        }
        if (refusal != null) {
            refuse(exchange, refusal);
        } else if (answer == null) {
            exchange.sendResponseHeaders(204, -1);
        } else {
            send(exchange, 200, "application/json; odata.metadata=minimal; charset=utf-8", answer);
        }
    }

    private String taskEntity(Mailbox mailbox, Task task) {
        return Jsons.object().add("@odata.context", graphUrl() + "/$metadata#users('" + mailbox.address
                + "')/todo/lists('" + task.folderId + "')/tasks/$entity").addAll(taskJson(task, null)).build()
                .toString();
    }

    /**
     * The task as Graph answers it: its etag, its properties with their defaults, its dates only where it has
     * them; or the properties of {@code select} with its id and etag.
     */
    private static JsonObjectBuilder taskJson(Task task, String select) {
        Map<String, JsonValue> properties = new LinkedHashMap<>();
        properties.put("importance", task.fields.getOrDefault("importance", Jsons.string("normal")));
        properties.put("isReminderOn", task.fields.getOrDefault("isReminderOn", JsonValue.FALSE));
        properties.put("status", task.fields.getOrDefault("status", Jsons.string("notStarted")));
        properties.put("title", task.fields.getOrDefault("title", Jsons.string("")));
        properties.put("createdDateTime", Jsons.string(task.created.toString()));
        properties.put("lastModifiedDateTime", Jsons.string(task.modified.toString()));
        properties.put("hasAttachments", JsonValue.FALSE);
        properties.put("categories", task.fields.getOrDefault("categories", JsonValue.EMPTY_JSON_ARRAY));
        properties.put("body", task.fields.getOrDefault("body", Jsons.object().add("content", "")
                .add("contentType", "text").build()));
        TASK_DATES.stream().sorted().filter(task.fields::containsKey).forEach(name -> properties.put(name,
                task.fields.get(name)));
        return Jsons.object(selected(Jsons.object().add("@odata.etag", task.etag()).add("id", task.id)
                .addAll(objectOf(properties)).build(), select));
    }

    private static JsonObjectBuilder objectOf(Map<String, JsonValue> properties) {
        JsonObjectBuilder json = Jsons.object();
        properties.forEach(json::add);
        return json;
    }

    /** Why Graph refuses these task fields (an unknown property, a value of the wrong kind), or null. */
    private static Refusal taskRefusal(JsonObject fields) {
        for (Map.Entry<String, JsonValue> field : fields.entrySet()) {
            String name = field.getKey();
            JsonValue value = field.getValue();
            Refusal refusal;
            if (name.startsWith("@odata.") || TASK_READ_ONLY.contains(name)) {
                refusal = null;
            } else if (name.equals("title")) {
                refusal = value instanceof JsonString || value == JsonValue.NULL ? null : invalid(name);
            } else if (name.equals("isReminderOn")) {
                refusal = value == JsonValue.TRUE || value == JsonValue.FALSE ? null : invalid(name);
            } else if (name.equals("importance")) {
                refusal = literal(value, Set.of("low", "normal", "high"), "importance");
            } else if (name.equals("status")) {
                refusal = literal(value, Set.of("notStarted", "inProgress", "completed", "waitingOnOthers",
                        "deferred"), "taskStatus");
            } else if (name.equals("body")) {
                refusal = value instanceof JsonObject body && body.get("content") instanceof JsonString
                        ? literal(body.getOrDefault("contentType", Jsons.string("text")), Set.of("text", "html"),
                                "bodyType") : invalid(name);
            } else if (name.equals("categories")) {
                refusal = value instanceof JsonArray list && list.stream().allMatch(JsonString.class::isInstance)
                        ? null : invalid(name);
            } else if (TASK_DATES.contains(name)) {
                refusal = value == JsonValue.NULL ? null : dateTimeRefusal(value, name);
            } else {
                refusal = new Refusal(400, "RequestBodyRead", "The property '" + name + "' does not exist on type "
                        + "'microsoft.graph.todoTask'. Make sure to only use property names that are defined by the "
                        + "type or mark the type as open type.");
            }
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    /**
     * Checked fields written as To Do writes them: a null clears; a time is kept as its instant, in UTC, the zone
     * it was given in forgotten, and a due date as the instant its day began in that zone (To Do answers its times
     * in UTC whatever {@code Prefer} asks, as issue reports show: a day set at UTC-10 for 2024-10-24 reads
     * 2024-10-24T10:00 UTC); a completed task gets its completion time, another loses it. A new etag and
     * modification time.
     */
    private void apply(Mailbox mailbox, Task task, JsonObject fields) {
        for (Map.Entry<String, JsonValue> field : fields.entrySet()) {
            String name = field.getKey();
            JsonValue value = field.getValue();
            if (name.startsWith("@odata.") || TASK_READ_ONLY.contains(name)) {
                continue;
            }
            if (value == JsonValue.NULL) {
                task.fields.remove(name);
            } else if (TASK_DATES.contains(name)) {
                LocalDateTime local = LocalDateTime.parse(value.asJsonObject().getString("dateTime"));
                Instant at = (name.equals("dueDateTime") ? local.toLocalDate().atStartOfDay() : local).atZone(
                        zoneOf(value.asJsonObject().getString("timeZone"))).toInstant();
                task.fields.put(name, Jsons.object().add("dateTime", GRAPH_DATE_TIME.format(LocalDateTime.ofInstant(
                        at, ZoneOffset.UTC))).add("timeZone", "UTC").build());
            } else {
                task.fields.put(name, value);
            }
        }
        if (!"completed".equals(text(task.fields.get("status")))) {
            task.fields.remove("completedDateTime");
        } else if (!task.fields.containsKey("completedDateTime")) {
            task.fields.put("completedDateTime", Jsons.object().add("dateTime", GRAPH_DATE_TIME.format(
                    LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))).add("timeZone", "UTC").build());
        }
        task.changed = ++mailbox.seq;
        task.modified = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    // ---- MP-11: subscriptions and notifications

    private void subscriptions(HttpExchange exchange, String user, List<String> segments) throws IOException {
        String method = exchange.getRequestMethod();
        JsonObject request = Jsons.objectOrNull(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
        String id = segments.size() == 2 ? URLDecoder.decode(segments.get(1), StandardCharsets.UTF_8) : null;
        if (id == null && method.equals("POST")) {
            subscribe(exchange, user, request);
        } else if (id != null && method.equals("PATCH")) {
            renew(exchange, user, id, request);
        } else if (id != null && method.equals("DELETE")) {
            boolean deleted;
            synchronized (this) {
                deleted = live(id, user) != null && subscriptions.remove(id) != null;
            }
            if (deleted) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                refuse(exchange, NOT_FOUND);
            }
        } else {
            graphError(exchange, 400, "BadRequest", "Resource not found for the segment '" + String.join("/",
                    segments) + "'.");
        }
    }

    /**
     * POST /subscriptions: the request checked as Graph does (resource, mailbox, expiry), then the notification and
     * lifecycle URLs validated with Graph's handshake, outside the lock, then the subscription kept: 201.
     */
    private void subscribe(HttpExchange exchange, String user, JsonObject request) throws IOException {
        String resource = request == null ? null : MicrosoftHttp.text(request, "resource");
        String notificationUrl = request == null ? null : MicrosoftHttp.text(request, "notificationUrl");
        String lifecycleUrl = request == null ? null : MicrosoftHttp.text(request, "lifecycleNotificationUrl");
        String changeType = request == null ? null : MicrosoftHttp.text(request, "changeType");
        String clientState = request == null ? null : MicrosoftHttp.text(request, "clientState");
        OffsetDateTime expiresAt = request == null ? null
                : MicrosoftHttp.time(MicrosoftHttp.text(request, "expirationDateTime"));
        Matcher folder = FOLDER_RESOURCE.matcher(resource == null ? "" : resource);
        Matcher whole = MAILBOX_RESOURCE.matcher(resource == null ? "" : resource);
        boolean inFolder = folder.matches();
        Refusal refusal = null;
        String owner = null;
        String folderId = null;
        synchronized (this) {
            if (resource != null) {
                requestedResources.add(resource);
            }
            if (notificationUrl == null || changeType == null || expiresAt == null || !inFolder && !whole.matches()) {
                refusal = new Refusal(400, "InvalidRequest", "Invalid subscription: a supported resource, "
                        + "changeType, notificationUrl and expirationDateTime are required.");
            } else {
                String address = inFolder ? folder.group(1) : whole.group(1);
                owner = address == null ? user : key(address);
                Mailbox mailbox = mailboxes.get(owner);
                folderId = mailbox == null || !inFolder ? null : folderId(mailbox, folder.group(2) != null
                        ? folder.group(2).replace("''", "'") : folder.group(3));
                if (mailbox == null) {
                    refusal = new Refusal(404, "ErrorInvalidUser", "The requested user '" + owner + "' is invalid.");
                } else if (!owner.equals(user)) {
                    // Delegated tokens subscribe to the signed-in user's mailbox only; the .Shared scopes do not
                    // cover change notifications (Microsoft's Outlook change notification documentation).
                    refusal = extensionError("Create", 403, "Forbidden", "Access is denied. Check credentials and "
                            + "try again.");
                } else if (inFolder && folderId == null) {
                    refusal = new Refusal(404, "ErrorItemNotFound", "The specified object was not found in the "
                            + "store.");
                } else if (clientState != null && clientState.length() > 255) {
                    refusal = new Refusal(400, "InvalidRequest", "clientState is longer than 255 characters.");
                } else {
                    refusal = expiryRefusal(expiresAt, "Create");
                }
            }
        }
        if (refusal == null) {
            refusal = validate(notificationUrl);
        }
        if (refusal == null && lifecycleUrl != null) {
            refusal = validate(lifecycleUrl);
        }
        if (refusal != null) {
            refuse(exchange, refusal);
            return;
        }
        StoredSubscription stored = new StoredSubscription(UUID.randomUUID().toString(), resource, changeType,
                clientState, expiresAt, notificationUrl, lifecycleUrl);
        String answer;
        synchronized (this) {
            subscriptions.put(stored.id(), new Subscription(stored, owner, folderId, user));
            answer = subscriptionJson(stored, user);
        }
        send(exchange, 201, "application/json", answer);
    }

    /** PATCH /subscriptions/{id}: a new expiry within Graph's limit for a live subscription of the token's user. */
    private void renew(HttpExchange exchange, String user, String id, JsonObject request) throws IOException {
        OffsetDateTime expiresAt = request == null ? null
                : MicrosoftHttp.time(MicrosoftHttp.text(request, "expirationDateTime"));
        Refusal refusal;
        String answer = null;
        synchronized (this) {
            Subscription subscription = live(id, user);
            if (subscription == null) {
                refusal = NOT_FOUND;
            } else if (expiresAt == null) {
                refusal = new Refusal(400, "InvalidRequest", "Subscription must contain either the "
                        + "'expirationDateTime' or 'notificationUrl' property and its value.");
            } else {
                refusal = expiryRefusal(expiresAt, "Update");
            }
            if (refusal == null) {
                StoredSubscription old = subscription.stored();
                StoredSubscription renewed = new StoredSubscription(id, old.resource(), old.changeType(),
                        old.clientState(), expiresAt, old.notificationUrl(), old.lifecycleNotificationUrl());
                subscriptions.put(id, new Subscription(renewed, subscription.owner(), subscription.folderId(),
                        subscription.creator()));
                answer = subscriptionJson(renewed, user);
            }
        }
        if (refusal != null) {
            refuse(exchange, refusal);
        } else {
            send(exchange, 200, "application/json", answer);
        }
    }

    /** The subscription when it exists, has not expired and belongs to the token's user; null as Graph's 404. */
    private Subscription live(String id, String user) {
        Subscription subscription = subscriptions.get(id);
        return subscription == null || !subscription.creator().equals(user)
                || !subscription.stored().expiresAt().toInstant().isAfter(clock.instant()) ? null : subscription;
    }

    private Refusal expiryRefusal(OffsetDateTime expiresAt, String operation) {
        Instant now = clock.instant();
        if (expiresAt.toInstant().isAfter(now.plus(MAX_SUBSCRIPTION))) {
            return new Refusal(400, "ExtensionError", "Subscription expiration can only be "
                    + MAX_SUBSCRIPTION.toMinutes() + " minutes in the future.");
        }
        return expiresAt.toInstant().isAfter(now) ? null : extensionError(operation, 400, "BadRequest",
                "Expiration time '" + expiresAt + "' is in the past.");
    }

    /** The shape of Graph's subscription errors: {@code ExtensionError}, the operation and the inner status. */
    private static Refusal extensionError(String operation, int status, String statusName, String reason) {
        return new Refusal(status, "ExtensionError", "Operation: " + operation + "; Exception: [Status Code: "
                + statusName + "; Reason: " + reason + "]");
    }

    /** A folder named by its id or by its well-known name ({@code 'Inbox'}), or null. */
    private static String folderId(Mailbox mailbox, String name) {
        return mailbox.folders.values().stream().filter(f -> f.id().equals(name) || name.equalsIgnoreCase(
                f.wellKnownName())).map(Folder::id).findFirst().orElse(null);
    }

    /**
     * Graph's validation of a notification or lifecycle URL: a POST to it with {@code validationToken}, the token
     * URL-encoded, as {@code text/plain} and with an empty body; it must answer 200 with the token, decoded, as
     * {@code text/plain} within 10 seconds. Null when it did.
     */
    private Refusal validate(String given) {
        String url = delivered(given);
        String token = "Validation: Testing client application reachability for subscription Request-Id: "
                + UUID.randomUUID();
        HttpResponse<String> answer;
        try {
            URI uri = URI.create(url + (url.contains("?") ? "&" : "?") + "validationToken="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8));
            answer = outbound.send(HttpRequest.newBuilder(uri).timeout(NOTIFY_TIMEOUT).header("Content-Type",
                    "text/plain; charset=utf-8").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return new Refusal(400, "ValidationError", "Subscription validation request timed out.");
        } catch (IOException | IllegalArgumentException e) {
            return NOT_ANSWERED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NOT_ANSWERED;
        }
        if (answer.statusCode() != 200) {
            return NOT_ANSWERED;
        }
        String type = answer.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("text/plain") || !token.equals(answer.body())) {
            return new Refusal(400, "InvalidRequest", "Subscription validation request failed. Response must "
                    + "exactly match validationToken query parameter.");
        }
        return null;
    }

    /**
     * MP-11: every live subscription on the message's folder (or mailbox) that asked for this change type hears of
     * it, shaped as Graph's notification without resource data.
     */
    private void notifyChange(Mailbox mailbox, Message message, String changeType) {
        for (Subscription subscription : subscriptions.values()) {
            StoredSubscription stored = subscription.stored();
            if (subscription.owner().equals(key(mailbox.address)) && (subscription.folderId() == null
                    || subscription.folderId().equals(message.folderId))
                    && Arrays.asList(stored.changeType().split(",")).contains(changeType)
                    && stored.expiresAt().toInstant().isAfter(clock.instant())) {
                post(stored.notificationUrl(), stored.id(), changeType, message.id, changeNotification(stored,
                        changeType, mailbox, message));
            }
        }
    }

    /** Graph's change notification without resource data, as its Outlook documentation shows one. */
    private static JsonObject changeNotification(StoredSubscription stored, String changeType, Mailbox mailbox,
            Message message) {
        String resource = "Users/" + userId(mailbox.address) + "/Messages/" + message.id;
        JsonObjectBuilder data = Jsons.object().add("@odata.type", "#Microsoft.Graph.Message").add("@odata.id",
                resource).add("@odata.etag", "W/\"CQAAABYAAAA" + message.changed + "\"").add("id", message.id);
        return Jsons.object().add("id", UUID.randomUUID().toString()).add("subscriptionId", stored.id())
                .add("subscriptionExpirationDateTime", iso(stored.expiresAt())).add("changeType", changeType)
                .add("resource", resource).add("resourceData", data).add("clientState", nullable(stored.clientState()))
                .add("tenantId", TENANT_ID).build();
    }

    /** One notification POSTed on the notifier's thread, its answer recorded (-1: none). */
    private void post(String url, String subscriptionId, String event, String messageId, JsonObject notification) {
        String body = Jsons.object().add("value", Jsons.array().add(notification)).build().toString();
        notifier.execute(() -> {
            int status;
            try {
                status = outbound.send(HttpRequest.newBuilder(URI.create(delivered(url))).timeout(NOTIFY_TIMEOUT)
                        .header("Content-Type", "application/json; charset=utf-8").POST(HttpRequest.BodyPublishers
                                .ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers
                                        .discarding()).statusCode();
            } catch (IOException | IllegalArgumentException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = -1;
            }
            synchronized (this) {
                deliveries.add(new Delivery(subscriptionId, event, messageId, status));
            }
        });
    }

    private String subscriptionJson(StoredSubscription stored, String creator) {
        return Jsons.object().add("@odata.context", graphUrl() + "/$metadata#subscriptions/$entity").add("id",
                stored.id()).add("resource", stored.resource()).add("applicationId", CLIENT_ID).add("changeType",
                        stored.changeType()).add("clientState", nullable(stored.clientState())).add(
                                "notificationUrl", stored.notificationUrl()).add("lifecycleNotificationUrl",
                                        nullable(stored.lifecycleNotificationUrl())).add("expirationDateTime",
                                                iso(stored.expiresAt())).add("creatorId", userId(creator))
                .add("latestSupportedTlsVersion", "v1_2").add("notificationContentType", "application/json").build()
                .toString();
    }

    private static void refuse(HttpExchange exchange, Refusal refusal) throws IOException {
        graphError(exchange, refusal.status(), refusal.code(), refusal.message());
    }

    /** The user's object id, as Graph names it in a notification's resource: stable per address. */
    private static String userId(String address) {
        return UUID.nameUUIDFromBytes(key(address).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String iso(OffsetDateTime time) {
        return time.toInstant().toString();
    }

    private static JsonValue nullable(String value) {
        return value == null ? JsonValue.NULL : Jsons.string(value);
    }

    private static List<Item> changesAfter(Collection<? extends Item> items, String folderId, long watermark) {
        return items.stream().filter(i -> i.folderId.equals(folderId) && i.changed > watermark
                && (watermark >= 0 || !i.deleted)).map(Item.class::cast).toList();
    }

    /** {@code Prefer: odata.maxpagesize}, in whichever of the request's Prefer headers it comes; else 10. */
    private static int pageSize(HttpExchange exchange) {
        String prefer = String.join(",", exchange.getRequestHeaders().getOrDefault("Prefer", List.of()));
        Matcher size = Pattern.compile("odata\\.maxpagesize=(\\d+)").matcher(prefer);
        return size.find() ? Math.max(1, Integer.parseInt(size.group(1))) : 10;
    }

    private void mime(HttpExchange exchange, Mailbox mailbox, String messageId) throws IOException {
        byte[] mime;
        synchronized (this) {
            mailbox.mimeRequests++;
            Message message = mailbox.messages.get(messageId);
            mime = message == null || message.deleted ? null : message.mime;
        }
        if (mime == null) {
            graphError(exchange, 404, "ErrorItemNotFound", "The specified object was not found in the store.");
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        answering(exchange);
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int offset = 0; offset < mime.length; offset += 65536) {
                out.write(mime, offset, Math.min(65536, mime.length - offset));
            }
        }
    }

    /** {@code mailFolders/sentitems/messages?$filter=internetMessageId eq '<…>'}: the Sent Items messages with it. */
    private void sentItems(HttpExchange exchange, Mailbox mailbox, Map<String, String> query) throws IOException {
        Matcher filter = Pattern.compile("internetMessageId eq '(.*)'").matcher(query.getOrDefault("$filter", ""));
        if (!filter.matches()) {
            graphError(exchange, 400, "BadRequest", "Invalid filter clause");
            return;
        }
        String wanted = filter.group(1).replace("''", "'");
        JsonArrayBuilder found = Jsons.array();
        synchronized (this) {
            String sentItems = mailbox.folders.values().stream().filter(f -> "sentitems".equals(f.wellKnownName()))
                    .findFirst().orElseThrow().id();
            mailbox.messages.values().stream().filter(m -> !m.deleted && sentItems.equals(m.folderId)
                    && wanted.equals(m.internetMessageId)).forEach(m -> found.add(Jsons.object().add("id", m.id)));
        }
        send(exchange, 200, "application/json", Jsons.object().add("value", found).build().toString());
    }

    private void sendMail(HttpExchange exchange, Mailbox mailbox) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        byte[] mime;
        try (InputStream in = exchange.getRequestBody()) {
            mime = Base64.getMimeDecoder().decode(in.readAllBytes());
        } catch (IllegalArgumentException e) {
            mime = null;
        }
        if (type == null || !type.startsWith("text/plain") || mime == null || mime.length == 0) {
            graphError(exchange, 400, "ErrorMimeContentInvalidBase64String",
                    "Invalid base64 string for MIME content.");
            return;
        }
        synchronized (this) {
            mailbox.sent.add(mime);
            String sentItems = mailbox.folders.values().stream().filter(f -> "sentitems".equals(f.wellKnownName()))
                    .findFirst().orElseThrow().id();
            add(mailbox.address, sentItems, mime);
        }
        exchange.sendResponseHeaders(202, -1);
    }

    private static void graphError(HttpExchange exchange, int status, String code, String message)
            throws IOException {
        String id = UUID.randomUUID().toString();
        send(exchange, status, "application/json", Jsons.object().add("error", Jsons.object().add("code", code)
                .add("message", message).add("innerError", Jsons.object().add("date", Instant.now()
                        .truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", "")).add("request-id", id)
                        .add("client-request-id", id))).build().toString());
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        answering(exchange);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            exchange.getResponseHeaders().add("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The mailbox's request being answered no longer counts as in flight (see {@link #maxInFlight}). */
    private static void answering(HttpExchange exchange) {
        if (exchange.getAttribute(ANSWERING) instanceof Runnable answering) {
            answering.run();
        }
    }

    /** SM-01: a token reaches its own user's mailbox, and another's only where the test granted it. */
    private synchronized boolean mayReach(String user, String owner) {
        return user.equals(owner) || delegations.contains(owner + " " + user);
    }

    private synchronized String origin() {
        return linkOrigin != null ? linkOrigin : loginUrl();
    }

    private Mailbox box(String address) {
        return mailboxes.get(key(address));
    }

    private static String key(String address) {
        return URLDecoder.decode(address, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }

    public static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                values.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1),
                        StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private record Grant(String user, String scope, String challenge, String redirectUri) {
    }

    /**
     * MP-11: a subscription as Graph keeps it.
     *
     * @param changeType Graph's comma-separated list ({@code created,updated,deleted})
     * @param lifecycleNotificationUrl null when it was created without one
     */
    public record StoredSubscription(String id, String resource, String changeType, String clientState,
            OffsetDateTime expiresAt, String notificationUrl, String lifecycleNotificationUrl) {
    }

    /**
     * MP-11: one notification the fake POSTed and the receiver's answer.
     *
     * @param event the change type ({@code created} …) or the lifecycle event
     * @param messageId the message a change notification names; null for a lifecycle notification
     * @param status the receiver's HTTP status, -1 when it did not answer
     */
    public record Delivery(String subscriptionId, String event, String messageId, int status) {
    }

    /** A subscription with what it watches: the owner's mailbox, a folder (null: all of it), and its creator. */
    private record Subscription(StoredSubscription stored, String owner, String folderId, String creator) {
    }

    /** Why Graph refuses a request: its status, code and message. */
    private record Refusal(int status, String code, String message) {
    }

    private record Folder(String id, String parentId, String displayName, String wellKnownName) {
    }

    /**
     * A round's changes still to hand out, the mailbox's change counter when the round started, and the fields its
     * first request selected (null: all).
     */
    private record Round(String folderId, List<Item> changes, long watermark, String select) {
    }

    /** What a delta round tracks in a folder: an item, when it last changed, and whether it was deleted. */
    private abstract static class Item {
        final String id;
        final String folderId;
        long changed;
        boolean deleted;

        Item(String id, String folderId) {
            this.id = id;
            this.folderId = folderId;
        }
    }

    private static final class Message extends Item {
        final String internetMessageId;
        final Instant received;
        final byte[] mime;

        Message(String id, String folderId, String internetMessageId, Instant received, byte[] mime) {
            super(id, folderId);
            this.internetMessageId = internetMessageId;
            this.received = received;
            this.mime = mime;
        }
    }

    /** EC-01: a contact: its fields as Graph keeps them, and when it was created and last changed. */
    private static final class Contact extends Item {
        final Map<String, JsonValue> fields = new LinkedHashMap<>();
        final Instant created;
        Instant modified;

        Contact(String id, String folderId, Instant created) {
            super(id, folderId);
            this.created = created.truncatedTo(ChronoUnit.SECONDS);
            this.modified = this.created;
        }

        /** Graph's version of the contact, new with every change. */
        String changeKey() {
            return "EQAAABYAAAD" + Base64.getEncoder().encodeToString(("v" + changed).getBytes(StandardCharsets
                    .US_ASCII));
        }
    }

    /**
     * EA-01: what a request asks of an event's form ({@code Prefer: outlook.timezone}, UTC by default, and
     * {@code outlook.body-content-type}).
     *
     * @param text whether the body is wanted as text (false: HTML; null: as stored)
     */
    private record Prefs(ZoneId zone, String zoneName, Boolean text) {

        static final Prefs STORED = new Prefs(ZoneOffset.UTC, "UTC", null);

        /** The request's preferences; a zone the fake does not know is UTC. */
        static Prefs of(HttpExchange exchange) {
            String zoneName = "UTC";
            boolean text = false;
            for (String header : exchange.getRequestHeaders().getOrDefault("Prefer", List.of())) {
                for (String preference : header.split(",")) {
                    String[] parts = preference.strip().split("=", 2);
                    String value = parts.length == 2 ? parts[1].strip().replace("\"", "") : "";
                    if (parts[0].strip().equalsIgnoreCase("outlook.timezone")) {
                        zoneName = value;
                    } else if (parts[0].strip().equalsIgnoreCase("outlook.body-content-type")) {
                        text = value.equalsIgnoreCase("text");
                    }
                }
            }
            ZoneId zone = zoneOf(zoneName);
            return zone == null ? new Prefs(ZoneOffset.UTC, "UTC", text) : new Prefs(zone, zoneName, text);
        }
    }

    /** EA-01: one entry of a calendar view: the event's id, version, start and JSON as a delta page gives it. */
    private record ViewEntry(String id, String etag, Instant start, JsonObject json) {
    }

    /**
     * EA-01: a calendar view's round: the entries still to hand out, the window, what the view held when the round
     * started (id to version), and the mailbox's change counter then.
     */
    private record ViewRound(String calendarId, Instant from, Instant to, List<JsonObject> entries,
            Map<String, String> seen, long watermark) {
    }

    private record CalendarFolder(String id, String name, boolean isDefault, boolean canEdit) {
    }

    private record TaskList(String id, String displayName, String wellknownListName, boolean isOwner) {
    }

    /**
     * EA-01: an event as the fake keeps it: its written properties, its times (instants, with the zones they were
     * given in), its place in a series, and the occurrences deleted from a master.
     */
    private static final class CalendarEvent extends Item {
        final Map<String, JsonValue> fields = new LinkedHashMap<>();
        final Set<Instant> removedOccurrences = new HashSet<>();
        Instant created;
        Instant modified;
        String type = SINGLE_INSTANCE;
        String seriesMasterId;
        Instant originalStart;
        Instant start;
        Instant end;
        String startZone;
        String endZone;
        JsonObject recurrence;
        boolean cancelled;
        String iCalUId;

        CalendarEvent(String id, String calendarId, Instant created) {
            super(id, calendarId);
            this.created = created.truncatedTo(ChronoUnit.SECONDS);
            this.modified = this.created;
            this.iCalUId = "040000008200E00074C5B7101A82E00800000000" + HexFormat.of().formatHex(id.getBytes(
                    StandardCharsets.US_ASCII)).toUpperCase(Locale.ROOT);
        }

        /** A copy under {@code id}: a change is written to one, which replaces the event once Graph would take it. */
        CalendarEvent copy(String id) {
            CalendarEvent copy = new CalendarEvent(id, folderId, created);
            copy.fields.putAll(fields);
            copy.removedOccurrences.addAll(removedOccurrences);
            copy.created = created;
            copy.modified = modified;
            copy.changed = changed;
            copy.deleted = deleted;
            copy.type = type;
            copy.seriesMasterId = seriesMasterId;
            copy.originalStart = originalStart;
            copy.start = start;
            copy.end = end;
            copy.startZone = startZone;
            copy.endZone = endZone;
            copy.recurrence = recurrence;
            copy.cancelled = cancelled;
            copy.iCalUId = iCalUId;
            return copy;
        }

        boolean allDay() {
            return fields.get("isAllDay") == JsonValue.TRUE;
        }

        boolean inSeries() {
            return type.equals(OCCURRENCE) || type.equals(EXCEPTION);
        }

        /** Graph's version of the event, new with every change. */
        String changeKey() {
            return "DwAAABYAAAD" + Base64.getEncoder().encodeToString(("e" + changed).getBytes(StandardCharsets
                    .US_ASCII));
        }
    }

    /** EA-01: a To Do task: its fields as Graph keeps them, and when it was created and last changed. */
    private static final class Task extends Item {
        final Map<String, JsonValue> fields = new LinkedHashMap<>();
        final Instant created;
        Instant modified;

        Task(String id, String listId, Instant created) {
            super(id, listId);
            this.created = created.truncatedTo(ChronoUnit.SECONDS);
            this.modified = this.created;
        }

        /** To Do's version of the task (it has no change key), new with every change. */
        String etag() {
            return "W/\"" + Base64.getEncoder().encodeToString(("task" + id + changed).getBytes(StandardCharsets
                    .US_ASCII)) + "\"";
        }
    }

    private static final class Mailbox {
        final String address;
        final String defaultContacts;
        final Map<String, Folder> folders = new LinkedHashMap<>();
        final Map<String, Folder> contactFolders = new LinkedHashMap<>();
        final Map<String, Contact> contacts = new LinkedHashMap<>();
        final Map<String, Message> messages = new LinkedHashMap<>();
        final Map<String, Round> tokens = new HashMap<>();
        /** EA-01: the calendar views' delta and skip tokens. */
        final Map<String, ViewRound> viewTokens = new HashMap<>();
        final Map<String, CalendarFolder> calendars = new LinkedHashMap<>();
        final Map<String, CalendarEvent> events = new LinkedHashMap<>();
        final Map<String, TaskList> taskLists = new LinkedHashMap<>();
        final Map<String, Task> tasks = new LinkedHashMap<>();
        String defaultCalendar;
        String defaultTaskList;
        final List<byte[]> sent = new ArrayList<>();
        long seq;
        int deltaRequests;
        int mimeRequests;

        Mailbox(String address, String defaultContacts) {
            this.address = address;
            this.defaultContacts = defaultContacts;
            contactFolders.put(defaultContacts, new Folder(defaultContacts, ROOT_ID, "Contacts", "contacts"));
        }

        String folder(Folder folder) {
            folders.put(folder.id(), folder);
            return folder.id();
        }
    }
}
