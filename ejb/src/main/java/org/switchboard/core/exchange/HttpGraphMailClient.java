package org.switchboard.core.exchange;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.core.common.Jsons;

/**
 * Microsoft 365 mail over Microsoft Graph with the JDK's HTTP client (MB-02, MB-03, SM-01, MP-11): no Graph SDK (75 MB
 * of jars, PROVIDER-NOTES §5b). The base URL comes from {@value #BASE_URL_KEY} (the tests' fake). Every call sends the
 * mailbox's bearer token and holds one of the mailbox's {@value #CONCURRENT_PER_MAILBOX} request slots, Graph's
 * limit of concurrent requests per app and mailbox ({@link GraphRequestSlots}, shared with the contact client), for
 * as long as its answer is being read. Links Graph hands back are followed only to Graph's own origin, so a token
 * never goes to another host. Failures become {@link GraphException}s; nothing is retried here: the sync decides,
 * with the outcome and the wait. No URL, token or content is logged; of a subscription, only its id.
 */
@ApplicationScoped
public class HttpGraphMailClient implements GraphMailClient {

    public static final String BASE_URL_KEY = "switchboard.microsoft.graph-url";
    public static final String DEFAULT_BASE_URL = "https://graph.microsoft.com/v1.0";
    public static final String MIME_MAX_KEY = "switchboard.microsoft.mime-max-bytes";
    public static final long DEFAULT_MIME_MAX = 50L * 1024 * 1024;
    /** Graph's throttling limit for Outlook: 4 concurrent requests per app per mailbox. */
    public static final int CONCURRENT_PER_MAILBOX = GraphRequestSlots.CONCURRENT_PER_MAILBOX;
    private static final Logger LOG = Logger.getLogger(HttpGraphMailClient.class.getName());
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);
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

    @Inject
    private GraphRequestSlots slots;

    private GraphHttp graph;

    public HttpGraphMailClient() {
    }

    HttpGraphMailClient(String base, long mimeMax) {
        this(base, mimeMax, Clock.systemUTC());
    }

    HttpGraphMailClient(String base, long mimeMax, Clock clock) {
        this(base, mimeMax, clock, new GraphRequestSlots());
    }

    /** A client whose calls take the slots of {@code slots}, as the application's clients share theirs. */
    HttpGraphMailClient(String base, long mimeMax, Clock clock, GraphRequestSlots slots) {
        this.slots = slots;
        this.graph = new GraphHttp(base, slots, LOG);
        this.mimeMax = mimeMax;
        this.clock = clock;
    }

    /** The wire, to the configured Graph ({@value #BASE_URL_KEY}), once it is injected. */
    @PostConstruct
    void connect() {
        graph = new GraphHttp(GraphHttp.baseUrl(configuredBase), slots, LOG);
    }

    @Override
    public List<MailFolder> folders(GraphMailbox mailbox) {
        return graph.folders(mailbox, graph.api(mailbox, "/mailFolders?$top=100&$select=" + FOLDER_FIELDS),
                folder -> new MailFolder(MicrosoftHttp.text(folder, "id"),
                        MicrosoftHttp.text(folder, "parentFolderId"),
                        Objects.requireNonNullElse(MicrosoftHttp.text(folder, "displayName"), ""),
                        MicrosoftHttp.text(folder, "wellKnownName"), number(folder, "totalItemCount"),
                        (int) number(folder, "childFolderCount")),
                read -> read.childFolderCount() > 0 ? graph.api(mailbox, "/mailFolders/"
                        + MicrosoftHttp.encode(read.id()) + "/childFolders?$top=100&$select=" + FOLDER_FIELDS) : null,
                MAX_FOLDERS);
    }

    @Override
    public DeltaPage delta(GraphMailbox mailbox, String folderId, String link, int maxPageSize) {
        GraphHttp.DeltaItems<DeltaMessage> page = graph.delta(mailbox, link != null ? null : graph.api(mailbox,
                "/mailFolders/" + MicrosoftHttp.encode(folderId)
                        + "/messages/delta?$select=internetMessageId,receivedDateTime"), link, maxPageSize,
                message -> new DeltaMessage(MicrosoftHttp.text(message, "id"),
                        MicrosoftHttp.text(message, "internetMessageId"),
                        MicrosoftHttp.time(MicrosoftHttp.text(message, "receivedDateTime"))));
        return new DeltaPage(page.changed(), page.removedIds(), page.nextLink(), page.deltaLink());
    }

    @Override
    public InputStream mime(GraphMailbox mailbox, String messageId) {
        String url = graph.api(mailbox, "/messages/" + MicrosoftHttp.encode(messageId) + "/$value");
        Semaphore slot = graph.acquire(mailbox);
        boolean handedOver = false;
        try {
            HttpResponse<InputStream> response = graph.send(GraphHttp.request(mailbox, url, DOWNLOAD_TIMEOUT).GET()
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body;
                try (InputStream in = response.body()) {
                    body = new String(in.readNBytes(ERROR_BODY_MAX), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    body = "";
                }
                throw graph.failure(response.statusCode(), body, response, false);
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
        String url = graph.api(mailbox, "/sendMail");
        // MB-03: Graph's MIME send: the whole message base64-encoded as a text/plain body; saved to Sent Items.
        byte[] body = Base64.getEncoder().encode(mime);
        HttpResponse<String> response = graph.call(mailbox, GraphHttp.request(mailbox, url, DOWNLOAD_TIMEOUT)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        if (response.statusCode() != 202) {
            throw graph.failure(response.statusCode(), response.body(), response, false);
        }
    }

    @Override
    public boolean inSentItems(GraphMailbox mailbox, String messageId) {
        // OData string literals double their quotes; Graph stores the Message-ID with its angle brackets.
        String filter = "internetMessageId eq '<" + messageId.replace("'", "''") + ">'";
        String url = graph.api(mailbox, "/mailFolders/sentitems/messages?$filter=" + MicrosoftHttp.encode(filter)
                + "&$select=id&$top=1");
        return !GraphHttp.array(graph.json(mailbox, url, 0), "value").isEmpty();
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
        Subscription created = subscription(graph.withJson(mailbox, "POST", graph.base() + "/subscriptions",
                body.build().toString()), 201);
        LOG.fine(() -> "Graph subscription " + created.id() + " created, until " + created.expiresAt());
        return created;
    }

    @Override
    public Subscription renew(GraphMailbox mailbox, String subscriptionId, OffsetDateTime expiresAt) {
        HttpResponse<String> response = graph.withJson(mailbox, "PATCH", subscriptionUrl(subscriptionId),
                Jsons.object().add("expirationDateTime", expiry(expiresAt)).build().toString());
        if (response.statusCode() == 404) {
            throw new GraphException(GraphException.Outcome.SUBSCRIPTION_GONE, graph.failure(404, response.body(),
                    response, false).getMessage());
        }
        return subscription(response, 200);
    }

    @Override
    public void unsubscribe(GraphMailbox mailbox, String subscriptionId) {
        HttpResponse<String> response = graph.call(mailbox, GraphHttp.request(mailbox,
                subscriptionUrl(subscriptionId), MicrosoftHttp.CALL_TIMEOUT).DELETE().build());
        // MP-11: a subscription Graph no longer has (expired, removed, deleted before) is as good as deleted.
        if (response.statusCode() != 204 && response.statusCode() != 200 && response.statusCode() != 404) {
            throw graph.failure(response.statusCode(), response.body(), response, false);
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
        return graph.base() + "/subscriptions/" + MicrosoftHttp.encode(subscriptionId);
    }

    /** The subscription Graph answered with {@code expected}, or the failure the answer means. */
    private Subscription subscription(HttpResponse<String> response, int expected) {
        JsonObject answer = Jsons.objectOrNull(response.body());
        if (response.statusCode() != expected || answer == null) {
            throw graph.failure(response.statusCode(), response.body(), response, false);
        }
        OffsetDateTime expiresAt = MicrosoftHttp.time(MicrosoftHttp.text(answer, "expirationDateTime"));
        if (MicrosoftHttp.text(answer, "id") == null || expiresAt == null) {
            throw new GraphException(GraphException.Outcome.REFUSED,
                    "Microsoft Graph: a subscription without its id or expirationDateTime");
        }
        return new Subscription(MicrosoftHttp.text(answer, "id"), MicrosoftHttp.text(answer, "resource"), expiresAt);
    }

    private String tooLarge(long length) {
        return "The message is larger than the " + (mimeMax / (1024 * 1024)) + " MB allowed ("
                + MIME_MAX_KEY + ")" + (length > 0 ? ": " + length + " bytes" : "");
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
