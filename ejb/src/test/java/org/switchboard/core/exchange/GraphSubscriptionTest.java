package org.switchboard.core.exchange;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.channel.WebhookRefusedException;
import org.switchboard.core.exchange.GraphMailClient.Subscription;
import org.switchboard.core.exchange.GraphNotifications.Batch;
import org.switchboard.core.exchange.GraphNotifications.ChangeNotification;
import org.switchboard.core.exchange.GraphNotifications.ChangeType;
import org.switchboard.core.exchange.GraphNotifications.LifecycleEvent;
import org.switchboard.core.exchange.GraphNotifications.LifecycleNotification;

/**
 * MP-11, SM-01: change-notification subscriptions through {@link HttpGraphMailClient} against {@link GraphFake}, with
 * a receiver in the test that answers as the application's webhook will, through {@link GraphNotifications}: the
 * validation handshake, notifications of new, changed and deleted messages, lifecycle notifications, renewal and
 * deletion, and the shared mailbox Graph does not let a delegated token subscribe to.
 */
class GraphSubscriptionTest {

    private static final String ANNA = MicrosoftOAuthTest.ANNA;
    private static final String SUPPORT = "support@contoso.com";
    private static final Instant NOW = MicrosoftOAuthTest.NOW;
    private static final OffsetDateTime NOW_UTC = NOW.atOffset(ZoneOffset.UTC);
    private static final String STATE = "q7Vn2cXw9LrT4bYe";
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private GraphFake fake;
    private Receiver receiver;
    private HttpGraphMailClient graph;
    private GraphMailbox anna;
    private String inbox;

    @BeforeEach
    void start() throws Exception {
        fake = new GraphFake();
        inbox = fake.mailbox(ANNA);
        fake.mailbox(SUPPORT);
        fake.clock(Clock.fixed(NOW, ZoneOffset.UTC));
        anna = MicrosoftOAuthTest.signedIn(fake, ANNA);
        graph = new HttpGraphMailClient(fake.graphUrl(), 1024 * 1024, Clock.fixed(NOW, ZoneOffset.UTC));
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
        fake.close();
    }

    private static byte[] mail(String messageId) {
        return ("Message-ID: " + messageId + "\r\nFrom: bob@example.com\r\nTo: anna@contoso.com\r\nSubject: Hi\r\n"
                + "\r\nHello\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Anna's Inbox subscribed with the receiver's URLs and {@link #STATE}, known to the receiver. */
    private Subscription subscribeInbox(OffsetDateTime expiresAt) {
        Subscription subscription = graph.subscribe(anna, inbox, receiver.url("/notifications"),
                receiver.url("/lifecycle"), STATE, expiresAt);
        receiver.clientStates.put(subscription.id(), STATE);
        return subscription;
    }

    @Test
    @DisplayName("MP-11: a subscription is created once the notification and lifecycle URLs echoed Graph's validation "
            + "token; it watches the folder's messages and its expiry is shortened to 10,070 minutes")
    void subscribedAfterValidation() {
        Subscription subscription = subscribeInbox(NOW_UTC.plusDays(30));

        assertEquals("me/mailFolders('" + inbox + "')/messages", subscription.resource());
        assertEquals(NOW_UTC.plusMinutes(10_070 - 1), subscription.expiresAt());
        assertEquals(List.of("/notifications", "/lifecycle"), receiver.validated.stream().map(v -> v.split(" ")[0])
                .toList());
        assertTrue(receiver.validated.get(0).contains(" Validation: Testing client application reachability for "
                + "subscription Request-Id: "), receiver.validated.get(0));
        GraphFake.StoredSubscription stored = fake.subscriptions().get(0);
        assertEquals(new GraphFake.StoredSubscription(subscription.id(), subscription.resource(),
                "created,updated,deleted", STATE, subscription.expiresAt(), receiver.url("/notifications"),
                receiver.url("/lifecycle")), stored);
    }

    @Test
    @DisplayName("MP-11: a receiver that does not echo the validation token, or does not answer, is refused with "
            + "Graph's reason, and no subscription is kept")
    void refusedWithoutEcho() {
        receiver.echo.set(false);
        GraphException silent = assertThrows(GraphException.class, () -> subscribeInbox(NOW_UTC.plusDays(2)));
        assertEquals(GraphException.Outcome.REFUSED, silent.outcome());
        assertEquals("Microsoft Graph: HTTP 400 InvalidRequest: Subscription validation request failed. Response must "
                + "exactly match validationToken query parameter.", silent.getMessage());

        receiver.echo.set(true);
        GraphException missing = assertThrows(GraphException.class, () -> graph.subscribe(anna, inbox,
                receiver.url("/notifications"), receiver.url("/nowhere"), STATE, NOW_UTC.plusDays(2)));
        assertEquals("Microsoft Graph: HTTP 400 InvalidRequest: Subscription validation request failed. Notification "
                + "endpoint must respond with 200 OK to validation request.", missing.getMessage());
        assertEquals(List.of(), fake.subscriptions());
    }

    @Test
    @DisplayName("MP-11: a new, a changed and a deleted message in the folder each post a notification with the "
            + "subscription's clientState, which the receiver accepts; another folder's message posts none")
    void notifiesChanges() {
        String elsewhere = fake.folder(ANNA, null, "Elsewhere");
        Subscription subscription = subscribeInbox(null);

        fake.add(ANNA, elsewhere, mail("<other@example.com>"));
        String id = fake.add(ANNA, inbox, mail("<1@example.com>"));
        fake.change(ANNA, id);
        fake.delete(ANNA, id);

        await().atMost(DEADLINE).until(() -> fake.deliveries().size() == 3);
        assertEquals(List.of(new GraphFake.Delivery(subscription.id(), "created", id, 202),
                new GraphFake.Delivery(subscription.id(), "updated", id, 202),
                new GraphFake.Delivery(subscription.id(), "deleted", id, 202)), fake.deliveries());
        List<ChangeNotification> changes = receiver.changes();
        assertEquals(List.of(ChangeType.CREATED, ChangeType.UPDATED, ChangeType.DELETED), changes.stream()
                .map(ChangeNotification::changeType).toList());
        ChangeNotification created = changes.get(0);
        assertEquals(id, created.messageId());
        assertEquals(subscription.id(), created.subscriptionId());
        assertEquals(GraphFake.TENANT_ID, created.tenantId());
        assertEquals(subscription.expiresAt(), created.subscriptionExpiresAt());
        assertTrue(created.resource().endsWith("/Messages/" + id), created.resource());
        assertEquals(0, receiver.batches.stream().mapToInt(Batch::dropped).sum());
    }

    @Test
    @DisplayName("MP-11: reauthorizationRequired, missed and subscriptionRemoved reach the lifecycle URL and are read "
            + "in order; a removed subscription is gone: renewing it says to subscribe again")
    void lifecycleNotifications() {
        Subscription subscription = subscribeInbox(NOW_UTC.plusDays(3));

        fake.lifecycle(subscription.id(), "reauthorizationRequired");
        fake.lifecycle(subscription.id(), "missed");
        fake.lifecycle(subscription.id(), "subscriptionRemoved");

        await().atMost(DEADLINE).until(() -> receiver.lifecycle().size() == 3);
        assertEquals(List.of(LifecycleEvent.REAUTHORIZATION_REQUIRED, LifecycleEvent.MISSED,
                LifecycleEvent.SUBSCRIPTION_REMOVED), receiver.lifecycle().stream()
                        .map(LifecycleNotification::event).toList());
        assertEquals(List.of("/lifecycle", "/lifecycle", "/lifecycle"), receiver.posted);
        GraphException gone = assertThrows(GraphException.class, () -> graph.renew(anna, subscription.id(),
                NOW_UTC.plusDays(3)));
        assertEquals(GraphException.Outcome.SUBSCRIPTION_GONE, gone.outcome());
        assertEquals("Microsoft Graph: HTTP 404 ResourceNotFound: The object was not found.", gone.getMessage());
    }

    @Test
    @DisplayName("MP-11: renewing moves the expiry, shortened to Graph's limit, which Graph refuses to exceed; an "
            + "expired subscription is gone; unsubscribing deletes, and again is no error")
    void renewAndUnsubscribe() throws Exception {
        Subscription subscription = subscribeInbox(NOW_UTC.plusHours(1));

        assertEquals(NOW_UTC.plusDays(2), graph.renew(anna, subscription.id(), NOW_UTC.plusDays(2)).expiresAt());
        assertEquals(NOW_UTC.plusMinutes(10_070 - 1), graph.renew(anna, subscription.id(), NOW_UTC.plusDays(8))
                .expiresAt());
        HttpResponse<String> beyond = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                fake.graphUrl() + "/subscriptions/" + subscription.id())).header("Authorization", "Bearer "
                        + anna.accessToken()).header("Content-Type", "application/json").method("PATCH",
                                HttpRequest.BodyPublishers.ofString("{\"expirationDateTime\":\""
                                        + NOW_UTC.plusMinutes(10_071).toInstant() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, beyond.statusCode());
        assertTrue(beyond.body().contains("\"Subscription expiration can only be 10070 minutes in the future.\""),
                beyond.body());
        assertEquals(NOW_UTC.plusMinutes(10_070 - 1), fake.subscriptions().get(0).expiresAt());

        graph.unsubscribe(anna, subscription.id());
        assertEquals(List.of(), fake.subscriptions());
        graph.unsubscribe(anna, subscription.id());

        Subscription second = subscribeInbox(NOW_UTC.plusDays(1));
        fake.expireSubscriptions();
        assertEquals(GraphException.Outcome.SUBSCRIPTION_GONE, assertThrows(GraphException.class,
                () -> graph.renew(anna, second.id(), NOW_UTC.plusDays(1))).outcome());
        fake.add(ANNA, inbox, mail("<after@example.com>"));
        assertEquals(List.of(), fake.deliveries(), "an expired subscription hears of nothing");
    }

    @Test
    @DisplayName("MP-11, SM-01: a shared mailbox subscribes on users/{address}/mailFolders('{id}')/messages; Graph "
            + "refuses that to a delegated token even with full access, before validating any URL")
    void sharedMailboxRefused() {
        fake.grantAccess(SUPPORT, ANNA);
        GraphMailbox support = new GraphMailbox(SUPPORT, true, anna.accessToken());
        String supportInbox = graph.folders(support).stream().filter(f -> "inbox".equals(f.wellKnownName()))
                .findFirst().orElseThrow().id();

        GraphException refused = assertThrows(GraphException.class, () -> graph.subscribe(support, supportInbox,
                receiver.url("/notifications"), null, STATE, NOW_UTC.plusDays(1)));

        assertEquals(List.of("users/support@contoso.com/mailFolders('" + supportInbox + "')/messages"),
                fake.requestedResources());
        assertEquals(GraphException.Outcome.REFUSED, refused.outcome());
        assertEquals("Microsoft Graph: HTTP 403 ExtensionError: Operation: Create; Exception: [Status Code: Forbidden; "
                + "Reason: Access is denied. Check credentials and try again.]", refused.getMessage());
        assertEquals(List.of(), receiver.validated);
    }

    @Test
    @DisplayName("MP-11: a subscription needs a clientState of 1 to 255 characters and an absolute notification URL")
    void arguments() {
        assertThrows(IllegalArgumentException.class, () -> graph.subscribe(anna, inbox, receiver.url("/n"), null,
                "", NOW_UTC.plusDays(1)));
        assertThrows(IllegalArgumentException.class, () -> graph.subscribe(anna, inbox, receiver.url("/n"), null,
                "x".repeat(256), NOW_UTC.plusDays(1)));
        assertThrows(IllegalArgumentException.class, () -> graph.subscribe(anna, inbox, "/hooks/graph", null,
                STATE, NOW_UTC.plusDays(1)));
        assertEquals(List.of(), fake.requestedResources());
    }

    /**
     * The application's webhook in miniature: the validation echo and the notifications read through
     * {@link GraphNotifications}, answered 202; anything else 404.
     */
    private static final class Receiver implements AutoCloseable {

        final Map<String, String> clientStates = new ConcurrentHashMap<>();
        final List<String> validated = new CopyOnWriteArrayList<>();
        final List<String> posted = new CopyOnWriteArrayList<>();
        final List<Batch> batches = new CopyOnWriteArrayList<>();
        final AtomicBoolean echo = new AtomicBoolean(true);
        private final HttpServer server;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/notifications", this::handle);
            server.createContext("/lifecycle", this::handle);
            server.start();
        }

        String url(String path) {
            return "http://localhost:" + server.getAddress().getPort() + path;
        }

        List<ChangeNotification> changes() {
            return batches.stream().flatMap(b -> b.changes().stream()).toList();
        }

        List<LifecycleNotification> lifecycle() {
            return batches.stream().flatMap(b -> b.lifecycle().stream()).toList();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                try {
                    Optional<String> token = GraphNotifications.validationAnswer(exchange.getRequestURI()
                            .getRawQuery());
                    if (token.isPresent()) {
                        validated.add(path + " " + token.get());
                        answer(exchange, 200, echo.get() ? token.get() : "");
                    } else {
                        batches.add(GraphNotifications.parse(body, clientStates::get));
                        posted.add(path);
                        answer(exchange, 202, "");
                    }
                } catch (WebhookRefusedException e) {
                    answer(exchange, e.status(), "");
                }
            }
        }

        private static void answer(HttpExchange exchange, int status, String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
