package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.exchange.EwsCredentials;
import org.switchboard.core.exchange.EwsFake;
import org.switchboard.core.exchange.EwsJavaApiMailClient;
import org.switchboard.core.exchange.EwsMailbox;

/**
 * MP-11 on Exchange Server: {@link EwsStreamingWatch} with the real EWS client against {@link EwsFake}. A new
 * subscription and each notification ask for a sync; a connection Exchange ends is followed by the next on the same
 * subscription, a subscription Exchange forgot is made again, a refused token is replaced once, a refused password ends
 * the watch (polling goes on), and {@link EwsStreamingWatch#stop} ends its thread at once.
 */
class EwsStreamingWatchTest {

    private static final String ANNA = "anna@contoso.com";
    private static final String PASSWORD = "Winter-2026!";
    private static final long MAILBOX_ID = 41;
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private EwsFake fake;
    private String inbox;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ImapIdleWatch.Listener listener = new ImapIdleWatch.Listener() {
        @Override
        public void newMail(long mailboxId) {
            events.add("newMail " + mailboxId);
        }

        @Override
        public void ended(long mailboxId, String why) {
            events.add("ended " + mailboxId + ": " + why);
        }
    };
    private EwsStreamingWatch watch;
    private Thread thread;

    @BeforeEach
    void start() throws Exception {
        fake = new EwsFake();
        inbox = fake.mailbox(ANNA);
        fake.password(ANNA, ANNA, PASSWORD);
        // A "minute" of ConnectionTimeout lasts 50 ms here: a 29-minute connection ends after 1.45 s.
        fake.streamingMinute(Duration.ofMillis(50));
        // Heartbeats often: the fake sees a connection the watch closed at its next write.
        fake.heartbeat(Duration.ofMillis(100));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (watch != null) {
            watch.stop();
            thread.join(PROMPTLY.toMillis());
        }
        fake.close();
    }

    private void watch(EwsStreamingWatch.Access access) {
        watch = new EwsStreamingWatch(MAILBOX_ID, List.of(inbox), new EwsJavaApiMailClient(), access, listener, 29);
        thread = new Thread(watch, "ews-watch-test");
        thread.start();
    }

    private EwsMailbox basic(String password) {
        return new EwsMailbox(fake.url(), ANNA, new EwsCredentials.Basic(ANNA, password), false);
    }

    private static byte[] mail(String subject) {
        return ("Message-ID: <" + subject.replace(' ', '-') + "@example.com>\r\nFrom: bob@example.com\r\nTo: " + ANNA
                + "\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nHi\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(PROMPTLY).pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
    }

    private long newMails() {
        return events.stream().filter(e -> e.startsWith("newMail")).count();
    }

    @Test
    @DisplayName("MP-11 the new subscription asks for a sync, new mail asks again within seconds, the next connection "
            + "keeps the subscription, and stop ends the thread at once")
    void notifiesAndStops() throws Exception {
        watch(refused -> basic(PASSWORD));
        await("subscribed and listening", () -> fake.listening(ANNA) == 1);
        assertEquals(1, newMails(), "the new subscription asks for a sync: mail may have come meanwhile");

        fake.add(ANNA, inbox, mail("Order 1"));
        await("the new mail notified", () -> newMails() == 2);

        // Exchange ends the connection after its timeout: the watch listens again on the same subscription, and a
        // new connection alone asks for nothing (Exchange kept the events meanwhile).
        int heard = fake.requests().size();
        await("a second connection", () -> fake.requests().stream().skip(heard)
                .anyMatch(r -> r.contains("GetStreamingEvents")) && fake.listening(ANNA) == 1);
        assertEquals(1, fake.subscriptions(ANNA));
        assertEquals(2, newMails(), events::toString);
        fake.add(ANNA, inbox, mail("Order 2"));
        await("mail on the second connection notified", () -> newMails() == 3);

        long stopping = System.nanoTime();
        watch.stop();
        thread.join(PROMPTLY.toMillis());
        assertTrue(!thread.isAlive() && System.nanoTime() - stopping < Duration.ofSeconds(2).toNanos(),
                "stop ends the open connection and the thread at once");
        await("the connection closed", () -> fake.listening(ANNA) == 0);
    }

    @Test
    @DisplayName("MP-11 a subscription Exchange forgot (a restart) is made again, with a sync for what may have come")
    void forgottenSubscriptionMadeAgain() throws Exception {
        watch(refused -> basic(PASSWORD));
        await("listening", () -> fake.listening(ANNA) == 1);
        fake.dropSubscriptions(ANNA);

        await("subscribed again", () -> fake.subscriptions(ANNA) == 1 && fake.listening(ANNA) == 1
                && newMails() == 2);
        fake.add(ANNA, inbox, mail("After the restart"));
        await("the new mail notified", () -> newMails() == 3);
    }

    @Test
    @DisplayName("MP-11 MO-02 a token Exchange refuses is replaced once and the watch goes on; a refused password "
            + "ends it, and polling goes on")
    void refusedSignIns() throws Exception {
        fake.acceptToken("token-2", ANNA);
        AtomicInteger replaced = new AtomicInteger();
        watch(refused -> {
            if (refused == null) {
                return new EwsMailbox(fake.url(), ANNA, new EwsCredentials.Bearer("token-1"), false);
            }
            replaced.incrementAndGet();
            return refused.withCredentials(new EwsCredentials.Bearer("token-2"));
        });
        await("listening with the new token", () -> fake.listening(ANNA) == 1);
        assertEquals(1, replaced.get());
        watch.stop();
        thread.join(PROMPTLY.toMillis());
        events.clear();
        int subscriptions = fake.subscriptions(ANNA);

        watch(refused -> refused == null ? basic("wrong") : null);
        await("the watch ended", () -> !thread.isAlive());
        assertEquals(1, events.size(), events::toString);
        assertTrue(events.get(0).startsWith("ended " + MAILBOX_ID + ": Exchange refused the sign-in"), events::toString);
        assertEquals(subscriptions, fake.subscriptions(ANNA), "nothing subscribed");
    }
}
