package org.switchboard.it;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.switchboard.core.mailbox.DovecotPeer;

/**
 * Mail sync benchmark (MB-02), run only by the Maven profile {@code benchmark} with {@code -Dit.test=MailSyncBenchmark}
 * (README): Debian's Dovecot on loopback holds a mailbox of {@code bench.mail.n} messages (10,000; bodies of mixed
 * sizes, 5% with a file); the deployed application's first sync of it is timed from the request to the mailbox
 * being ready with every message stored, then a no-change sync (CONDSTORE) is timed five times. Before it, the first
 * sync of another mailbox of {@code bench.mail.warmup} messages (5,000; 0 for none) warms the server up, as the
 * mailboxes synced before a user's would on a running server, and is printed too: on two cores a just-deployed
 * application's first sync is mostly the JIT compilers' work. The server JVM's
 * heap is read with {@code jcmd}/{@code jstat}: its peak during the first sync and what it keeps after a GC.
 * Prints the figures; asserts only that every message was stored once, never a timing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MailSyncBenchmark {

    private static final int MESSAGES = Integer.getInteger("bench.mail.n", 10_000);
    private static final int WARMUP = Integer.getInteger("bench.mail.warmup", 5_000);
    private static final int TIMEOUT_SECONDS = Integer.getInteger("bench.timeout", 600);
    private static final String MAILBOXES = "api/v1/mailboxes";
    private static final String SECRET = "Bench-Secret-1";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    @Test
    @DisplayName("MB-02 mail sync benchmark: first sync of a large mailbox, then a no-change sync")
    void sync() throws Exception {
        String domain = Fixtures.unique("bench").toLowerCase(Locale.ROOT) + ".test";
        String address = "bench@" + domain;
        String warmAddress = "warm@" + domain;
        try (DovecotPeer dovecot = DovecotPeer.start(address, SECRET);
                DovecotPeer warmDovecot = WARMUP > 0 ? DovecotPeer.start(warmAddress, SECRET) : null) {
            long populateStart = System.nanoTime();
            long bytes = populate(dovecot.port(), address, MESSAGES);
            double populateSeconds = (System.nanoTime() - populateStart) / 1e9;
            ApiClient admin = ApiClient.asAdmin(base);
            long providerId = provider(admin, dovecot.port());
            admin.post("api/v1/mail-provider-domains", Json.createObjectBuilder().add("domain", domain)
                    .add("providerId", providerId).build()).assertCreated();
            String login = Fixtures.unique("bench");
            Fixtures.user(admin, login);
            ApiClient user = ApiClient.as(base, login, Fixtures.PASSWORD);

            double warmSeconds = Double.NaN;
            if (warmDovecot != null) {
                populate(warmDovecot.port(), warmAddress, WARMUP);
                long warmId = user.post(MAILBOXES, Json.createObjectBuilder().add("address", warmAddress)
                        .add("password", SECRET).add("providerId", provider(admin, warmDovecot.port())).build())
                        .assertCreated().getJsonNumber("id").longValue();
                warmSeconds = firstSync(user, warmId, WARMUP);
            }

            long id = user.post(MAILBOXES, Json.createObjectBuilder().add("address", address)
                    .add("password", SECRET).build()).assertCreated().getJsonNumber("id").longValue();
            long pid = ServerHeap.serverPid();
            long heapBefore = ServerHeap.heapAfterGc(pid);
            ServerHeap.Sampler sampler = new ServerHeap.Sampler(pid);
            double firstSeconds = firstSync(user, id, MESSAGES);
            long heapPeak = sampler.stop();
            long heapAfter = ServerHeap.heapAfterGc(pid);

            long[] noChange = new long[5];
            for (int i = 0; i < noChange.length; i++) {
                String before = user.get(MAILBOXES + "/" + id).object().getString("lastSyncAt");
                long t0 = System.nanoTime();
                LocalMail.syncNow(user, id);
                JsonObject again = Awaitility.await("no-change sync").atMost(ofSeconds(30)).pollInterval(ofMillis(2))
                        .until(() -> user.get(MAILBOXES + "/" + id).object(),
                                m -> !before.equals(m.getString("lastSyncAt"))
                                        && !"SYNCING".equals(m.getString("status")));
                noChange[i] = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(MESSAGES, again.getInt("emailCount"), "a no-change sync stores nothing");
            }
            Arrays.sort(noChange);
            System.out.printf(Locale.ROOT, "%nMail sync on %s: %,d messages, %.1f MB, Dovecot on loopback "
                            + "(filled in %.1f s)%n"
                            + "warm-up sync      %8.2f s  %8.0f msgs/s  (%,d messages, the deployment's first sync)%n"
                            + "first sync        %8.2f s  %8.0f msgs/s  (request to ready, every message stored)%n"
                            + "no-change sync    median %d ms, max %d ms  (request to done, 5 runs, CONDSTORE)%n"
                            + "server heap       before %d MB, peak during sync %d MB (+%d), after GC %d MB (+%d)%n",
                    TestSettings.server(), MESSAGES, bytes / 1e6, populateSeconds, warmSeconds, WARMUP / warmSeconds,
                    WARMUP, firstSeconds,
                    MESSAGES / firstSeconds, noChange[2], noChange[4], heapBefore / 1024, heapPeak / 1024,
                    (heapPeak - heapBefore) / 1024, heapAfter / 1024, (heapAfter - heapBefore) / 1024);
            assertTrue(firstSeconds > 0);
        }
    }

    /** An IMAP provider for a Dovecot on loopback; returns its id. */
    private static long provider(ApiClient admin, int port) {
        return admin.post("api/v1/mail-providers", Json.createObjectBuilder().add("type", "IMAP")
                .add("name", Fixtures.unique("Bench mail")).add("imapHost", "127.0.0.1").add("imapPort", port)
                .add("imapSecurity", "NONE").add("smtpEnabled", false).add("loginFormat", "EMAIL")
                .add("authentication", "BASIC").build()).assertCreated().getJsonNumber("id").longValue();
    }

    /** Requests the mailbox's first sync and waits until every message is stored; returns the seconds it took. */
    static double firstSync(ApiClient user, long id, int messages) {
        long start = System.nanoTime();
        LocalMail.syncNow(user, id);
        // Polled every 250 ms: at 100 ms the polls (each a log-in and a count) took 8% of the server's CPU.
        JsonObject ready = Awaitility.await("first sync of " + messages + " messages")
                .atMost(ofSeconds(TIMEOUT_SECONDS)).pollInterval(ofMillis(250))
                .until(() -> user.get(MAILBOXES + "/" + id).object(),
                        m -> !"SYNCING".equals(m.getString("status")) && m.getInt("emailCount") >= messages
                                || "FAILED".equals(m.getString("status")));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals("READY", ready.getString("status"), ready::toString);
        assertEquals(messages, ready.getInt("emailCount"), "every message stored once");
        return seconds;
    }

    /** Fills INBOX with messages received over the last three days; returns their total size in bytes. */
    private static long populate(int port, String address, int count) throws MessagingException, IOException {
        Properties properties = new Properties();
        properties.setProperty("mail.imap.host", "127.0.0.1");
        properties.setProperty("mail.imap.port", String.valueOf(port));
        Session session = Session.getInstance(properties);
        Random random = new Random(42);
        long bytes = 0;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Store store = session.getStore("imap")) {
            store.connect(address, SECRET);
            Folder inbox = store.getFolder("INBOX");
            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Date date = Date.from(now.minusSeconds((long) (count - i) * 20).toInstant());
                MimeMessage message = message(session, random, i, address, date);
                bytes += source(message).length;
                batch.add(message);
                if (batch.size() == 200) {
                    inbox.appendMessages(batch.toArray(Message[]::new));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                inbox.appendMessages(batch.toArray(Message[]::new));
            }
        }
        return bytes;
    }

    /**
     * Benchmark message {@code i}: text of 500 to 20,500 characters, every twentieth with a file of 20 to 200 kB, as a
     * mail client writes it (Jakarta Mail's boundaries and encodings); the same for the IMAP and the Graph benchmark.
     */
    static MimeMessage message(Session session, Random random, int i, String address, Date date)
            throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            public Date getReceivedDate() {
                return date;
            }
        };
        message.setFrom(new InternetAddress("sender" + random.nextInt(500) + "@example.org"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(address));
        message.setSubject("Benchmark message " + i);
        message.setSentDate(date);
        String text = text(random, 500 + random.nextInt(20_000));
        if (i % 20 == 0) {
            MimeBodyPart body = new MimeBodyPart();
            body.setText(text, "UTF-8");
            MimeBodyPart file = new MimeBodyPart();
            byte[] content = new byte[20_000 + random.nextInt(180_000)];
            random.nextBytes(content);
            file.setContent(content, "application/octet-stream");
            file.setFileName("file-" + i + ".bin");
            message.setContent(new MimeMultipart(body, file));
        } else {
            message.setText(text, "UTF-8");
        }
        message.saveChanges();
        return message;
    }

    /** The message as it is sent: its MIME source. */
    static byte[] source(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /** Words of a business mail, {@code length} characters of them, with line breaks now and then. */
    static String text(Random random, int length) {
        String words = "offer contract invoice delivery meeting customer price order quarter report ";
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            int from = random.nextInt(words.length() - 10);
            text.append(words, from, from + 10);
            if (random.nextInt(12) == 0) {
                text.append("\r\n");
            }
        }
        return text.toString();
    }
}
