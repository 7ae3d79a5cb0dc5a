package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.switchboard.core.exchange.EwsFake;

/**
 * Exchange Server mailboxes over EWS (issue 20 item 4: MP-02, MP-03, MB-01, MB-02, MB-03), against the stateful EWS
 * fake the tests start on the port the providers name: a mailbox connects with Basic or NTLM after a real sign-in
 * (a wrong password is refused on its field and creates nothing), its mail loads through SyncFolderItems with the
 * state committed with the items, a refused state and a busy server lose nothing and store nothing twice, and an
 * e-mail goes out with CreateItem / SendAndSaveCopy.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExchangeServerMailboxIT {

    private static final String MAILBOXES = "api/v1/mailboxes";
    private static final String SECRET = "Exchange-Secret-1";
    private EwsFake ews;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    private ApiClient admin;

    @BeforeEach
    void setUp() {
        admin = ApiClient.asAdmin(base);
        ews = MicrosoftFake.ews();
        UsedSecrets.remember(SECRET);
    }

    /** An Exchange Server provider for the fake, with a domain of its own; NTLM when a domain is given. */
    private String provider(String loginFormat, String ntlmDomain) {
        String domain = Fixtures.unique("fabrikam").toLowerCase() + ".test";
        var body = Json.createObjectBuilder().add("type", "EXCHANGE").add("name", Fixtures.unique("Fabrikam EWS"))
                .add("exchangeKind", "EXCHANGE_SERVER").add("serviceAddress", ews.url().toString())
                .add("loadMail", true).add("sendMail", true).add("loginFormat", loginFormat)
                .add("authentication", "BASIC");
        if (ntlmDomain != null) {
            body.add("ntlmDomain", ntlmDomain);
        }
        long id = admin.post("api/v1/mail-providers", body.build()).assertCreated().getJsonNumber("id").longValue();
        admin.post("api/v1/mail-provider-domains", Json.createObjectBuilder().add("domain", domain)
                .add("providerId", id).build()).assertCreated();
        return domain;
    }

    private ApiClient newUser() {
        String login = Fixtures.unique("ews");
        Fixtures.user(admin, login);
        return ApiClient.as(base, login, Fixtures.PASSWORD);
    }

    private static long loadAll(ApiClient user, JsonObject created) {
        long id = created.getJsonNumber("id").longValue();
        user.put(MAILBOXES + "/" + id + "/settings", Json.createObjectBuilder()
                .add("version", created.getJsonNumber("version").longValue()).add("loadPeriod", "ALL")
                .add("autoSync", true).add("allFolders", true).add("selectedFolders", Json.createArrayBuilder())
                .add("sendEnabled", true).add("defaultSender", true).add("useAlias", false)
                .add("useSignature", false).build()).object();
        return id;
    }

    private static void awaitEmails(ApiClient user, long id, int count) {
        awaitEmails(user, id, count, Duration.ofSeconds(90));
    }

    private static void awaitEmails(ApiClient user, long id, int count, Duration atMost) {
        Awaitility.await("mailbox " + id + " ready with " + count + " e-mails").atMost(atMost)
                .pollInterval(Duration.ofMillis(250)).until(() -> user.get(MAILBOXES + "/" + id).object(),
                        m -> "READY".equals(m.getString("status")) && m.getInt("emailCount") == count);
    }

    private static List<String> subjects(ApiClient user, long id) {
        return user.get(MAILBOXES + "/" + id + "/emails?first=0&max=200").array().stream()
                .map(e -> e.asJsonObject().getString("subject", "")).sorted().toList();
    }

    @Test
    @DisplayName("MP-03 MB-01 MB-02 an Exchange Server mailbox connects with Basic after a real EWS sign-in (a wrong "
            + "password is refused on its field), loads its folders' mail, then only what changed; a refused sync "
            + "state and a busy server store nothing twice")
    void connectAndSync() {
        String address = Fixtures.unique("ivan").toLowerCase() + "@" + provider("EMAIL", null);
        String inbox = ews.mailbox(address);
        ews.password(address, address, SECRET);
        String projects = ews.folder(address, inbox, "Projects");
        ews.add(address, inbox, MicrosoftFake.message(address, "Contract draft", "Draft"));
        ews.add(address, projects, MicrosoftFake.message(address, "Site visit", "Tuesday"));
        ApiClient user = newUser();

        user.post(MAILBOXES, Json.createObjectBuilder().add("address", address).add("password", "wrong").build())
                .assertProblem(400, "validation.mailbox.loginRefused", "password");
        assertTrue(user.get(MAILBOXES).array().isEmpty(), "a refused sign-in creates nothing");
        JsonObject created = user.post(MAILBOXES, Json.createObjectBuilder().add("address", address)
                .add("password", SECRET).build()).assertCreated();
        assertEquals("EWS", created.getString("transport"));
        long id = loadAll(user, created);
        LocalMail.syncNow(user, id);
        awaitEmails(user, id, 2);
        List<String> folders = user.get(MAILBOXES + "/" + id + "/settings").object().getJsonArray("folders").stream()
                .map(f -> f.asJsonObject().getString("fullName")).toList();
        assertTrue(folders.contains("Inbox/Projects"), folders::toString);

        String draft = ews.add(address, inbox, MicrosoftFake.message(address, "Signed contract", "Signed"));
        ews.markRead(address, draft, true);
        ews.invalidateSyncStates(address);
        ews.busyNext(1, 500);
        LocalMail.syncNow(user, id);
        awaitEmails(user, id, 3);
        assertEquals(List.of("Contract draft", "Signed contract", "Site visit"), subjects(user, id));
    }

    @Test
    @DisplayName("MP-02 MB-03 an Exchange Server mailbox signs in with NTLM in the provider's domain and sends over "
            + "EWS with SendAndSaveCopy; the copy in Sent Items is not loaded a second time")
    void ntlmAndSend() {
        String address = Fixtures.unique("olga").toLowerCase() + "@" + provider("MANUAL", ews.ntlmDomain());
        ews.mailbox(address);
        String user = Fixtures.unique("olga");
        ews.ntlmUser(address, user, SECRET);
        ApiClient crm = newUser();
        JsonObject created = crm.post(MAILBOXES, Json.createObjectBuilder().add("address", address)
                .add("login", user).add("password", SECRET).build()).assertCreated();
        long id = created.getJsonNumber("id").longValue();

        JsonObject sent = crm.post(MAILBOXES + "/" + id + "/emails", Json.createObjectBuilder()
                .add("to", Json.createArrayBuilder().add("bob@example.org")).add("subject", "Delivery note")
                .add("html", "<p>Attached</p>").build()).assertCreated();
        assertEquals("SENT", sent.getString("status"), sent::toString);
        List<byte[]> mime = ews.sent(address);
        assertEquals(1, mime.size());
        assertTrue(new String(mime.get(0), StandardCharsets.UTF_8).contains("Subject: Delivery note"));

        // Exchange kept the copy in Sent Items; the sync finds it by its Message-ID and does not store it again.
        loadAll(crm, crm.get(MAILBOXES + "/" + id).object());
        LocalMail.syncNow(crm, id);
        awaitEmails(crm, id, 1);
        assertEquals(List.of("Delivery note"), subjects(crm, id));
    }

    @Test
    @DisplayName("MP-11 MB-02 once synced, an Exchange Server mailbox listens on EWS streaming notifications: new "
            + "mail is stored within 5 seconds of its arrival, with nobody asking and long before the next automatic "
            + "sync")
    void newMailByStreamingNotifications() {
        String address = Fixtures.unique("pavel").toLowerCase() + "@" + provider("EMAIL", null);
        String inbox = ews.mailbox(address);
        ews.password(address, address, SECRET);
        ews.add(address, inbox, MicrosoftFake.message(address, "Before watching", "Earlier"));
        ApiClient user = newUser();
        long id = loadAll(user, user.post(MAILBOXES, Json.createObjectBuilder().add("address", address)
                .add("password", SECRET).build()).assertCreated());
        LocalMail.syncNow(user, id);
        awaitEmails(user, id, 1);
        // The sync timer's next tick subscribes the synced folders and listens; the new subscription asks for a sync
        // (mail may have come while nothing listened): once that is over, only a notification brings mail.
        Awaitility.await("mailbox " + id + " listening").atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(200)).until(() -> ews.listening(address) > 0);
        JsonObject watched = Awaitility.await("the sync the subscription asked for").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> user.get(MAILBOXES + "/" + id).object(),
                        m -> "READY".equals(m.getString("status")) && !m.getBoolean("syncPending"));

        long delivered = System.nanoTime();
        ews.add(address, inbox, MicrosoftFake.message(address, "Arrived live", "Now"));
        assertTrue(OffsetDateTime.parse(watched.getString("nextSyncAt")).isAfter(OffsetDateTime.now(ZoneOffset.UTC)
                .plusSeconds(5)), "the next automatic sync is not near");
        awaitEmails(user, id, 2, Duration.ofSeconds(5));
        assertEquals(List.of("Arrived live", "Before watching"), subjects(user, id));
        System.out.printf("[switchboard-it] MP-11 EWS streaming: stored %d ms after delivery%n",
                (System.nanoTime() - delivered) / 1_000_000);
    }
}
