package org.switchboard.it;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mailboxes on the deployed EAR against GreenMail (MB-01, MB-02, MB-07, MB-08, MP-04): the wizard detects the
 * provider, tries a real log-in (plain and SSL/TLS) and creates nothing when it fails; the first sync loads the
 * period's mail of every folder, a second one only the new mail; each e-mail is published and stays its owner's; the
 * {@code MailboxSyncInterval} timer loads new mail without being asked.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MailboxesIT {

    private static final String MAILBOXES = "api/v1/mailboxes";
    private static final String SECRET = "Mail-Secret-1";
    private static final String SYNC_INTERVAL = "api/v1/settings/MailboxSyncInterval";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort(),
            ServerSetupTest.SMTPS.dynamicPort(), ServerSetupTest.IMAPS.dynamicPort()}).withPerMethodLifecycle(false);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    private ApiClient admin() {
        return ApiClient.asAdmin(base);
    }

    private ApiClient newUser() {
        String login = Fixtures.unique("mailer");
        Fixtures.user(admin(), login);
        return ApiClient.as(base, login, Fixtures.PASSWORD);
    }

    /** A provider for the local GreenMail, plain or SSL/TLS, with a domain of its own; returns {id, domain}. */
    private String[] provider(boolean tls) {
        LocalMail.Provider provider = LocalMail.provider(admin(), MAIL, tls, null);
        return new String[] {String.valueOf(provider.id()), provider.domain()};
    }

    private static JsonObject connect(ApiClient user, String address, String password) {
        return user.post(MAILBOXES, Json.createObjectBuilder().add("address", address).add("password", password)
                .build()).assertCreated();
    }

    @Test
    @DisplayName("MB-02 issue 18 item 7: a message with a 25 MB file is loaded by streaming; the file downloads byte "
            + "for byte")
    void largeFileStreamed() throws Exception {
        String[] provider = provider(false);
        String address = "lena@" + provider[1];
        MAIL.setUser(address, address, SECRET);
        byte[] scans = new byte[25 * 1024 * 1024];
        new java.util.Random(18).nextBytes(scans);
        LocalMail.appendFile(MAIL, address, SECRET, "INBOX", "Contract scans",
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), "The scans are attached.", "scans.bin",
                "application/octet-stream", scans);
        ApiClient user = newUser();

        long started = System.nanoTime();
        long id = LocalMail.connectAndSync(user, address, SECRET, 1);
        System.out.printf(java.util.Locale.ROOT, "[streaming] %s: a message with a 25 MB file loaded in %.1f s%n",
                TestSettings.server(), (System.nanoTime() - started) / 1e9);

        JsonObject email = user.get(MAILBOXES + "/emails/" + emails(user, id).get(0).getJsonNumber("id").longValue())
                .object();
        assertEquals("The scans are attached.", email.getString("textBody").strip());
        JsonObject file = email.getJsonArray("files").getJsonObject(0);
        assertEquals(List.of("scans.bin", (long) scans.length), List.of(file.getString("fileName"),
                file.getJsonNumber("sizeBytes").longValue()), file::toString);
        java.net.http.HttpResponse<byte[]> download = user.download(MAILBOXES + "/emails/"
                + email.getJsonNumber("id").longValue() + "/files/" + file.getJsonNumber("id").longValue());
        assertEquals(200, download.statusCode());
        assertEquals(scans.length, download.body().length);
        assertTrue(java.util.Arrays.equals(scans, download.body()), "the downloaded file differs from the one sent");
    }

    @Test
    @DisplayName("MB-01 MB-02 MB-08 MP-04 the wizard detects the provider, logs in, and the first sync loads the "
            + "week's mail of every folder, files downloadable; the next sync only what is new")
    void connectAndSync() throws Exception {
        String[] provider = provider(false);
        String address = "anna@" + provider[1];
        MAIL.setUser(address, address, SECRET);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        append(address, "INBOX", "Old offer", now.minusDays(40), false);
        append(address, "INBOX", "Offer 1", now.minusDays(2), false);
        append(address, "INBOX", "Offer 2", now.minusHours(5), true);
        append(address, "Projects", "Project plan", now.minusHours(1), false);
        ApiClient user = newUser();

        JsonObject mailbox = connect(user, "Anna@" + provider[1].toUpperCase(), SECRET);

        assertEquals(address, mailbox.getString("address"));
        assertEquals(Long.parseLong(provider[0]), mailbox.getJsonNumber("providerId").longValue());
        assertEquals(List.of("NEW", "WEEK", "true", "true", "true", "true", "false", "false"),
                List.of(mailbox.getString("status"), mailbox.getString("loadPeriod"),
                        String.valueOf(mailbox.getBoolean("autoSync")),
                        String.valueOf(mailbox.getBoolean("allFolders")),
                        String.valueOf(mailbox.getBoolean("sendEnabled")),
                        String.valueOf(mailbox.getBoolean("defaultSender")),
                        String.valueOf(mailbox.getBoolean("useAlias")),
                        String.valueOf(mailbox.getBoolean("useSignature"))));
        long id = mailbox.getJsonNumber("id").longValue();
        assertEquals(202, user.post(MAILBOXES + "/" + id + "/sync", JsonValue.EMPTY_JSON_OBJECT).status());
        JsonObject synced = awaitReady(user, id, 3);

        assertEquals(3, synced.getInt("syncLoaded"));
        assertEquals(3, synced.getInt("syncPlanned"));
        List<JsonObject> emails = emails(user, id);
        assertEquals(List.of("Project plan", "Offer 2", "Offer 1"),
                emails.stream().map(e -> e.getString("subject")).toList());
        assertEquals(List.of("Projects", "INBOX", "INBOX"), emails.stream().map(e -> e.getString("folder")).toList());
        JsonObject offer2 = user.get(MAILBOXES + "/emails/" + emails.get(1).getJsonNumber("id").longValue())
                .object();
        assertEquals("bob@example.org", offer2.getString("fromAddress"));
        assertEquals("Terms of Offer 2", offer2.getString("textBody").strip());
        assertEquals("offer.pdf", offer2.getJsonArray("files").getJsonObject(0).getString("fileName"));
        ApiResponse file = user.get(MAILBOXES + "/emails/" + offer2.getJsonNumber("id").longValue() + "/files/"
                + offer2.getJsonArray("files").getJsonObject(0).getJsonNumber("id").longValue());
        assertEquals(List.of(200, "application/pdf", "%PDF-1.4"), List.of(file.status(), file.contentType(),
                file.body()), file::toString);
        assertTrue(file.header("Content-Disposition").orElse("").startsWith("attachment; filename=\"offer.pdf\""),
                file::toString);
        assertEquals(address, offer2.getJsonArray("to").getJsonObject(0).getString("address"));
        assertEquals(3, Fixtures.journaled(admin(), "EmailReceived", address).size());

        append(address, "INBOX", "Offer 3", now, false);
        LocalMail.syncNow(user, id);
        awaitReady(user, id, 4);
        assertEquals(List.of("Offer 3", "Project plan", "Offer 2", "Offer 1"),
                emails(user, id).stream().map(e -> e.getString("subject")).toList());
        assertEquals(4, Fixtures.journaled(admin(), "EmailReceived", address).size());
    }

    @Test
    @DisplayName("MB-01 MB-02 connecting and loading mail over SSL/TLS (IMAPS and SMTPS)")
    void sslTls() throws Exception {
        String[] provider = provider(true);
        String address = "tls@" + provider[1];
        MAIL.setUser(address, address, SECRET);
        append(address, "INBOX", "Over TLS", OffsetDateTime.now(ZoneOffset.UTC), false);
        ApiClient user = newUser();

        long id = connect(user, address, SECRET).getJsonNumber("id").longValue();
        LocalMail.syncNow(user, id);

        awaitReady(user, id, 1);
        assertEquals("Over TLS", emails(user, id).get(0).getString("subject"));
    }

    @Test
    @DisplayName("MB-01 MB-07 a refused log-in is an error on the password with the server's words; nothing is created")
    void wrongPassword() {
        String[] provider = provider(false);
        String address = "bert@" + provider[1];
        MAIL.setUser(address, address, SECRET);
        ApiClient user = newUser();

        ApiResponse refused = user.post(MAILBOXES, Json.createObjectBuilder().add("address", address)
                .add("password", "wrong").build());

        refused.assertProblem(400, "validation.mailbox.loginRefused", "password");
        assertTrue(refused.object().getString("detail").contains("127.0.0.1"), refused::toString);
        assertTrue(user.get(MAILBOXES).array().isEmpty());
    }

    @Test
    @DisplayName("MB-01 a mail server that cannot be reached is named in a 502; nothing is created")
    void unreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String domain = Fixtures.unique("gone").toLowerCase() + ".test";
        long providerId = admin().post("api/v1/mail-providers", Json.createObjectBuilder()
                .add("type", "IMAP").add("name", Fixtures.unique("Gone mail")).add("imapHost", "127.0.0.1")
                .add("imapPort", closedPort).add("imapSecurity", "NONE").add("smtpEnabled", false)
                .add("loginFormat", "EMAIL").add("authentication", "BASIC").build()).assertCreated()
                .getJsonNumber("id").longValue();
        ApiClient user = newUser();

        ApiResponse refused = user.post(MAILBOXES, Json.createObjectBuilder().add("address", "x@" + domain)
                .add("password", SECRET).add("providerId", providerId).build());

        refused.assertProblem(502, "error.mailbox.unreachable", null);
        assertTrue(user.get(MAILBOXES).array().isEmpty());
        assertEquals(404, user.get("api/v1/mail-providers/detect?address=y@" + domain).status(),
                "a failed log-in teaches the lookup nothing");
    }

    @Test
    @DisplayName("MB-01 issue 18: after ten refused log-ins in ten minutes the wizard answers 429 with Retry-After on "
            + "the password field without contacting the server, for that user only")
    void wizardLogInsAreLimited() {
        String[] provider = provider(false);
        String address = "guess@" + provider[1];
        MAIL.setUser(address, address, SECRET);
        ApiClient user = newUser();
        JsonObject wrong = Json.createObjectBuilder().add("address", address).add("password", "Guess-Secret-0")
                .build();
        for (int i = 0; i < 10; i++) {
            user.post(MAILBOXES, wrong).assertProblem(400, "validation.mailbox.loginRefused", "password");
        }

        ApiResponse limited = user.post(MAILBOXES, Json.createObjectBuilder().add("address", address)
                .add("password", SECRET).build());

        limited.assertProblem(429, "error.mailbox.tooManyLogIns", "password");
        long retryAfter = Long.parseLong(limited.header("Retry-After").orElse("0"));
        assertTrue(retryAfter > 500 && retryAfter <= 600, limited::toString);
        assertEquals(201, newUser().post(MAILBOXES, Json.createObjectBuilder().add("address", address)
                .add("password", SECRET).build()).status(), "another user is not limited");
    }

    @Test
    @DisplayName("MP-04 an unknown domain asks for the provider; the one picked is learned for the next address once "
            + "its log-in succeeded (issue 18: a refused one teaches nothing)")
    void unknownDomainIsLearned() {
        String[] provider = provider(false);
        String domain = Fixtures.unique("newco").toLowerCase() + ".test";
        String address = "carl@" + domain;
        MAIL.setUser(address, address, SECRET);
        ApiClient user = newUser();

        user.post(MAILBOXES, Json.createObjectBuilder().add("address", address).add("password", SECRET).build())
                .assertProblem(400, "validation.mailbox.providerNotDetected", "providerId");
        // Issue 18: a log-in the picked provider refuses teaches nothing.
        assertEquals(400, user.post(MAILBOXES, Json.createObjectBuilder().add("address", address)
                .add("password", "Wrong-Secret-9").add("providerId", Long.parseLong(provider[0])).build()).status());
        assertEquals(404, user.get("api/v1/mail-providers/detect?address=dora@" + domain).status());
        user.post(MAILBOXES, Json.createObjectBuilder().add("address", address).add("password", SECRET)
                .add("providerId", Long.parseLong(provider[0])).build()).assertCreated();

        JsonObject detected = user.get("api/v1/mail-providers/detect?address=dora@" + domain).object();
        assertEquals(Long.parseLong(provider[0]), detected.getJsonNumber("id").longValue());
    }

    @Test
    @DisplayName("MB-02 MB-10 selected folders load only the ticked ones, a ticked parent without its subfolders; "
            + "none ticked is refused")
    void selectedFolders() throws Exception {
        String[] provider = provider(false);
        String address = "gil@" + provider[1];
        MAIL.setUser(address, address, SECRET);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        append(address, "INBOX", "Inbox mail", now, false);
        append(address, "Projects", "Project mail", now, false);
        append(address, "Projects.2026", "Sub-project mail", now, false);
        ApiClient user = newUser();
        long id = connect(user, address, SECRET).getJsonNumber("id").longValue();
        LocalMail.syncNow(user, id);
        awaitReady(user, id, 3);
        JsonObject settings = user.get(MAILBOXES + "/" + id + "/settings").object();
        List<String> folders = settings.getJsonArray("folders").stream()
                .map(f -> f.asJsonObject().getString("fullName")).toList();
        assertTrue(folders.containsAll(List.of("INBOX", "Projects", "Projects.2026")), folders::toString);
        long version = settings.getJsonObject("mailbox").getJsonNumber("version").longValue();

        user.put(MAILBOXES + "/" + id + "/settings", settingsBody(version, false, List.of()))
                .assertProblem(400, "validation.mailbox.noFolders", "selectedFolders");
        JsonObject saved = user.put(MAILBOXES + "/" + id + "/settings",
                settingsBody(version, false, List.of("Projects"))).object();
        assertFalse(saved.getBoolean("allFolders"));
        append(address, "INBOX", "Inbox mail 2", now, false);
        append(address, "Projects", "Project mail 2", now, false);
        append(address, "Projects.2026", "Sub-project mail 2", now, false);
        LocalMail.syncNow(user, id);

        awaitReady(user, id, 4);
        assertEquals("Project mail 2", emails(user, id).get(0).getString("subject"));
        assertEquals(List.of(true, false, false), List.of("Projects", "INBOX", "Projects.2026").stream()
                .map(name -> user.get(MAILBOXES + "/" + id + "/settings").object().getJsonArray("folders").stream()
                        .map(JsonValue::asJsonObject).filter(f -> name.equals(f.getString("fullName")))
                        .findFirst().orElseThrow().getBoolean("selected")).toList());
    }

    @Test
    @DisplayName("MB-02 a message that several folders hold (a copy, a Gmail label) is stored and announced once, "
            + "in the first sync and in the next")
    void copiesStoredOnce() throws Exception {
        String[] provider = provider(false);
        String address = "hal@" + provider[1];
        MAIL.setUser(address, address, SECRET);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        append(address, "INBOX", "Contract draft", now.minusHours(3), false);
        append(address, "INBOX", "Invoice", now.minusHours(2), false);
        LocalMail.copy(MAIL, address, SECRET, "INBOX", "Contract draft", "Clients");
        ApiClient user = newUser();
        long id = connect(user, address, SECRET).getJsonNumber("id").longValue();

        LocalMail.syncNow(user, id);
        awaitReady(user, id, 2);
        assertEquals(List.of("Invoice", "Contract draft"),
                emails(user, id).stream().map(e -> e.getString("subject")).toList());
        assertEquals(2, Fixtures.journaled(admin(), "EmailReceived", address).size());

        LocalMail.copy(MAIL, address, SECRET, "INBOX", "Invoice", "Clients");
        append(address, "Clients", "New client", now.minusHours(1), false);
        LocalMail.syncNow(user, id);
        awaitReady(user, id, 3);
        assertEquals(List.of("New client", "Invoice", "Contract draft"),
                emails(user, id).stream().map(e -> e.getString("subject")).toList());
        assertEquals(3, Fixtures.journaled(admin(), "EmailReceived", address).size());
    }

    @Test
    @DisplayName("MB-02 a folder whose UIDVALIDITY changed is synced again without a duplicate: its e-mails keep "
            + "their records under the new UIDs, only the new message is added")
    void uidValidityReset() throws Exception {
        String[] provider = provider(false);
        String address = "ida@" + provider[1];
        MAIL.setUser(address, address, SECRET);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        append(address, "Projects", "Plan A", now.minusHours(3), false);
        append(address, "Projects", "Plan B", now.minusHours(2), true);
        ApiClient user = newUser();
        long id = connect(user, address, SECRET).getJsonNumber("id").longValue();
        LocalMail.syncNow(user, id);
        awaitReady(user, id, 2);
        List<Long> before = emails(user, id).stream().map(e -> e.getJsonNumber("id").longValue()).toList();

        long old = LocalMail.uidValidity(MAIL, address, SECRET, "Projects");
        LocalMail.recreateFolder(MAIL, address, SECRET, "Projects", old);
        append(address, "Projects", "Plan C", now.minusHours(1), false);
        LocalMail.syncNow(user, id);
        awaitReady(user, id, 3);

        List<JsonObject> after = emails(user, id);
        assertEquals(List.of("Plan C", "Plan B", "Plan A"), after.stream().map(e -> e.getString("subject")).toList());
        assertEquals(before, after.subList(1, 3).stream().map(e -> e.getJsonNumber("id").longValue()).toList(),
                "the e-mails keep their records");
        assertEquals(3, Fixtures.journaled(admin(), "EmailReceived", address).size());
    }

    @Test
    @DisplayName("MB-09 a user has one default sender: making another mailbox the default takes it from the first")
    void oneDefaultSender() {
        String[] provider = provider(false);
        ApiClient user = newUser();
        List<Long> ids = List.of("hal", "ida").stream().map(name -> {
            String address = name + "@" + provider[1];
            MAIL.setUser(address, address, SECRET);
            return connect(user, address, SECRET).getJsonNumber("id").longValue();
        }).toList();
        assertEquals(List.of(true, false), defaults(user, ids));
        long version = user.get(MAILBOXES + "/" + ids.get(1)).object().getJsonNumber("version").longValue();

        JsonObject body = Json.createObjectBuilder(settingsBody(version, true, List.of()).asJsonObject())
                .add("defaultSender", true).build();
        user.put(MAILBOXES + "/" + ids.get(1) + "/settings", body).object();

        assertEquals(List.of(false, true), defaults(user, ids));
        user.put(MAILBOXES + "/" + ids.get(1) + "/settings", body)
                .assertProblem(409, "error.concurrentChange", null);
    }

    @Test
    @DisplayName("MB-02 the load period can change until the first sync; after it a change is a 400 on loadPeriod "
            + "saying the period of the first load is fixed, and saving it unchanged is fine")
    void loadPeriodFixedAfterFirstSync() {
        String[] provider = provider(false);
        String address = "gus@" + provider[1];
        MAIL.setUser(address, address, SECRET);
        ApiClient user = newUser();
        JsonObject mailbox = connect(user, address, SECRET);
        long id = mailbox.getJsonNumber("id").longValue();
        String path = MAILBOXES + "/" + id + "/settings";

        JsonObject before = user.put(path, withPeriod(mailbox, "MONTH")).object();
        assertEquals(List.of("MONTH", false), List.of(before.getString("loadPeriod"),
                before.getBoolean("loadPeriodFixed")));
        assertEquals(202, user.post(MAILBOXES + "/" + id + "/sync", JsonValue.EMPTY_JSON_OBJECT).status());
        JsonObject synced = awaitReady(user, id, 0);
        ApiResponse refused = user.put(path, withPeriod(synced, "YEAR"));

        assertTrue(synced.getBoolean("loadPeriodFixed"), synced::toString);
        refused.assertProblem(400, "validation.mailbox.loadPeriodFixed", "loadPeriod");
        assertTrue(refused.object().getJsonArray("errors").getJsonObject(0).getString("message")
                .contains("The period of the first load is fixed once mail has been loaded"), refused::toString);
        assertEquals("MONTH", user.get(MAILBOXES + "/" + id).object().getString("loadPeriod"));
        assertEquals(200, user.put(path, withPeriod(synced, "MONTH")).status());
    }

    /** The settings of {@link #settingsBody} at the mailbox's version, with this load period. */
    private static JsonObject withPeriod(JsonObject mailbox, String loadPeriod) {
        return Json.createObjectBuilder(settingsBody(mailbox.getJsonNumber("version").longValue(), true, List.of())
                .asJsonObject()).add("loadPeriod", loadPeriod).build();
    }

    private static List<Boolean> defaults(ApiClient user, List<Long> ids) {
        return ids.stream().map(id -> user.get(MAILBOXES + "/" + id).object().getBoolean("defaultSender")).toList();
    }

    private static JsonValue settingsBody(long version, boolean allFolders, List<String> selected) {
        return Json.createObjectBuilder().add("version", version).add("loadPeriod", "WEEK").add("autoSync", true)
                .add("allFolders", allFolders).add("selectedFolders", Json.createArrayBuilder(selected))
                .add("sendEnabled", true).add("defaultSender", false).add("useAlias", false)
                .add("useSignature", false).build();
    }

    @Test
    @DisplayName("MP-05 a provider that a mailbox uses cannot be deleted; MP-04 any user may list the providers")
    void providerInUse() {
        String[] provider = provider(false);
        String address = "fay@" + provider[1];
        MAIL.setUser(address, address, SECRET);
        ApiClient user = newUser();
        assertTrue(user.get("api/v1/mail-providers/choices").array().stream()
                .anyMatch(p -> provider[0].equals(String.valueOf(p.asJsonObject().getJsonNumber("id").longValue()))));
        connect(user, address, SECRET);

        ApiResponse refused = admin().delete("api/v1/mail-providers/" + provider[0]);

        refused.assertProblem(409, "error.mailProvider.inUse", null);
        assertTrue(refused.object().getString("detail").contains("1"), refused::toString);
        assertEquals(200, admin().get("api/v1/mail-providers/" + provider[0]).status());
    }

    @Test
    @DisplayName("MB-12 'change account settings' tries the new password first: refused, the old one stays; "
            + "accepted, it is stored and the next sync logs in with it")
    void changeCredentials() throws Exception {
        String[] provider = provider(false);
        String address = "jan@" + provider[1];
        MAIL.setUser(address, address, SECRET);
        ApiClient user = newUser();
        long id = connect(user, address, SECRET).getJsonNumber("id").longValue();
        String changed = "Changed-Secret-2";
        MAIL.getUserManager().getUser(address).setPassword(changed);

        user.put(MAILBOXES + "/" + id + "/credentials", Json.createObjectBuilder().add("password", "wrong").build())
                .assertProblem(400, "validation.mailbox.loginRefused", "password");
        user.put(MAILBOXES + "/" + id + "/credentials", Json.createObjectBuilder().add("password", changed)
                .build()).object();
        append(address, "INBOX", "After the change", OffsetDateTime.now(ZoneOffset.UTC), false, changed);
        LocalMail.syncNow(user, id);

        awaitReady(user, id, 1);
        assertEquals("After the change", emails(user, id).get(0).getString("subject"));
    }

    @Test
    @DisplayName("MB-02 a mailbox and its e-mails are its owner's: another user gets 404")
    void ownersOnly() throws Exception {
        String[] provider = provider(false);
        String address = "eve@" + provider[1];
        MAIL.setUser(address, address, SECRET);
        append(address, "INBOX", "Private", OffsetDateTime.now(ZoneOffset.UTC), false);
        ApiClient owner = newUser();
        long id = connect(owner, address, SECRET).getJsonNumber("id").longValue();
        LocalMail.syncNow(owner, id);
        awaitReady(owner, id, 1);
        long emailId = emails(owner, id).get(0).getJsonNumber("id").longValue();
        ApiClient other = newUser();

        assertEquals(404, other.get(MAILBOXES + "/" + id).status());
        assertEquals(404, other.get(MAILBOXES + "/" + id + "/emails").status());
        assertEquals(404, other.get(MAILBOXES + "/emails/" + emailId).status());
        assertEquals(404, other.get(MAILBOXES + "/emails/" + emailId + "/files/1").status());
        assertEquals(404, other.post(MAILBOXES + "/" + id + "/sync", JsonValue.EMPTY_JSON_OBJECT).status());
        assertFalse(other.get(MAILBOXES).array().stream().anyMatch(m -> m.asJsonObject().getJsonNumber("id")
                .longValue() == id));
    }

    @Test
    @DisplayName("MB-02 damaged messages between good ones are stored with what could be read, a note and their "
            + "original source; the messages after them and a later folder's mail are loaded, nothing is skipped")
    void damagedMessagesDoNotStopTheSync() throws Exception {
        String[] provider = provider(false);
        String address = "poison@" + provider[1];
        MAIL.setUser(address, address, SECRET);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        append(address, "INBOX", "Before", now.minusHours(5), false);
        LocalMail.appendRaw(MAIL, address, SECRET, "INBOX", now.minusHours(4), damaged("Truncated base64", "base64",
                "SGVsbG8gd29y\r\nbGQ"));
        LocalMail.appendRaw(MAIL, address, SECRET, "INBOX", now.minusHours(3), damaged("Unknown encoding", "x-foo",
                "Plain words"));
        append(address, "INBOX", "After", now.minusHours(2), false);
        append(address, "Projects", "Later folder", now.minusHours(1), false);
        ApiClient user = newUser();
        long id = connect(user, address, SECRET).getJsonNumber("id").longValue();

        LocalMail.syncNow(user, id);
        JsonObject synced = awaitReady(user, id, 5);

        assertEquals(JsonValue.NULL, synced.getOrDefault("lastError", JsonValue.NULL), synced::toString);
        List<JsonObject> emails = emails(user, id);
        assertEquals(List.of("Later folder", "After", "Unknown encoding", "Truncated base64", "Before"),
                emails.stream().map(e -> e.getString("subject")).toList());
        JsonObject truncated = user.get(MAILBOXES + "/emails/" + emails.get(3).getJsonNumber("id").longValue())
                .object();
        assertTrue(truncated.getString("textBody").startsWith("Hello wor"), truncated::toString);
        assertEquals("DAMAGED_ENCODING", truncated.getJsonArray("problems").getJsonObject(0).getString("kind"));
        assertTrue(truncated.getJsonArray("files").stream().anyMatch(f -> "original.eml".equals(
                f.asJsonObject().getString("fileName"))), truncated::toString);
        JsonObject unknown = user.get(MAILBOXES + "/emails/" + emails.get(2).getJsonNumber("id").longValue())
                .object();
        assertEquals("Plain words", unknown.getString("textBody").strip());
        assertEquals("UNKNOWN_ENCODING", unknown.getJsonArray("problems").getJsonObject(0).getString("kind"));
        JsonObject sound = user.get(MAILBOXES + "/emails/" + emails.get(1).getJsonNumber("id").longValue()).object();
        assertEquals(List.of(), sound.getJsonArray("problems"));
        assertEquals(List.of(), user.get(MAILBOXES + "/" + id + "/skipped").array());
    }

    @Test
    @DisplayName("MB-02 'load mail now' on a mailbox that is loading already says so with its progress (409), "
            + "instead of accepting and doing nothing")
    void loadNowWhileLoading() throws Exception {
        String[] provider = provider(false);
        String address = "busy@" + provider[1];
        MAIL.setUser(address, address, SECRET);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < 3000; i++) {
            LocalMail.appendRaw(MAIL, address, SECRET, "INBOX", now.minusMinutes(i + 1L),
                    "From: bob@example.org\r\nTo: " + address + "\r\nSubject: Bulk " + i + "\r\nMessage-ID: <bulk-"
                            + i + "." + address + ">\r\n\r\nBody " + i + "\r\n");
        }
        ApiClient user = newUser();
        long id = connect(user, address, SECRET).getJsonNumber("id").longValue();
        assertEquals(202, user.post(MAILBOXES + "/" + id + "/sync", JsonValue.EMPTY_JSON_OBJECT).status());
        Awaitility.await("mailbox " + id + " loading").atMost(ofSeconds(30)).pollInterval(ofMillis(20))
                .until(() -> user.get(MAILBOXES + "/" + id).object().getString("status"), "SYNCING"::equals);

        ApiResponse again = user.post(MAILBOXES + "/" + id + "/sync", JsonValue.EMPTY_JSON_OBJECT);

        assertEquals(409, again.status(), again::toString);
        assertTrue(again.body().contains(address) && again.body().contains("loading already"), again::toString);
        awaitReady(user, id, 3000);
    }

    @Test
    @DisplayName("MB-02 IMAP IDLE: new mail is stored within 5 seconds of its arrival, with nobody asking and long "
            + "before the next automatic sync")
    void newMailByIdle() throws Exception {
        String[] provider = provider(false);
        String address = "live@" + provider[1];
        MAIL.setUser(address, address, SECRET);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        append(address, "INBOX", "Before watching", now.minusHours(1), false);
        ApiClient user = newUser();
        long id = connect(user, address, SECRET).getJsonNumber("id").longValue();
        LocalMail.syncNow(user, id);
        OffsetDateTime firstSync = OffsetDateTime.parse(awaitReady(user, id, 1).getString("lastSyncAt"));
        // The sync timer's next tick starts the mailbox's IDLE watch, which loads once on connecting (mail may
        // have come while nobody watched): once that run is over, the watch is idling.
        JsonObject watched = Awaitility.await("the IDLE watch of mailbox " + id + " connected").atMost(ofSeconds(40))
                .pollInterval(ofMillis(200)).until(() -> user.get(MAILBOXES + "/" + id).object(),
                        m -> "READY".equals(m.getString("status"))
                                && OffsetDateTime.parse(m.getString("lastSyncAt")).isAfter(firstSync));

        long delivered = System.nanoTime();
        append(address, "INBOX", "Arrived live", OffsetDateTime.now(ZoneOffset.UTC), false);
        assertTrue(OffsetDateTime.parse(watched.getString("nextSyncAt"))
                .isAfter(OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(5)), "the next automatic sync is not near");
        Awaitility.await("the new e-mail stored").atMost(ofSeconds(5)).pollInterval(ofMillis(100))
                .until(() -> emails(user, id).stream().anyMatch(e -> "Arrived live".equals(e.getString("subject"))));
        System.out.printf("[switchboard-it] MB-02 IDLE: stored %d ms after delivery%n",
                (System.nanoTime() - delivered) / 1_000_000);
    }

    /** A message whose only text part has the given transfer encoding and (damaged) body. */
    private static String damaged(String subject, String encoding, String body) {
        return "From: bob@example.org\r\nTo: someone@example.org\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + subject.replace(' ', '-') + "@example.org>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: " + encoding + "\r\n\r\n"
                + body + "\r\n";
    }

    @Test
    @DisplayName("MB-02 with nobody asking, the timer loads mail delivered to a mailbox whose time has come and "
            + "schedules its next run MailboxSyncInterval (set to its minimum, 1 minute) later")
    void timerLoadsNewMail() throws Exception {
        ApiClient admin = admin();
        JsonObject interval = admin.get(SYNC_INTERVAL).object();
        admin.put(SYNC_INTERVAL, Json.createObjectBuilder().add("value", "1")
                .add("version", interval.getInt("version")).build()).object();
        try {
            ApiClient user = newUser();
            String address = "tim@" + provider(false)[1];
            MAIL.setUser(address, address, SECRET);
            long id = connect(user, address, SECRET).getJsonNumber("id").longValue();
            String subject = Fixtures.unique("Delivered");
            GreenMailUtil.sendTextEmail(address, "bob@example.org", subject, "Delivered by SMTP",
                    new ServerSetup(MAIL.getSmtp().getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            JsonObject waiting = user.get(MAILBOXES + "/" + id).object();
            assertEquals(List.of("NEW", false), List.of(waiting.getString("status"),
                    waiting.getBoolean("syncPending")), "nobody asked for a sync");

            makeDue(id);

            JsonObject synced = awaitReady(user, id, 1);
            assertEquals(subject, emails(user, id).get(0).getString("subject"));
            assertFalse(synced.getBoolean("syncPending"), synced::toString);
            Duration next = Duration.between(OffsetDateTime.parse(synced.getString("lastSyncAt")),
                    OffsetDateTime.parse(synced.getString("nextSyncAt")));
            assertTrue(next.compareTo(Duration.ofSeconds(50)) > 0 && next.compareTo(Duration.ofMinutes(1)) <= 0,
                    "the next run is MailboxSyncInterval after this one: " + next);
        } finally {
            admin.post(SYNC_INTERVAL + "/restore-default", null);
        }
    }

    /**
     * Makes the mailbox due for its automatic run, as the end of a run {@code MailboxSyncInterval} ago leaves it (the
     * shortest interval is a minute; the timer looks every ten seconds). Long overdue: the timer takes the most
     * overdue mailboxes first, and other tests' mailboxes may be waiting.
     */
    private static void makeDue(long mailboxId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestSettings.databaseUrl(), "sa", "sa");
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE mailbox SET next_sync_at = ? WHERE id = ?")) {
            update.setObject(1, OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
            update.setLong(2, mailboxId);
            assertEquals(1, update.executeUpdate());
        }
    }

    static JsonObject awaitReady(ApiClient user, long id, int emails) {
        return Awaitility.await("mailbox " + id + " synced with " + emails + " e-mails").atMost(ofSeconds(60))
                .pollInterval(ofMillis(250))
                .until(() -> user.get(MAILBOXES + "/" + id).object(),
                        m -> "READY".equals(m.getString("status")) && m.getInt("emailCount") == emails);
    }

    static List<JsonObject> emails(ApiClient user, long id) {
        return user.get(MAILBOXES + "/" + id + "/emails").array().stream().map(JsonValue::asJsonObject).toList();
    }

    /** Puts a message into a folder of the user's GreenMail mailbox with the given received date (IMAP APPEND). */
    private static void append(String address, String folderName, String subject, OffsetDateTime received,
            boolean withFile) throws MessagingException {
        append(address, folderName, subject, received, withFile, SECRET);
    }

    private static void append(String address, String folderName, String subject, OffsetDateTime received,
            boolean withFile, String password) throws MessagingException {
        LocalMail.append(MAIL, address, password, folderName, subject, received, "Terms of " + subject, withFile);
    }
}
