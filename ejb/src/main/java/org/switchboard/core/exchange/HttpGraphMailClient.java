package org.switchboard.core.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.core.common.Jsons;

/**
 * Microsoft 365 mail over Microsoft Graph with the JDK's HTTP client (MB-02, MB-03, SM-01, MP-11): no Graph SDK (75 MB
 * of jars, PROVIDER-NOTES §5b). The base URL comes from {@value #BASE_URL_KEY} (the tests' fake). Every call sends the
 * mailbox's bearer token and holds one of the mailbox's {@value #CONCURRENT_PER_MAILBOX} request slots, Graph's
 * limit of concurrent requests per app and mailbox, for as long as its answer is being read. Links Graph hands back
 * are followed only to Graph's own origin, so a token never goes to another host. Failures become
 * {@link GraphException}s; nothing is retried here: the sync decides, with the outcome and the wait. No URL, token or
 * content is logged; of a subscription, only its id.
 */
@ApplicationScoped
public class HttpGraphMailClient implements GraphMailClient {

    public static final String BASE_URL_KEY = "switchboard.microsoft.graph-url";
    public static final String DEFAULT_BASE_URL = "https://graph.microsoft.com/v1.0";
    public static final String MIME_MAX_KEY = "switchboard.microsoft.mime-max-bytes";
    public static final long DEFAULT_MIME_MAX = 50L * 1024 * 1024;
    /** Graph's throttling limit for Outlook: 4 concurrent requests per app per mailbox. */
    public static final int CONCURRENT_PER_MAILBOX = 4;
    private static final Logger LOG = Logger.getLogger(HttpGraphMailClient.class.getName());
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);
    /** How long a call waits for a slot of its mailbox before it counts as unavailable. */
    private static final Duration SLOT_WAIT = Duration.ofMinutes(2);
    private static final String FOLDER_FIELDS = "id,displayName,parentFolderId,childFolderCount,totalItemCount,"
            + "wellKnownName";
    /** More folders than a mailbox holds; the listing stops there rather than follow links for ever. */
    private static final int MAX_FOLDERS = 10_000;
    private static final int ERROR_BODY_MAX = 64 * 1024;
    /** MP-11: what a subscription watches: messages created, updated and deleted (read, flagged, moved away). */
    private static final String SUBSCRIBED_CHANGES = "created,updated,deleted";
    /** Graph's limit on {@code clientState}. */
    private static final int CLIENT_STATE_MAX = 255;
    /** MP-11: the clamped expiry stays this far inside Graph's limit, which Graph measures by its own clock. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    @Inject
    @ConfigProperty(name = BASE_URL_KEY)
    private Optional<String> configuredBase;

    @Inject
    @ConfigProperty(name = MIME_MAX_KEY, defaultValue = "52428800")
    private long mimeMax;

    @Inject
    private Clock clock;

    private volatile URI base;
    private final HttpClient http = MicrosoftHttp.newClient();
    private final ConcurrentMap<String, Semaphore> slots = new ConcurrentHashMap<>();

    public HttpGraphMailClient() {
    }

    HttpGraphMailClient(String base, long mimeMax) {
        this(base, mimeMax, Clock.systemUTC());
    }

    HttpGraphMailClient(String base, long mimeMax, Clock clock) {
        this.base = URI.create(MicrosoftHttp.strip(base));
        this.mimeMax = mimeMax;
        this.clock = clock;
    }

    @Override
    public List<MailFolder> folders(GraphMailbox mailbox) {
        List<MailFolder> folders = new ArrayList<>();
        Deque<String> pending = new ArrayDeque<>();
        pending.add(api(mailbox, "/mailFolders?$top=100&$select=" + FOLDER_FIELDS));
        while (!pending.isEmpty() && folders.size() < MAX_FOLDERS) {
            String link = pending.poll();
            JsonObject page = json(mailbox, get(link, 0), link);
            for (JsonValue item : array(page, "value")) {
                if (item instanceof JsonObject folder && MicrosoftHttp.text(folder, "id") != null) {
                    MailFolder read = new MailFolder(MicrosoftHttp.text(folder, "id"),
                            MicrosoftHttp.text(folder, "parentFolderId"),
                            Objects.requireNonNullElse(MicrosoftHttp.text(folder, "displayName"), ""),
                            MicrosoftHttp.text(folder, "wellKnownName"), number(folder, "totalItemCount"),
                            (int) number(folder, "childFolderCount"));
                    folders.add(read);
                    if (read.childFolderCount() > 0) {
                        pending.add(api(mailbox, "/mailFolders/" + MicrosoftHttp.encode(read.id())
                                + "/childFolders?$top=100&$select=" + FOLDER_FIELDS));
                    }
                }
            }
            String next = MicrosoftHttp.text(page, "@odata.nextLink");
            if (next != null) {
                pending.addFirst(sameOrigin(next));
            }
        }
        return folders;
    }

    @Override
    public DeltaPage delta(GraphMailbox mailbox, String folderId, String link, int maxPageSize) {
        String url = link == null ? api(mailbox, "/mailFolders/" + MicrosoftHttp.encode(folderId)
                + "/messages/delta?$select=internetMessageId,receivedDateTime") : sameOrigin(link);
        JsonObject page = json(mailbox, get(url, maxPageSize), url);
        List<DeltaMessage> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (JsonValue item : array(page, "value")) {
            if (item instanceof JsonObject message && MicrosoftHttp.text(message, "id") != null) {
                if (message.containsKey("@removed")) {
                    removed.add(MicrosoftHttp.text(message, "id"));
                } else {
                    changed.add(new DeltaMessage(MicrosoftHttp.text(message, "id"),
                            MicrosoftHttp.text(message, "internetMessageId"),
                            MicrosoftHttp.time(MicrosoftHttp.text(message, "receivedDateTime"))));
                }
            }
        }
        String next = MicrosoftHttp.text(page, "@odata.nextLink");
        String delta = MicrosoftHttp.text(page, "@odata.deltaLink");
        if ((next == null) == (delta == null)) {
            throw new GraphException(GraphException.Outcome.REFUSED,
                    "Microsoft Graph: a delta page without exactly one of @odata.nextLink and @odata.deltaLink");
        }
        return new DeltaPage(changed, removed, next == null ? null : sameOrigin(next),
                delta == null ? null : sameOrigin(delta));
    }

    @Override
    public InputStream mime(GraphMailbox mailbox, String messageId) {
        String url = api(mailbox, "/messages/" + MicrosoftHttp.encode(messageId) + "/$value");
        Semaphore slot = acquire(mailbox);
        boolean handedOver = false;
        try {
            HttpResponse<InputStream> response = send(request(mailbox, url, DOWNLOAD_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body;
                try (InputStream in = response.body()) {
                    body = new String(in.readNBytes(ERROR_BODY_MAX), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    body = "";
                }
                throw failure(response.statusCode(), body, response, false);
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (length > mimeMax) {
                close(response.body());
                throw new GraphException(GraphException.Outcome.REFUSED, tooLarge(length));
            }
            handedOver = true;
            return new BoundedStream(response.body(), mimeMax, slot);
        } finally {
            if (!handedOver) {
                slot.release();
            }
        }
    }

    @Override
    public void sendMail(GraphMailbox mailbox, byte[] mime) {
        String url = api(mailbox, "/sendMail");
        // MB-03: Graph's MIME send: the whole message base64-encoded as a text/plain body; saved to Sent Items.
        byte[] body = Base64.getEncoder().encode(mime);
        HttpResponse<String> response = call(mailbox, request(mailbox, url, DOWNLOAD_TIMEOUT)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        if (response.statusCode() != 202) {
            throw failure(response.statusCode(), response.body(), response, false);
        }
    }

    @Override
    public boolean inSentItems(GraphMailbox mailbox, String messageId) {
        // OData string literals double their quotes; Graph stores the Message-ID with its angle brackets.
        String filter = "internetMessageId eq '<" + messageId.replace("'", "''") + ">'";
        String url = api(mailbox, "/mailFolders/sentitems/messages?$filter=" + MicrosoftHttp.encode(filter)
                + "&$select=id&$top=1");
        return !array(json(mailbox, get(url, 0), url), "value").isEmpty();
    }

    @Override
    public Subscription subscribe(GraphMailbox mailbox, String folderId, String notificationUrl, String lifecycleUrl,
            String clientState, OffsetDateTime expiresAt) {
        if (clientState == null || clientState.isBlank() || clientState.length() > CLIENT_STATE_MAX) {
            throw new IllegalArgumentException("A Graph subscription needs a clientState of 1 to " + CLIENT_STATE_MAX
                    + " characters");
        }
        JsonObjectBuilder body = Jsons.object().add("changeType", SUBSCRIBED_CHANGES).add("notificationUrl",
                absolute(notificationUrl)).add("resource", resource(mailbox, folderId)).add("expirationDateTime",
                        expiry(expiresAt)).add("clientState", clientState);
        if (lifecycleUrl != null) {
            body.add("lifecycleNotificationUrl", absolute(lifecycleUrl));
        }
        Subscription created = subscription(withJson(mailbox, "POST", base() + "/subscriptions", body.build()
                .toString()), 201);
        LOG.fine(() -> "Graph subscription " + created.id() + " created, until " + created.expiresAt());
        return created;
    }

    @Override
    public Subscription renew(GraphMailbox mailbox, String subscriptionId, OffsetDateTime expiresAt) {
        HttpResponse<String> response = withJson(mailbox, "PATCH", subscriptionUrl(subscriptionId), Jsons.object()
                .add("expirationDateTime", expiry(expiresAt)).build().toString());
        if (response.statusCode() == 404) {
            throw new GraphException(GraphException.Outcome.SUBSCRIPTION_GONE, failure(404, response.body(), response,
                    false).getMessage());
        }
        return subscription(response, 200);
    }

    @Override
    public void unsubscribe(GraphMailbox mailbox, String subscriptionId) {
        HttpResponse<String> response = call(mailbox, request(mailbox, subscriptionUrl(subscriptionId),
                MicrosoftHttp.CALL_TIMEOUT).DELETE().build());
        // MP-11: a subscription Graph no longer has (expired, removed, deleted before) is as good as deleted.
        if (response.statusCode() != 204 && response.statusCode() != 200 && response.statusCode() != 404) {
            throw failure(response.statusCode(), response.body(), response, false);
        }
    }

    /**
     * MP-11: the folder's messages as a subscription resource: {@code me/mailFolders('{id}')/messages}, or
     * {@code users/{address}/...} for a shared mailbox; the id is an OData string literal (quotes doubled).
     */
    private static String resource(GraphMailbox mailbox, String folderId) {
        if (folderId == null || folderId.isBlank()) {
            throw new IllegalArgumentException("A Graph subscription needs the folder's id");
        }
        return (mailbox.shared() ? "users/" + mailbox.address() : "me") + "/mailFolders('"
                + folderId.replace("'", "''") + "')/messages";
    }

    /** MP-11: the expiry asked for, shortened to Graph's limit from now (none: the limit), in whole seconds UTC. */
    private String expiry(OffsetDateTime asked) {
        OffsetDateTime latest = OffsetDateTime.now(clock).plus(MAX_SUBSCRIPTION).minus(CLOCK_MARGIN);
        OffsetDateTime expiry = asked == null || asked.isAfter(latest) ? latest : asked;
        return expiry.toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String absolute(String url) {
        URI uri;
        try {
            uri = url == null ? null : URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException("A Graph notification URL must be an absolute https (or http) URL");
        }
        return url;
    }

    private String subscriptionUrl(String subscriptionId) {
        return base() + "/subscriptions/" + MicrosoftHttp.encode(subscriptionId);
    }

    /** One call with a JSON body, in one of the mailbox's slots. */
    private HttpResponse<String> withJson(GraphMailbox mailbox, String method, String url, String body) {
        return call(mailbox, request(mailbox, url, MicrosoftHttp.CALL_TIMEOUT).header("Content-Type",
                "application/json").header("Accept", "application/json").method(method,
                        HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /** The subscription Graph answered with {@code expected}, or the failure the answer means. */
    private static Subscription subscription(HttpResponse<String> response, int expected) {
        JsonObject answer = Jsons.objectOrNull(response.body());
        if (response.statusCode() != expected || answer == null) {
            throw failure(response.statusCode(), response.body(), response, false);
        }
        OffsetDateTime expiresAt = MicrosoftHttp.time(MicrosoftHttp.text(answer, "expirationDateTime"));
        if (MicrosoftHttp.text(answer, "id") == null || expiresAt == null) {
            throw new GraphException(GraphException.Outcome.REFUSED,
                    "Microsoft Graph: a subscription without its id or expirationDateTime");
        }
        return new Subscription(MicrosoftHttp.text(answer, "id"), MicrosoftHttp.text(answer, "resource"), expiresAt);
    }

    /** A GET's answer as a JSON object, or the failure it means. */
    private JsonObject json(GraphMailbox mailbox, HttpRequest.Builder request, String url) {
        HttpResponse<String> response = call(mailbox, request.header("Authorization", "Bearer "
                + mailbox.accessToken()).build());
        JsonObject answer = Jsons.objectOrNull(response.body());
        if (response.statusCode() == 200 && answer != null) {
            return answer;
        }
        throw failure(response.statusCode(), response.body(), response, url.contains("/delta"));
    }

    private HttpRequest.Builder get(String url, int maxPageSize) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(MicrosoftHttp.CALL_TIMEOUT)
                .header("Accept", "application/json").GET();
        if (maxPageSize > 0) {
            request.header("Prefer", "odata.maxpagesize=" + maxPageSize);
        }
        return request;
    }

    private static HttpRequest.Builder request(GraphMailbox mailbox, String url, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Authorization", "Bearer " + mailbox.accessToken());
    }

    /** One call in one of the mailbox's slots, its answer read whole (JSON pages and errors are small). */
    private HttpResponse<String> call(GraphMailbox mailbox, HttpRequest request) {
        Semaphore slot = acquire(mailbox);
        try {
            return send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } finally {
            slot.release();
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            LOG.fine(() -> "Microsoft Graph not reachable: " + e.getClass().getName());
            throw new GraphException(GraphException.Outcome.UNAVAILABLE, "Microsoft Graph is not reachable: "
                    + MicrosoftHttp.networkReason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(GraphException.Outcome.UNAVAILABLE, "Interrupted while calling Microsoft Graph");
        }
    }

    private Semaphore acquire(GraphMailbox mailbox) {
        Semaphore slot = slots.computeIfAbsent(mailbox.limitKey(), k -> new Semaphore(CONCURRENT_PER_MAILBOX, true));
        try {
            if (!slot.tryAcquire(SLOT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new GraphException(GraphException.Outcome.UNAVAILABLE, "The mailbox's "
                        + CONCURRENT_PER_MAILBOX + " Graph request slots stayed busy for " + SLOT_WAIT.toMinutes()
                        + " minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(GraphException.Outcome.UNAVAILABLE, "Interrupted while waiting for a Graph slot");
        }
        return slot;
    }

    /**
     * What a non-success answer means. A 410 (or Graph's {@code syncStateNotFound} code under another status) on a
     * delta link is an expired delta token: the folder is synced again from a new round.
     */
    private static GraphException failure(int status, String body, HttpResponse<?> response, boolean delta) {
        JsonObject answer = Jsons.objectOrNull(body);
        JsonObject error = answer != null && answer.get("error") instanceof JsonObject inner ? inner : null;
        String code = error == null ? "" : Objects.requireNonNullElse(MicrosoftHttp.text(error, "code"), "");
        String message = error == null ? "" : Objects.requireNonNullElse(MicrosoftHttp.text(error, "message"), "");
        String reason = "Microsoft Graph: HTTP " + status + (code.isEmpty() ? "" : " " + code)
                + (message.isBlank() ? "" : ": " + message.lines().findFirst().orElse("").strip());
        Duration wait = MicrosoftHttp.retryAfter(response.headers());
        LOG.fine(() -> "Microsoft Graph answered HTTP " + status + " " + code);
        if (status == 429 || status == 503 && wait != null) {
            return new GraphException(GraphException.Outcome.THROTTLED, reason, wait);
        }
        if (delta && (status == 410 || "syncStateNotFound".equalsIgnoreCase(code))) {
            return new GraphException(GraphException.Outcome.DELTA_EXPIRED, reason);
        }
        if (status == 401) {
            return new GraphException(GraphException.Outcome.TOKEN_REJECTED, reason);
        }
        return new GraphException(status >= 500 ? GraphException.Outcome.UNAVAILABLE
                : GraphException.Outcome.REFUSED, reason, wait);
    }

    /**
     * The link itself when it is absolute and on Graph's origin (scheme, host and port of the base URL) under its
     * path; a refusal otherwise, before anything is sent: the bearer token goes nowhere else.
     */
    private String sameOrigin(String link) {
        URI uri;
        try {
            uri = URI.create(link);
        } catch (IllegalArgumentException e) {
            throw new GraphException(GraphException.Outcome.REFUSED, "Microsoft Graph: a link that is not a URL");
        }
        URI graph = base();
        boolean same = uri.isAbsolute() && graph.getScheme().equalsIgnoreCase(uri.getScheme())
                && graph.getHost().equalsIgnoreCase(Objects.requireNonNullElse(uri.getHost(), ""))
                && port(graph) == port(uri) && Objects.requireNonNullElse(uri.getRawPath(), "")
                        .startsWith(Objects.requireNonNullElse(graph.getRawPath(), "") + "/");
        if (!same) {
            throw new GraphException(GraphException.Outcome.REFUSED, "Microsoft Graph: a link to "
                    + (uri.getHost() == null ? "another address" : uri.getHost())
                    + " is not followed: only links to " + graph.getHost() + " are");
        }
        return link;
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private String api(GraphMailbox mailbox, String path) {
        return base() + "/" + mailbox.userPath() + path;
    }

    private URI base() {
        if (base == null) {
            base = URI.create(MicrosoftHttp.strip(configuredBase.filter(v -> !v.isBlank()).orElse(DEFAULT_BASE_URL)));
        }
        return base;
    }

    private String tooLarge(long length) {
        return "The message is larger than the " + (mimeMax / (1024 * 1024)) + " MB allowed ("
                + MIME_MAX_KEY + ")" + (length > 0 ? ": " + length + " bytes" : "");
    }

    private static JsonArray array(JsonObject object, String key) {
        return object.get(key) instanceof JsonArray array ? array : JsonValue.EMPTY_JSON_ARRAY;
    }

    private static long number(JsonObject object, String key) {
        return object.get(key) instanceof JsonNumber value ? value.longValue() : 0;
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            LOG.fine(() -> "Closing a refused Graph download failed: " + e.getClass().getName());
        }
    }

    /**
     * The MIME as it arrives: refuses to read past the maximum size, and frees the mailbox's slot once, when closed.
     */
    private final class BoundedStream extends FilterInputStream {

        private final long max;
        private final Semaphore slot;
        private final AtomicBoolean closed = new AtomicBoolean();
        private long count;

        BoundedStream(InputStream in, long max, Semaphore slot) {
            super(in);
            this.max = max;
            this.slot = slot;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, (int) Math.min(length, max - count + 1));
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, max - count + 1));
            counted(skipped);
            return skipped;
        }

        private void counted(long n) throws IOException {
            count += n;
            if (count > max) {
                throw new IOException(tooLarge(-1));
            }
        }

        @Override
        public void close() throws IOException {
            if (closed.compareAndSet(false, true)) {
                try {
                    super.close();
                } finally {
                    slot.release();
                }
            }
        }
    }
}
