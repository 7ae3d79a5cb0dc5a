package org.switchboard.core.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * MP-11 ("new mail within seconds" on Exchange Server) and MB-03 (no second send after a cut-off attempt):
 * {@link EwsJavaApiMailClient}'s streaming notifications against {@link EwsFake}, subscribed and listened to with
 * Basic, NTLM and bearer sign-in, for the user's own and a shared mailbox: a new message reported within seconds,
 * heartbeats not reported, the connection timeout and an abort ending the listen, a forgotten subscription and a wrong
 * password in our terms; and the look in Sent Items for a Message-ID.
 */
class EwsStreamingTest {

    private static final String ANNA = "anna@contoso.com";
    private static final String SUPPORT = "support@contoso.com";
    private static final String PASSWORD = "Winter-2026!";
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private EwsFake fake;
    private EwsJavaApiMailClient ews;
    private EwsMailbox anna;
    private String inbox;
    private ExecutorService threads;

    @BeforeEach
    void start() throws Exception {
        fake = new EwsFake();
        inbox = fake.mailbox(ANNA);
        fake.mailbox(SUPPORT);
        fake.password(ANNA, ANNA, PASSWORD);
        ews = new EwsJavaApiMailClient();
        anna = new EwsMailbox(fake.url(), ANNA, new EwsCredentials.Basic(ANNA, PASSWORD), false);
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() {
        fake.close();
        threads.shutdownNow();
    }

    private static byte[] mail(String messageId, String text) {
        return ("Message-ID: " + messageId + "\r\nFrom: Bob <bob@example.com>\r\nTo: anna@contoso.com\r\n"
                + "Subject: " + text + "\r\nDate: Mon, 4 May 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** What a listen reported, filled in the listening thread. */
    private static final class Recorder implements EwsMailClient.StreamListener {
        final CompletableFuture<Closeable> abort = new CompletableFuture<>();
        final List<Set<String>> changes = new CopyOnWriteArrayList<>();

        @Override
        public void opened(Closeable handle) {
            abort.complete(handle);
        }

        @Override
        public void changed(Set<String> folderIds) {
            changes.add(folderIds);
        }
    }

    private Future<?> listen(EwsMailbox mailbox, String subscription, int minutes, Recorder recorder) {
        return threads.submit(() -> {
            ews.listen(mailbox, subscription, minutes, recorder);
            return null;
        });
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(PROMPTLY).pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
    }

    /** The listen's end: null when it returned normally, else what it threw. */
    private static Throwable ended(Future<?> listen, Duration within) throws Exception {
        try {
            listen.get(within.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            listen.cancel(true);
            return fail("The listen did not end within " + within);
        }
    }

    /** A new message in the Inbox reaches the listener within seconds; nothing was reported before it. */
    private void newMailReported(EwsMailbox mailbox, String address, String folder, String subscribeTo)
            throws Exception {
        String subscription = ews.subscribe(mailbox, List.of(subscribeTo));
        assertEquals(1, fake.subscriptions(address));
        Recorder recorder = new Recorder();
        Future<?> listen = listen(mailbox, subscription, 30, recorder);
        await("one connection listens", () -> fake.listening(address) == 1);
        Closeable abort = recorder.abort.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(List.of(), recorder.changes);

        fake.add(address, folder, mail("<new@example.com>", "New mail"));

        await("the Inbox reported", () -> recorder.changes.stream().anyMatch(ids -> ids.contains(folder)));
        assertEquals(Set.of(folder), recorder.changes.stream().flatMap(Set::stream).collect(
                java.util.stream.Collectors.toSet()), "the Inbox's item and folder events name the Inbox only");
        assertFalse(listen.isDone(), "still listening after a notification");
        abort.close();
        assertNull(ended(listen, PROMPTLY));
    }

    @Test
    @DisplayName("MP-11: with Basic sign-in, a new message in the subscribed Inbox is reported within seconds")
    void newMailBasic() throws Exception {
        newMailReported(anna, ANNA, inbox, inbox);
        String request = fake.requests().stream().filter(r -> r.contains("GetStreamingEvents")).findFirst()
                .orElseThrow();
        assertTrue(request.contains("<m:ConnectionTimeout>30</m:ConnectionTimeout>"), request);
    }

    @Test
    @DisplayName("MP-11: with NTLM sign-in (a real NTLMv2 handshake on the streaming connection), a new message is "
            + "reported within seconds")
    void newMailNtlm() throws Exception {
        fake.ntlmUser(ANNA, "anna", PASSWORD);
        newMailReported(anna.withCredentials(new EwsCredentials.Ntlm("anna", PASSWORD, fake.ntlmDomain())), ANNA,
                inbox, inbox);
    }

    @Test
    @DisplayName("MP-11: with a bearer token, a new message is reported within seconds")
    void newMailBearer() throws Exception {
        String token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.ews-access.signature";
        fake.acceptToken(token, ANNA);
        newMailReported(anna.withCredentials(new EwsCredentials.Bearer(token)), ANNA, inbox, inbox);
    }

    @Test
    @DisplayName("MP-11, SM-01: a shared mailbox's Inbox, named as the well-known inbox, is reported by its id")
    void sharedMailbox() throws Exception {
        fake.grant(SUPPORT, ANNA);
        EwsMailbox shared = new EwsMailbox(fake.url(), SUPPORT, anna.credentials(), true);

        newMailReported(shared, SUPPORT, fake.folderId(SUPPORT, "inbox"), "inbox");

        String subscribe = fake.requests().stream().filter(r -> r.contains("StreamingSubscriptionRequest"))
                .findFirst().orElseThrow();
        assertTrue(subscribe.contains("<t:EmailAddress>support@contoso.com</t:EmailAddress>"), subscribe);
        assertEquals(0, fake.subscriptions(ANNA));
    }

    @Test
    @DisplayName("MP-11: heartbeats alone report nothing; the connection timeout ends the listen normally; a change "
            + "in between (a message marked read) is reported")
    void heartbeatsAndTimeout() throws Exception {
        String item = fake.add(ANNA, inbox, mail("<old@example.com>", "Old mail"));
        fake.streamingMinute(Duration.ofSeconds(2));
        fake.heartbeat(Duration.ofMillis(100));
        String subscription = ews.subscribe(anna, List.of(inbox));
        Recorder recorder = new Recorder();
        long start = System.nanoTime();

        Future<?> listen = listen(anna, subscription, 1, recorder);
        await("one connection listens", () -> fake.listening(ANNA) == 1);
        await("three heartbeats", () -> fake.heartbeats() >= 3);
        assertEquals(List.of(), recorder.changes, "heartbeats are not reported");
        fake.markRead(ANNA, item, true);
        await("the read flag reported", () -> recorder.changes.equals(List.of(Set.of(inbox))));

        assertNull(ended(listen, Duration.ofSeconds(10)), "Closed at the timeout: a normal return");
        long took = System.nanoTime() - start;
        assertTrue(took >= Duration.ofMillis(1900).toNanos(), "not before the timeout: " + took);
        assertEquals(0, fake.listening(ANNA));
    }

    @Test
    @DisplayName("MP-11: events while nobody listens come with the next listen, and a reconnect listens again")
    void reconnect() throws Exception {
        fake.streamingMinute(Duration.ofMillis(500));
        String subscription = ews.subscribe(anna, List.of(inbox));
        Recorder first = new Recorder();
        assertNull(ended(listen(anna, subscription, 1, first), PROMPTLY));

        fake.add(ANNA, inbox, mail("<between@example.com>", "Between two listens"));
        Recorder second = new Recorder();
        Future<?> listen = listen(anna, subscription, 1, second);

        await("the queued event reported", () -> second.changes.stream().anyMatch(ids -> ids.contains(inbox)));
        assertNull(ended(listen, PROMPTLY));
        assertEquals(List.of(), first.changes);
    }

    @Test
    @DisplayName("MP-11: a subscription Exchange forgot (ErrorSubscriptionNotFound) is SUBSCRIPTION_GONE; a new "
            + "subscription listens again")
    void subscriptionGone() throws Exception {
        String subscription = ews.subscribe(anna, List.of(inbox));
        fake.dropSubscriptions(ANNA);

        Recorder recorder = new Recorder();
        EwsException e = assertThrows(EwsException.class, () -> ews.listen(anna, subscription, 30, recorder));

        assertEquals(EwsException.Outcome.SUBSCRIPTION_GONE, e.outcome());
        assertEquals("ErrorSubscriptionNotFound", e.code());
        assertEquals(0, fake.subscriptions(ANNA));
        String again = ews.subscribe(anna, List.of(inbox));
        Recorder next = new Recorder();
        Future<?> listen = listen(anna, again, 30, next);
        await("the new subscription listens", () -> fake.listening(ANNA) == 1);
        next.abort.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS).close();
        assertNull(ended(listen, PROMPTLY));
    }

    @Test
    @DisplayName("MP-11: closing the abort handle from another thread ends a quiet listen within a second or two, "
            + "normally")
    void abort() throws Exception {
        fake.heartbeat(Duration.ofMinutes(10));
        String subscription = ews.subscribe(anna, List.of(inbox));
        Recorder recorder = new Recorder();
        Future<?> listen = listen(anna, subscription, 30, recorder);
        Closeable abort = recorder.abort.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
        assertFalse(listen.isDone());

        long start = System.nanoTime();
        threads.submit(() -> {
            abort.close();
            return null;
        }).get();

        assertNull(ended(listen, Duration.ofSeconds(2)), "an abort is a normal return");
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos());
        abort.close();
    }

    @Test
    @DisplayName("MP-11: a wrong password is SIGN_IN_FAILED, for the subscription and the listen, without the "
            + "password in the text")
    void wrongPassword() throws Exception {
        String subscription = ews.subscribe(anna, List.of(inbox));
        EwsMailbox wrong = anna.withCredentials(new EwsCredentials.Basic(ANNA, "Summer-2025?"));

        EwsException subscribe = assertThrows(EwsException.class, () -> ews.subscribe(wrong, List.of(inbox)));
        EwsException listen = assertThrows(EwsException.class, () -> ews.listen(wrong, subscription, 30,
                new Recorder()));

        assertEquals(EwsException.Outcome.SIGN_IN_FAILED, subscribe.outcome());
        assertEquals(EwsException.Outcome.SIGN_IN_FAILED, listen.outcome());
        assertEquals("HTTP 401", listen.code());
        assertFalse(listen.getMessage().contains("Summer-2025?"), listen.getMessage());
        fake.ntlmUser(ANNA, "anna", PASSWORD);
        EwsMailbox wrongNtlm = anna.withCredentials(new EwsCredentials.Ntlm("anna", "Summer-2025?",
                fake.ntlmDomain()));
        assertEquals(EwsException.Outcome.SIGN_IN_FAILED, assertThrows(EwsException.class,
                () -> ews.listen(wrongNtlm, subscription, 30, new Recorder())).outcome());
    }

    @Test
    @DisplayName("MP-11: a shared mailbox without access is refused at the subscription (ErrorAccessDenied)")
    void sharedWithoutAccess() {
        EwsMailbox shared = new EwsMailbox(fake.url(), SUPPORT, anna.credentials(), true);

        EwsException e = assertThrows(EwsException.class, () -> ews.subscribe(shared, List.of("inbox")));

        assertEquals(EwsException.Outcome.REFUSED, e.outcome());
        assertEquals("ErrorAccessDenied", e.code());
        assertEquals(0, fake.subscriptions(SUPPORT));
    }

    @Test
    @DisplayName("MP-11: a listener's own exception ends the listen and comes out as it is")
    void listenerFails() throws Exception {
        String subscription = ews.subscribe(anna, List.of(inbox));
        IllegalStateException broken = new IllegalStateException("the sync's queue is full");
        EwsMailClient.StreamListener listener = new EwsMailClient.StreamListener() {
            @Override
            public void opened(Closeable abort) {
                fake.add(ANNA, inbox, mail("<x@example.com>", "x"));
            }

            @Override
            public void changed(Set<String> folderIds) {
                throw broken;
            }
        };

        Future<?> listen = threads.submit(() -> {
            ews.listen(anna, subscription, 30, listener);
            return null;
        });

        assertEquals(broken, ended(listen, PROMPTLY));
    }

    @Test
    @DisplayName("MB-03: after a send, Sent Items hold its Message-ID (with or without angle brackets); another id "
            + "is not there")
    void inSentItems() {
        assertFalse(ews.inSentItems(anna, "<reply@contoso.com>"), "nothing sent yet");
        ews.send(anna, mail("<reply@contoso.com>", "Re: your order"));

        assertTrue(ews.inSentItems(anna, "<reply@contoso.com>"));
        assertTrue(ews.inSentItems(anna, "reply@contoso.com"), "as MailParser gives it");
        assertFalse(ews.inSentItems(anna, "<other@contoso.com>"));
        fake.add(ANNA, inbox, mail("<inbox@contoso.com>", "received, not sent"));
        assertFalse(ews.inSentItems(anna, "<inbox@contoso.com>"), "only Sent Items count");
        String request = fake.requests().get(fake.requests().size() - 1);
        assertTrue(request.contains("<t:DistinguishedFolderId Id=\"sentitems\"/>"), request);
        assertTrue(request.contains("MaxEntriesReturned=\"1\""), request);
        assertTrue(request.contains("<t:BaseShape>IdOnly</t:BaseShape>"), request);
    }

    @Test
    @DisplayName("MB-03, SM-01: a shared mailbox's own Sent Items are searched, not the user's")
    void inSharedSentItems() {
        fake.grant(SUPPORT, ANNA);
        EwsMailbox shared = new EwsMailbox(fake.url(), SUPPORT, anna.credentials(), true);
        ews.send(anna, mail("<mine@contoso.com>", "From Anna"));
        ews.send(shared, mail("<ticket@contoso.com>", "Re: Ticket 42"));

        assertTrue(ews.inSentItems(shared, "<ticket@contoso.com>"));
        assertFalse(ews.inSentItems(shared, "<mine@contoso.com>"), "Anna's own Sent Items are not the shared's");
        assertFalse(ews.inSentItems(anna, "<ticket@contoso.com>"));
        String request = fake.requests().get(fake.requests().size() - 2);
        assertTrue(request.contains("<t:EmailAddress>support@contoso.com</t:EmailAddress>"), request);
    }
}
