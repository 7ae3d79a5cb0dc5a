package org.switchboard.it;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.switchboard.core.mailbox.FolderCursor;
import org.switchboard.core.mailbox.MailboxSyncService;
import org.switchboard.core.mailbox.MailboxSyncStore;
import org.switchboard.core.mailbox.SkippedMail;
import org.switchboard.core.mailbox.SyncPlan;

/**
 * "Retry" of a skipped message on the deployed EAR (MB-02). The parser is lenient, so a real message is skipped only
 * when the database refuses it or its fetch fails; the test brings that state about the way a sync run leaves it:
 * it claims the synced mailbox as a run does, removes one stored e-mail and records it, with a UID the server does
 * not hold, in the mailbox's skipped list through {@link MailboxSyncStore#store}, the sync's own transaction, then
 * ends the run. Everything else goes over REST as the owner and a stranger. The test runs inside the server
 * (Arquillian adds it to the EAR as one more web module), and so does its GreenMail, which the application reaches
 * on 127.0.0.1 as it would from the tests' JVM.
 */
@ExtendWith(ArquillianExtension.class)
class SkippedMailIT {

    private static final String MAILBOXES = "api/v1/mailboxes";
    private static final String SECRET = "Mail-Secret-1";
    private static final String INBOX = "INBOX";
    private static final String REFUSED = "The database refused the message: value too long for column \"subject\"";
    private static final String FETCH_FAILED = "The server did not answer the fetch of the message";

    /** In-container (testable): the real EAR plus a web module with this class, GreenMail and the mail helpers. */
    @Deployment
    static EnterpriseArchive ear() {
        return Deployments.earWithMailTests(SkippedMailIT.class);
    }

    @Inject
    private MailboxSyncService syncs;

    @Inject
    private MailboxSyncStore store;

    /** Runs in the server's JVM: Arquillian calls the lifecycle methods of an in-container test there only. */
    private GreenMail mail;

    @BeforeEach
    void startMail() {
        mail = new GreenMail(new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(),
                ServerSetupTest.IMAP.dynamicPort()});
        mail.start();
    }

    @AfterEach
    void stopMail() {
        mail.stop();
    }

    @Test
    @DisplayName("MB-02 a skipped message is listed with its folder, UID and reason; Retry stores it again (STORED) "
            + "and forgets one the server no longer holds (GONE); another user can neither list nor retry them")
    void retryStoresTheSkippedMessageAndForgetsAGoneOne() throws Exception {
        LocalMail.Mailbox owner = LocalMail.mailbox(Deployments.application(), mail, "skip", false, SECRET);
        long id = owner.mailboxId();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        LocalMail.append(mail, owner.address(), SECRET, INBOX, "Offer A", now.minusHours(2), "Terms of A", false);
        LocalMail.append(mail, owner.address(), SECRET, INBOX, "Offer B", now.minusHours(1), "Terms of B", false);
        assertEquals(202, owner.api().post(MAILBOXES + "/" + id + "/sync", JsonValue.EMPTY_JSON_OBJECT).status());
        awaitReady(owner, id, 2);
        long storedB = emailId(owner, id, "Offer B");

        // The run that could not store B: claimed like any run, B's e-mail removed, B and a UID the server does not
        // hold recorded in the skipped list in the batch's transaction with the unchanged cursor, the run ended.
        await("mailbox " + id + " claimed").atMost(ofSeconds(60)).pollInterval(ofMillis(100))
                .until(() -> syncs.claim(id));
        SyncPlan plan = store.plan(id);
        FolderCursor cursor = plan.cursor(INBOX);
        long[] uidOfB = removeEmail(storedB);
        assertEquals(cursor.uidValidity(), uidOfB[1], "B was stored under the folder's UIDVALIDITY");
        long goneUid = Math.max(cursor.uidNext(), uidOfB[0]) + 1000;
        store.store(plan, INBOX, List.of(), List.of(new SkippedMail(uidOfB[0], REFUSED),
                new SkippedMail(goneUid, FETCH_FAILED)), cursor, false, 2, 1);
        store.finish(id, null, OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));

        Map<Long, JsonObject> skipped = skipped(owner, id);
        assertEquals(List.of(INBOX, cursor.uidValidity(), REFUSED, 1), fields(skipped.get(uidOfB[0])),
                skipped::toString);
        assertEquals(List.of(INBOX, cursor.uidValidity(), FETCH_FAILED, 1), fields(skipped.get(goneUid)),
                skipped::toString);
        assertEquals(List.of("Offer A"), subjects(owner, id));
        long skippedB = skipped.get(uidOfB[0]).getJsonNumber("id").longValue();
        long skippedGone = skipped.get(goneUid).getJsonNumber("id").longValue();

        String login = Fixtures.unique("stranger");
        Fixtures.user(ApiClient.asAdmin(Deployments.application()), login);
        ApiClient stranger = ApiClient.as(Deployments.application(), login, Fixtures.PASSWORD);
        assertEquals(404, stranger.get(MAILBOXES + "/" + id + "/skipped").status());
        assertEquals(404, stranger.post(retry(id, skippedB), JsonValue.EMPTY_JSON_OBJECT).status());
        assertEquals(404, stranger.post(retry(id, skippedGone), JsonValue.EMPTY_JSON_OBJECT).status());
        assertEquals(skipped, skipped(owner, id), "a refused retry changes nothing");
        assertEquals(List.of("Offer A"), subjects(owner, id));

        ApiResponse stored = owner.api().post(retry(id, skippedB), JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(200, stored.status(), stored::toString);
        assertEquals("STORED", stored.object().getString("outcome"), stored::toString);
        assertEquals(List.of("Offer B", "Offer A"), subjects(owner, id));
        JsonObject b = owner.api().get(MAILBOXES + "/emails/" + emailId(owner, id, "Offer B")).object();
        assertEquals(List.of("bob@example.org", "Terms of B"),
                List.of(b.getString("fromAddress"), b.getString("textBody").strip()), b::toString);
        assertEquals(List.of(goneUid), List.copyOf(skipped(owner, id).keySet()));
        assertEquals(404, owner.api().post(retry(id, skippedB), JsonValue.EMPTY_JSON_OBJECT).status(),
                "B's entry is gone");

        ApiResponse gone = owner.api().post(retry(id, skippedGone), JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(200, gone.status(), gone::toString);
        assertEquals("GONE", gone.object().getString("outcome"), gone::toString);
        assertEquals(Map.of(), skipped(owner, id));
        assertEquals(List.of("Offer B", "Offer A"), subjects(owner, id));
        assertEquals(2, owner.api().get(MAILBOXES + "/" + id).object().getInt("emailCount"));
    }

    /**
     * Deletes a stored e-mail with its addresses and files in one transaction, as if it had never been stored;
     * returns its {UID, UIDVALIDITY}.
     */
    private static long[] removeEmail(long emailId) throws Exception {
        UserTransaction transaction = InitialContext.doLookup("java:comp/UserTransaction");
        DataSource database = InitialContext.doLookup("java:comp/DefaultDataSource");
        transaction.begin();
        try (Connection connection = database.getConnection()) {
            long[] uid;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT uid, uid_validity FROM email_message WHERE id = ?")) {
                select.setLong(1, emailId);
                try (ResultSet row = select.executeQuery()) {
                    assertTrue(row.next(), "e-mail " + emailId + " is stored");
                    uid = new long[] {row.getLong(1), row.getLong(2)};
                }
            }
            for (String table : List.of("email_attachment", "email_address")) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM " + table + " WHERE email_id = ?")) {
                    delete.setLong(1, emailId);
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM email_message WHERE id = ?")) {
                delete.setLong(1, emailId);
                assertEquals(1, delete.executeUpdate());
            }
            transaction.commit();
            return uid;
        } catch (Exception | AssertionError e) {
            transaction.rollback();
            throw e;
        }
    }

    private static String retry(long mailboxId, long skippedId) {
        return MAILBOXES + "/" + mailboxId + "/skipped/" + skippedId + "/retry";
    }

    /** The mailbox's skipped list as its owner sees it, by UID. */
    private static Map<Long, JsonObject> skipped(LocalMail.Mailbox owner, long id) {
        ApiResponse list = owner.api().get(MAILBOXES + "/" + id + "/skipped");
        assertEquals(200, list.status(), list::toString);
        return list.array().stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(s -> s.getJsonNumber("uid").longValue(), Function.identity()));
    }

    private static List<Object> fields(JsonObject skipped) {
        return List.of(skipped.getString("folder"), skipped.getJsonNumber("uidValidity").longValue(),
                skipped.getString("reason"), skipped.getInt("attempts"));
    }

    private static List<String> subjects(LocalMail.Mailbox owner, long id) {
        return owner.api().get(MAILBOXES + "/" + id + "/emails").array().stream()
                .map(e -> e.asJsonObject().getString("subject")).toList();
    }

    private static long emailId(LocalMail.Mailbox owner, long id, String subject) {
        return owner.api().get(MAILBOXES + "/" + id + "/emails").array().stream().map(JsonValue::asJsonObject)
                .filter(e -> subject.equals(e.getString("subject"))).findFirst().orElseThrow()
                .getJsonNumber("id").longValue();
    }

    private static void awaitReady(LocalMail.Mailbox owner, long id, int emails) {
        await("mailbox " + id + " synced with " + emails + " e-mails").atMost(ofSeconds(60)).pollInterval(ofMillis(250))
                .until(() -> owner.api().get(MAILBOXES + "/" + id).object(),
                        m -> "READY".equals(m.getString("status")) && m.getInt("emailCount") == emails);
    }
}
