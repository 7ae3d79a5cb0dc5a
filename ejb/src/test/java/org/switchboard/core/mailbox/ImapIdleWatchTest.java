package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MB-02 against Dovecot, which offers IDLE: new mail is told within seconds, and a watch stops when told to. */
class ImapIdleWatchTest {

    private static DovecotPeer dovecot;
    private static Session session;

    @BeforeAll
    static void start() throws Exception {
        dovecot = DovecotPeer.start("anna", "secret");
        session = Session.getInstance(properties(60_000));
    }

    @AfterAll
    static void stop() throws Exception {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    private static Properties properties(int timeoutMillis) {
        Properties properties = new Properties();
        properties.setProperty("mail.imap.host", "127.0.0.1");
        properties.setProperty("mail.imap.port", String.valueOf(dovecot.port()));
        properties.setProperty("mail.imap.timeout", String.valueOf(timeoutMillis));
        return properties;
    }

    /** A listener that records what it is told, in order, with the time. */
    private static final class Recording implements ImapIdleWatch.Listener {
        final LinkedBlockingQueue<Long> newMail = new LinkedBlockingQueue<>();
        final List<String> ended = new CopyOnWriteArrayList<>();

        @Override
        public void newMail(long mailboxId) {
            newMail.add(System.nanoTime());
        }

        @Override
        public void ended(long mailboxId, String why) {
            ended.add(why);
        }
    }

    @Test
    @DisplayName("MB-02 IMAP IDLE: mail arriving in the watched INBOX is told within 5 seconds; stop ends the watch")
    void newMailWithinSeconds() throws Exception {
        Recording recording = new Recording();
        ImapIdleWatch watch = watch(7, "secret", recording);
        Thread thread = new Thread(watch, "idle-test");
        thread.start();
        try {
            // Connecting says "maybe new mail" once: mail may have come while nobody watched.
            Long connected = recording.newMail.poll(10, TimeUnit.SECONDS);
            assertTrue(connected != null, "the watch never connected");
            // The IDLE command follows the "connected" call at once; a new APPEND is then an untagged EXISTS.
            long appended = append("Hello by IDLE");
            Long told = recording.newMail.poll(5, TimeUnit.SECONDS);
            assertTrue(told != null, "no new-mail notice within 5 s of the APPEND");
            Duration delay = Duration.ofNanos(told - appended);
            assertTrue(delay.toMillis() < 5000, () -> "told after " + delay.toMillis() + " ms");
        } finally {
            watch.stop();
            thread.join(5000);
        }
        assertEquals(Thread.State.TERMINATED, thread.getState(), "stop ends the watch's thread");
        assertEquals(List.of(), recording.ended);
    }

    @Test
    @DisplayName("MB-02 IMAP IDLE: a refused log-in ends the watch for good (polling goes on) instead of retrying")
    void refusedLogIn() throws Exception {
        Recording recording = new Recording();
        ImapIdleWatch watch = watch(8, "wrong", recording);
        Thread thread = new Thread(watch, "idle-refused");
        thread.start();
        thread.join(10_000);
        assertEquals(Thread.State.TERMINATED, thread.getState());
        assertEquals(1, recording.ended.size(), recording.ended::toString);
        assertTrue(recording.ended.get(0).contains("log-in"), recording.ended::toString);
        assertTrue(recording.newMail.isEmpty());
    }

    /** A watch of anna's INBOX that logs in with the password. */
    private static ImapIdleWatch watch(long mailboxId, String password, Recording recording) {
        return new ImapIdleWatch(mailboxId, "INBOX", timeout -> {
            IMAPStore store = (IMAPStore) Session.getInstance(properties(timeout)).getStore("imap");
            store.connect("anna", password);
            return store;
        }, recording);
    }

    /** Appends a message to INBOX over a connection of its own; returns when it was appended. */
    private static long append(String subject) throws MessagingException {
        IMAPStore store = (IMAPStore) session.getStore("imap");
        store.connect("anna", "secret");
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("bob@example.org"));
            message.setSubject(subject);
            message.setText("Body of " + subject);
            message.saveChanges();
            ((IMAPFolder) store.getFolder("INBOX")).appendMessages(new Message[] {message});
            return System.nanoTime();
        } finally {
            store.close();
        }
    }
}
