package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.exchange.GraphFake;
import org.switchboard.core.mailbox.DovecotPeer;
import org.switchboard.it.ChatScenario.Operator;

/**
 * Transaction recovery after a crash, on PostgreSQL (issue 17, item 10). An operator's reply on a Custom (JMS) channel
 * commits the database and the broker together, in a two-phase commit. The server's JVM is killed (SIGKILL) while
 * such commits are in flight, at a moment when PostgreSQL holds a prepared transaction ({@code pg_prepared_xacts}):
 * its row locks stay until a transaction manager commits or rolls it back. After the restart the server's recovery
 * must resolve it within a minute, and every chat must take replies again (a left-over prepared transaction holds
 * its chat's row lock, and a reply to that chat waits for it forever). The same server is also killed in the middle of
 * a mailbox's first sync (issue 17, item 2): after the restart the sync resumes at once and stores every message once;
 * and in the middle of a Microsoft 365 mailbox's first contact sync (issue 21 item 5): it resumes by itself from the
 * last page it committed and imports every contact once.
 *
 * <p>Not an Arquillian test: it must kill the server and start it again. It starts an embedded PostgreSQL, configures
 * its own server installation ({@code target/servers/recovery/}) with the config module's scripts against it, deploys
 * the EAR and drives chats over REST. It runs in its own Failsafe executions, when no other test server runs (same
 * ports). With {@code -Dswitchboard.test.recovery.database=h2} it runs on an H2 file database instead, whose
 * prepared transactions ({@code information_schema.in_doubt}) also survive a crash with their locks. See
 * docs/servers.md, "Transaction recovery test".
 */
class TransactionRecoveryIT {

    /** How many kills may miss the two-phase commits before the test gives up. */
    private static final int KILL_ATTEMPTS = 3;
    private static final String DB_NAME = "switchboard";
    /** The database account of the server (H2: its default, sa/sa). */
    private static final String DB_USER = h2() ? "sa" : "switchboard";
    private static final String DB_PASSWORD = h2() ? "sa" : "Recovery-Test-1";
    private static final int OPERATORS = 4;
    private static final int CHATS_PER_OPERATOR = 4;
    /** How long the load may run without a prepared transaction caught before the test gives up. */
    private static final Duration CATCH_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(60);
    private static final Duration REPLY_DEADLINE = Duration.ofSeconds(20);
    /** How long a failed test still watches the prepared transactions, to say whether and when recovery ends them. */
    private static final Duration LATE_RECOVERY_WATCH = Duration.ofMinutes(5);
    private static final Duration LOAD_REPLY_TIMEOUT = Duration.ofSeconds(30);
    /** The mail test's mailbox: enough messages that the kill lands mid-sync (about 1,300 are stored a second). */
    private static final int MAIL_MESSAGES = 4000;
    private static final int MAIL_KILL_AFTER = 300;
    private static final String MAIL_PASSWORD = "Crash-Mail-1";
    private static final Duration MAIL_RESUME_DEADLINE = Duration.ofSeconds(10);
    /** The contact test's Outlook folder: enough contacts that the kill lands mid-import (pages of 100). */
    private static final int CONTACTS = 3000;
    private static final int CONTACTS_KILL_AFTER = 300;

    @RegisterExtension
    static final Browser browser = new Browser();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static final long STARTED = System.nanoTime();
    private static Database database;
    private static RecoveryServer server;

    @BeforeAll
    static void databaseAndServer() throws IOException, SQLException {
        assertFalse(RecoveryServer.portInUse(8080), "port 8080 is in use: another server runs");
        server = RecoveryServer.of(TestSettings.container(), Paths.get(setting("switchboard.test.recovery.home")),
                Paths.get(setting("switchboard.test.config.scripts")));
        database = h2()
                ? new H2(server.home.resolveSibling("data-" + TestSettings.container()).resolve("switchboard"))
                : new PostgreSql(Integer.parseInt(setting("switchboard.test.recovery.pg.port")));
        log(database.describe());

        int microsoft = Integer.parseInt(setting("switchboard.test.microsoft.port"));
        List<String> arguments = new ArrayList<>(List.of("--db-url=" + database.url(), "--db-user=" + DB_USER,
                "--property=switchboard.microsoft.login-url=http://localhost:" + microsoft,
                "--property=switchboard.microsoft.graph-url=http://localhost:" + microsoft + "/v1.0",
                "--secret-key=" + TestSettings.secretKey(), "--mode=development",
                "--admin-password=" + TestSettings.adminPassword(),
                "--heap=" + setting("switchboard.test.server.heap")));
        if (database instanceof PostgreSql) {
            arguments.add("--driver-jar=" + setting("switchboard.test.postgresql.driver"));
        }
        server.configure(arguments,
                Map.of("SB_DB_PASSWORD", DB_PASSWORD, "SB_JMS_PASSWORD", TestSettings.jmsPassword()));
        log("configured " + server.home);
        server.start(Paths.get(setting("switchboard.ear")));
        log("started and deployed on " + TestSettings.server());
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (server != null) {
                try {
                    server.thaw(); // in case a failure left it frozen
                } catch (RuntimeException e) {
                    // not running
                }
                server.stop();
                log("stopped");
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    /** An operator's accepted chat. */
    private record Conversation(Operator operator, long chatId) {
    }

    @Test
    @DisplayName("CH-12 X-03 a server killed during two-phase commits (a reply commits the database and the JMS "
            + "topic) resolves the database's prepared transactions at restart, and every chat takes replies")
    void recoversInDoubtTransactions() throws Exception {
        URL base = Deployments.application();
        List<Conversation> chats = acceptedChats(new ChatScenario(base));
        log(chats.size() + " chats accepted by " + OPERATORS + " operators");

        // A kill can come just after the commits it was aimed at (a COMMIT PREPARED already on its way to PostgreSQL
        // completes without the JVM): then nothing is left to recover, and the server is started again for another
        // try rather than the test failing on its own timing (seen once on Payara in a full run).
        List<String> inDoubt = killDuringTwoPhaseCommits(chats);
        for (int attempt = 2; attempt <= KILL_ATTEMPTS && inDoubt.isEmpty(); attempt++) {
            log("the kill left nothing to recover: the server starts again for attempt " + attempt);
            server.start(null);
            inDoubt = killDuringTwoPhaseCommits(chats);
        }
        int logged = server.loggedDecisions();
        log("the kill left " + inDoubt.size() + " prepared transaction(s): " + inDoubt
                + (logged < 0 ? "" : "; " + logged + " decided transaction(s) in the server's log, so at least "
                + Math.max(0, inDoubt.size() - logged) + " undecided"));
        assertFalse(inDoubt.isEmpty(), "the kill left a prepared transaction");

        long restart = System.nanoTime();
        server.start(null);
        log("restarted in " + seconds(restart) + " s");
        long ready = System.nanoTime();
        List<String> left = inDoubt;
        while (!left.isEmpty() && System.nanoTime() - ready < RECOVERY_DEADLINE.toNanos()) {
            RecoveryServer.sleep(250);
            left = database.inDoubt();
        }
        log(left.isEmpty() ? database.inDoubtTable() + " empty " + seconds(ready) + " s after the server was ready ("
                + seconds(restart) + " s after the restart began)"
                : database.inDoubtTable() + " still holds " + left + " " + seconds(ready)
                        + " s after the server was ready");
        if (!left.isEmpty()) {
            // The test fails; how much longer recovery takes, if at all, tells why.
            List<String> later = left;
            while (!later.isEmpty() && System.nanoTime() - ready < LATE_RECOVERY_WATCH.toNanos()) {
                RecoveryServer.sleep(1000);
                later = database.inDoubt();
            }
            log(later.isEmpty() ? database.inDoubtTable() + " empty only " + seconds(ready) + " s after the server was "
                    + "ready" : "still not empty " + seconds(ready) + " s after the server was ready");
        }

        List<String> refused = new ArrayList<>();
        for (Conversation chat : chats) {
            String outcome = reply(chat, "After the restart");
            if (!outcome.equals("201")) {
                refused.add("chat " + chat.chatId() + ": " + outcome);
            }
        }
        log(refused.isEmpty() ? "every chat took a reply" : "replies refused or stuck: " + refused);
        String broker = server.brokerPreparedTransactions();
        log("broker's prepared transactions: " + broker);

        assertTrue(left.isEmpty(), "prepared transactions left " + RECOVERY_DEADLINE.toSeconds()
                + " s after the restarted server was ready: " + left);
        assertEquals(List.of(), refused, "every chat takes a reply within " + REPLY_DEADLINE.toSeconds() + " s");
        assertTrue(TestSettings.onWildFly() ? broker.replace(" ", "").contains("\"result\"=>[]")
                : broker.contains("There are no transactions to list."),
                "the broker holds no prepared transaction: " + broker);
    }

    @Test
    @DisplayName("MB-02 a server killed in the middle of a mailbox's first sync (Dovecot): after the restart the sync "
            + "resumes within 10 s ('Load mail now' taken, or loading already) and ends with every message "
            + "exactly once")
    void mailSyncResumesAfterKill() throws Exception {
        URL base = Deployments.application();
        String address = Fixtures.unique("crash") + "@example.org";
        try (DovecotPeer dovecot = DovecotPeer.start(address, MAIL_PASSWORD)) {
            Set<String> messageIds = populate(dovecot.port(), address);
            log(MAIL_MESSAGES + " messages in Dovecot's " + address);
            ApiClient admin = ApiClient.asAdmin(base);
            long provider = admin.post("api/v1/mail-providers", Json.createObjectBuilder().add("type", "IMAP")
                    .add("name", Fixtures.unique("Crash mail")).add("imapHost", "127.0.0.1")
                    .add("imapPort", dovecot.port()).add("imapSecurity", "NONE").add("smtpEnabled", false)
                    .add("loginFormat", "EMAIL").add("authentication", "BASIC").build())
                    .assertCreated().getJsonNumber("id").longValue();
            String login = Fixtures.unique("crash");
            Fixtures.user(admin, login);
            ApiClient user = ApiClient.as(base, login, Fixtures.PASSWORD);
            long id = user.post("api/v1/mailboxes", Json.createObjectBuilder().add("address", address)
                    .add("password", MAIL_PASSWORD).add("providerId", provider).build())
                    .assertCreated().getJsonNumber("id").longValue();

            ApiResponse load = user.post("api/v1/mailboxes/" + id + "/sync", JsonValue.EMPTY_JSON_OBJECT);
            assertEquals(202, load.status(), load::toString);
            long began = System.nanoTime();
            int stored = 0;
            while (stored < MAIL_KILL_AFTER) {
                if (System.nanoTime() - began > CATCH_TIMEOUT.toNanos()) {
                    fail("the first sync stored only " + stored + " e-mails in " + CATCH_TIMEOUT.toSeconds() + " s");
                }
                RecoveryServer.sleep(20);
                stored = storedEmails(id);
            }
            server.kill();
            int beforeKill = h2() ? stored : storedEmails(id); // H2 died with the server: the last count read
            log("killed the server " + seconds(began) + " s into the first sync, " + beforeKill + " of "
                    + MAIL_MESSAGES + " e-mails stored");
            assertTrue(beforeKill < MAIL_MESSAGES, "the kill came before the sync's end (" + beforeKill + " stored)");

            long restart = System.nanoTime();
            server.start(null);
            long ready = System.nanoTime();
            log("restarted in " + seconds(restart) + " s");
            // "Load mail now" is taken (202), or the sync has resumed by itself already (409, loading): the dead
            // run's claim was released at the start. A claim left behind would also answer 409, but nothing would
            // be stored: the wait below tells the two apart.
            ApiResponse again = user.post("api/v1/mailboxes/" + id + "/sync", JsonValue.EMPTY_JSON_OBJECT);
            assertTrue(again.status() == 202 || again.status() == 409 && again.body().contains("loading already"),
                    "'Load mail now' after the restart: " + again);
            log("'Load mail now' after the restart: " + (again.status() == 202 ? "202, taken"
                    : "409, the sync had resumed by itself"));
            while (storedEmails(id) <= beforeKill) {
                if (System.nanoTime() - ready > MAIL_RESUME_DEADLINE.toNanos()) {
                    fail("the sync did not resume within " + MAIL_RESUME_DEADLINE.toSeconds() + " s of the server "
                            + "being ready (" + storedEmails(id) + " e-mails stored, " + beforeKill
                            + " before the kill)");
                }
                RecoveryServer.sleep(100);
            }
            log("the sync resumed " + seconds(ready) + " s after the server was ready");
            Awaitility.await("mailbox " + id + " synced with " + MAIL_MESSAGES + " e-mails")
                    .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> user.get("api/v1/mailboxes/" + id).object(),
                            m -> "READY".equals(m.getString("status")) && m.getInt("emailCount") >= MAIL_MESSAGES);
            log("the first sync ended " + seconds(ready) + " s after the server was ready");

            List<String> storedIds = rows(database::application,
                    "SELECT message_id FROM email_message WHERE mailbox_id = " + id).stream()
                    .map(m -> m.replaceAll("^<|>$", "")).toList();
            assertEquals(MAIL_MESSAGES, storedIds.size(), "one stored e-mail per message, none twice");
            assertEquals(messageIds, new HashSet<>(storedIds), "the stored Message-IDs are Dovecot's");
        }
    }

    @Test
    @DisplayName("EC-01 a server killed in the middle of a Microsoft 365 mailbox's first contact sync (the Graph fake): "
            + "at the restart the dead run's claim is released, the sync resumes by itself from the last page it "
            + "committed and ends with every Outlook contact imported exactly once")
    void contactSyncResumesAfterKill() throws Exception {
        URL base = Deployments.application();
        ApiClient admin = ApiClient.asAdmin(base);
        GraphFake graph = MicrosoftFake.get();
        graph.redirectUri(base + "oauth/microsoft/callback");
        MicrosoftFake.Provider provider = MicrosoftFake.provider(admin);
        String tag = Fixtures.unique("k").toLowerCase(Locale.ROOT);
        String address = "crash-" + tag + "@" + provider.domain();
        graph.mailbox(address);
        String folder = graph.defaultContactFolder(address);
        for (int i = 0; i < CONTACTS; i++) {
            graph.addContact(address, folder, Jsons.object().add("givenName", "Kim" + i).add("surname", "Crash " + tag)
                    .add("displayName", "Kim" + i + " Crash " + tag).add("companyName", "Crash Ltd").build());
        }
        String login = Fixtures.unique("crashsync");
        Fixtures.user(admin, login);
        ApiClient user = ApiClient.as(base, login, Fixtures.PASSWORD);
        Pages pages = new Pages(browser, base);
        pages.signIn(login, Fixtures.PASSWORD);
        long mailbox = MicrosoftFake.connect(pages, browser, user, address);
        String sync = "api/v1/mailboxes/" + mailbox + "/contact-sync";
        JsonObject settings = user.get(sync).object();
        user.put(sync, Json.createObjectBuilder().add("version", settings.getJsonNumber("version").longValue())
                .add("exportMode", "NONE").build()).object();
        assertEquals(202, user.post(sync + "/run", null).status());

        long began = System.nanoTime();
        int imported = 0;
        while (imported < CONTACTS_KILL_AFTER) {
            if (System.nanoTime() - began > CATCH_TIMEOUT.toNanos()) {
                fail("the first contact sync imported only " + imported + " contacts in "
                        + CATCH_TIMEOUT.toSeconds() + " s");
            }
            RecoveryServer.sleep(20);
            imported = importedContacts(tag);
        }
        server.kill();
        int beforeKill = h2() ? imported : importedContacts(tag);
        log("killed the server " + seconds(began) + " s into the first contact sync, " + beforeKill + " of "
                + CONTACTS + " contacts imported");
        assertTrue(beforeKill < CONTACTS, "the kill came before the sync's end (" + beforeKill + " imported)");

        server.start(null);
        long ready = System.nanoTime();
        JsonObject done = Awaitility.await("the contact sync of mailbox " + mailbox + " resumed and ready")
                .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> user.get(sync).object(), s -> "READY".equals(s.getString("status"))
                        && !s.getBoolean("running") && !s.getString("lastSyncedAt", "").isEmpty());
        log("the contact sync resumed by itself and ended " + seconds(ready) + " s after the server was ready");
        assertEquals(List.of(), done.getJsonArray("issues"), "nothing failed");
        assertEquals(CONTACTS, importedContacts(tag), "every Outlook contact imported once");
        assertEquals(String.valueOf(CONTACTS), rows(database::application, "SELECT count(DISTINCT remote_id) FROM "
                + "contact_sync_link WHERE mailbox_id = " + mailbox).get(0), "one link per Outlook contact");
    }

    /** How many contacts of the contact test the CRM holds (read with the test's own connection). */
    private static int importedContacts(String tag) {
        return Integer.parseInt(rows(database::application,
                "SELECT count(*) FROM contact WHERE name LIKE '% Crash " + tag + "'").get(0));
    }

    /** Appends the mail test's messages to Dovecot's INBOX, 200 at a time; returns their Message-IDs. */
    private static Set<String> populate(int port, String address) throws MessagingException {
        Properties properties = new Properties();
        properties.setProperty("mail.imap.host", "127.0.0.1");
        properties.setProperty("mail.imap.port", String.valueOf(port));
        Session session = Session.getInstance(properties);
        Set<String> messageIds = new HashSet<>();
        try (Store store = session.getStore("imap")) {
            store.connect(address, MAIL_PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < MAIL_MESSAGES; i++) {
                String messageId = "crash-" + i + "." + address;
                messageIds.add(messageId);
                // Parsed from its source, so that the Message-ID stays (saveChanges would make a new one).
                batch.add(new MimeMessage(session, new ByteArrayInputStream(("From: bob@example.org\r\nTo: "
                        + address + "\r\nSubject: Before the crash " + i + "\r\nMessage-ID: <" + messageId
                        + ">\r\n\r\nBody " + i + "\r\n").getBytes(StandardCharsets.UTF_8))));
                if (batch.size() == 200 || i == MAIL_MESSAGES - 1) {
                    inbox.appendMessages(batch.toArray(Message[]::new));
                    batch.clear();
                }
            }
        }
        return messageIds;
    }

    /** How many e-mails of the mailbox the database holds (read with the test's own connection). */
    private static int storedEmails(long mailboxId) {
        return Integer.parseInt(rows(database::application,
                "SELECT count(*) FROM email_message WHERE mailbox_id = " + mailboxId).get(0));
    }

    /** Fresh operators, each with a To-all queue and a Custom channel, and chats they accepted. */
    private static List<Conversation> acceptedChats(ChatScenario scenario) {
        List<Conversation> chats = new ArrayList<>();
        for (int i = 0; i < OPERATORS; i++) {
            Operator operator = scenario.operator("recovery");
            long channel = scenario.channel(scenario.queue("TO_ALL", null, operator), true);
            for (int c = 0; c < CHATS_PER_OPERATOR; c++) {
                long chat = scenario.openChat(channel, Fixtures.unique("before the crash"));
                ApiResponse accepted = operator.api().post("api/v1/chats/" + chat + "/accept",
                        JsonValue.EMPTY_JSON_OBJECT);
                assertEquals(200, accepted.status(), accepted::toString);
                chats.add(new Conversation(operator, chat));
            }
        }
        return chats;
    }

    /**
     * Replies to every chat, one thread per chat, and watches {@code pg_prepared_xacts} from the test's own
     * connection; the server is killed as soon as it holds a prepared transaction. Returns what the kill left there
     * (empty when the commits finished before the JVM died).
     */
    private static List<String> killDuringTwoPhaseCommits(List<Conversation> chats) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(chats.size());
        for (Conversation chat : chats) {
            load.execute(() -> {
                while (!stop.get()) {
                    try {
                        if (reply(chat, "Reply " + sent.get(), LOAD_REPLY_TIMEOUT).statusCode() == 201) {
                            sent.incrementAndGet();
                        }
                    } catch (IOException | RuntimeException e) {
                        RecoveryServer.sleep(20); // the server is gone
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        long began = System.nanoTime();
        int polls = 0;
        int thawed = 0;
        try (Connection watcher = database.watcher();
                PreparedStatement count = watcher.prepareStatement(database.countInDoubt())) {
            while (true) {
                polls++;
                if (prepared(count) > Math.max(0, server.loggedDecisions())) {
                    if (!database.readableWhileServerFrozen()) {
                        server.kill();
                        break;
                    }
                    // Stop the world, then decide: a frozen server finishes no commit, so what the test reads now is
                    // what the kill leaves. Where its log is readable (WildFly), the kill waits for a prepared branch
                    // of a transaction not decided yet (more branches than decisions, as a decided transaction holds
                    // at most one): recovery's slower case, presumed abort after a safety interval.
                    server.freeze();
                    if (prepared(count) > Math.max(0, server.loggedDecisions())) {
                        server.kill();
                        break;
                    }
                    server.thaw();
                    thawed++;
                }
                if (System.nanoTime() - began > CATCH_TIMEOUT.toNanos()) {
                    fail("no prepared transaction caught in " + CATCH_TIMEOUT.toSeconds() + " s of replies ("
                            + sent.get() + " sent, " + thawed + " freezes too late)");
                }
            }
        } catch (SQLException e) {
            if (server.alive()) {
                throw e;
            } // H2: the watcher's connection died with the server that held the database
        } finally {
            stop.set(true);
            load.shutdown();
            load.awaitTermination(2, TimeUnit.MINUTES);
        }
        log("killed the server after " + seconds(began) + " s of load: " + sent.get() + " replies, " + polls
                + " polls of " + database.inDoubtTable() + ", " + thawed + " freezes too late");
        return database.inDoubt();
    }

    private static int prepared(PreparedStatement count) throws SQLException {
        try (ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Posts a reply that must be answered within {@link #REPLY_DEADLINE}: "201", or what went wrong. */
    private static String reply(Conversation chat, String text) {
        try {
            HttpResponse<String> response = reply(chat, text, REPLY_DEADLINE);
            return response.statusCode() == 201 ? "201" : response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "no answer within " + REPLY_DEADLINE.toSeconds() + " s (" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An operator's reply over HTTP/1.1, one request per connection at most: a request stuck behind a lock must not
     * take the operator's other chats down with it (Payara ends an HTTP/2 connection with GOAWAY when a request on it
     * times out).
     */
    private static HttpResponse<String> reply(Conversation chat, String text, Duration timeout)
            throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((chat.operator().login() + ":" + Fixtures.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(Deployments.resolve(Deployments.application(),
                        "api/v1/chats/" + chat.chatId() + "/messages"))
                .timeout(timeout).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("text", text).build()
                        .toString(), StandardCharsets.UTF_8)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The database the server is configured with, and where the test reads its prepared transactions. */
    private interface Database extends AutoCloseable {

        String describe();

        /** The JDBC URL the server is configured with (user {@link #DB_USER}, password {@link #DB_PASSWORD}). */
        String url();

        /** Where the database lists its prepared transactions, for messages. */
        String inDoubtTable();

        /** A connection of the test's own to watch the prepared transactions while the server runs. */
        Connection watcher() throws SQLException;

        /** A connection to the application's own database, as the server's database user. */
        default Connection application() throws SQLException {
            return DriverManager.getConnection(url(), DB_USER, DB_PASSWORD);
        }

        /** A query of one number: the prepared transactions now. */
        String countInDoubt();

        /** The prepared transactions now, as text. */
        List<String> inDoubt();

        /** Whether the test can read the prepared transactions while the server's JVM is stopped (SIGSTOP). */
        boolean readableWhileServerFrozen();

        @Override
        void close() throws IOException;
    }

    /** An embedded PostgreSQL with prepared transactions allowed, fresh for each run. */
    private static final class PostgreSql implements Database {

        private final EmbeddedPostgres postgres;

        PostgreSql(int port) throws IOException, SQLException {
            // max_prepared_transactions > 0 is what XA on PostgreSQL needs (docs/servers.md, PostgreSQL).
            postgres = EmbeddedPostgres.builder().setPort(port)
                    .setServerConfig("max_prepared_transactions", "100")
                    .setServerConfig("max_connections", "200")
                    .start();
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE ROLE " + DB_USER + " LOGIN PASSWORD '" + DB_PASSWORD + "'");
                statement.execute("CREATE DATABASE " + DB_NAME + " OWNER " + DB_USER);
            }
        }

        @Override
        public String describe() {
            return "embedded PostgreSQL on port " + postgres.getPort();
        }

        @Override
        public String url() {
            return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DB_NAME;
        }

        @Override
        public String inDoubtTable() {
            return "pg_prepared_xacts";
        }

        @Override
        public Connection watcher() throws SQLException {
            return postgres.getPostgresDatabase().getConnection();
        }

        @Override
        public String countInDoubt() {
            return "SELECT count(*) FROM pg_prepared_xacts";
        }

        @Override
        public List<String> inDoubt() {
            return rows(this::watcher, "SELECT gid, owner, database FROM pg_prepared_xacts");
        }

        @Override
        public boolean readableWhileServerFrozen() {
            return true;
        }

        @Override
        public void close() throws IOException {
            postgres.close();
        }
    }

    /**
     * The H2 file database the server embeds, fresh for each run, opened with AUTO_SERVER so that the test can read
     * {@code information_schema.in_doubt} while the server runs, and open the file itself while the server is down.
     */
    private static final class H2 implements Database {

        private final Path file;

        H2(Path file) throws IOException {
            this.file = file;
            Path folder = file.getParent();
            if (Files.exists(folder)) {
                try (Stream<Path> old = Files.walk(folder)) {
                    for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(folder);
        }

        @Override
        public String describe() {
            return "H2 file database " + file;
        }

        @Override
        public String url() {
            return "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE";
        }

        @Override
        public String inDoubtTable() {
            return "information_schema.in_doubt";
        }

        @Override
        public Connection watcher() throws SQLException {
            return DriverManager.getConnection(url(), DB_USER, DB_PASSWORD);
        }

        @Override
        public String countInDoubt() {
            return "SELECT count(*) FROM information_schema.in_doubt";
        }

        @Override
        public List<String> inDoubt() {
            return rows(this::watcher, "SELECT transaction_name, transaction_state FROM information_schema.in_doubt");
        }

        /** No: the server's JVM runs the database. */
        @Override
        public boolean readableWhileServerFrozen() {
            return false;
        }

        @Override
        public void close() {
        }
    }

    private interface ConnectionSource {
        Connection get() throws SQLException;
    }

    private static List<String> rows(ConnectionSource source, String query) {
        try (Connection connection = source.get();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            int columns = rows.getMetaData().getColumnCount();
            List<String> found = new ArrayList<>();
            while (rows.next()) {
                StringBuilder row = new StringBuilder(rows.getString(1));
                for (int column = 2; column <= columns; column++) {
                    row.append(column == 2 ? " (" : ", ").append(rows.getString(column));
                }
                found.add(columns > 1 ? row.append(')').toString() : row.toString());
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code -Dswitchboard.test.recovery.database=h2} runs the test on H2 instead of PostgreSQL. */
    private static boolean h2() {
        return "h2".equals(System.getProperty("switchboard.test.recovery.database"));
    }

    private static String setting(String name) {
        return TestSettings.required(name);
    }

    private static String seconds(long since) {
        return String.format("%.1f", (System.nanoTime() - since) / 1e9);
    }

    private static void log(String message) {
        System.out.println("[recovery] " + seconds(STARTED) + " s  " + message);
    }
}
