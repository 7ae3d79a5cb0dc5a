package org.switchboard.it;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The e-mail events as a subscriber of the events topic receives them (X-03, MB-02, MB-03): the JMS peer, another
 * application on the server that knows the topic by its physical name only, gets {@code EmailReceived} for a mail
 * loaded from GreenMail and {@code EmailSent} for one sent from Switchboard, with the envelope, JMS properties and
 * data of {@code docs/jms.md}. The event journal is written in the transaction of the change, so only a subscriber
 * shows that the events were published.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EmailEventsIT {

    private static final String MAILBOXES = "api/v1/mailboxes";
    private static final String SECRET = "Mail-Secret-1";
    private static final Pattern EXAMPLE = Pattern.compile("<!-- example: (\\w+) -->\\s*```json\\s*(.*?)```",
            Pattern.DOTALL);

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()}).withPerMethodLifecycle(false);

    @Deployment(name = "switchboard", order = 1, testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Deployment(name = "peer", order = 2, testable = false)
    static WebArchive peerWar() {
        return Deployments.peer();
    }

    @ArquillianResource
    @OperateOnDeployment("switchboard")
    private URL base;

    @ArquillianResource
    @OperateOnDeployment("peer")
    private URL peerBase;

    private Peer peer;

    @BeforeEach
    void peer() {
        peer = new Peer(peerBase);
    }

    @Test
    @DisplayName("X-03 MB-02 SM-03 a mail loaded from the server reaches a topic subscriber as EmailReceived: "
            + "documented envelope and properties, the stored e-mail's ids and counts, and (issue 18) none of its "
            + "subject, addresses, folder or text, neither at the subscriber nor in the Event log")
    void emailReceivedReachesSubscriber() throws Exception {
        LocalMail.Mailbox mailbox = LocalMail.mailbox(base, MAIL, "inbox", false, SECRET);
        String subject = Fixtures.unique("Offer");
        OffsetDateTime received = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).minusMinutes(5);
        LocalMail.append(MAIL, mailbox.address(), SECRET, "INBOX", subject, received, "Terms of " + subject, true);

        ApiResponse sync = mailbox.api().post(MAILBOXES + "/" + mailbox.mailboxId() + "/sync",
                JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(202, sync.status(), sync::toString);
        MailboxesIT.awaitReady(mailbox.api(), mailbox.mailboxId(), 1);
        long emailId = MailboxesIT.emails(mailbox.api(), mailbox.mailboxId()).get(0).getJsonNumber("id").longValue();
        JsonObject stored = mailbox.api().get(MAILBOXES + "/emails/" + emailId).object();

        JsonObject event = awaitEvent("EmailReceived", mailbox.mailboxId());

        assertEnvelope(event, "EmailReceived", "system", mailbox.address());
        JsonObject data = event.getJsonObject("body").getJsonObject("data");
        assertEquals(documented("EmailReceived").getJsonObject("data").keySet(), data.keySet(), data::toString);
        assertEquals(List.of(emailId, mailbox.mailboxId(), mailbox.address(), stored.getString("messageId"),
                stored.getString("threadKey"), 1, 1, List.of(mailbox.login())),
                List.of(data.getJsonNumber("emailId").longValue(), data.getJsonNumber("mailboxId").longValue(),
                        data.getString("mailbox"), data.getString("messageId"), data.getString("threadKey"),
                        data.getInt("recipients"), data.getInt("attachments"), strings(data.getJsonArray("audience"))),
                data::toString);
        assertEquals(received.toInstant(), utcInstant(data.getString("receivedAt")));
        assertNoContent(event.toString(), subject, "bob@example.org", "Terms of", "INBOX");
        assertNoContent(journaled("EmailReceived", emailId), subject, "bob@example.org", "Terms of", "INBOX");
    }

    @Test
    @DisplayName("X-03 MB-03 SM-03 a mail sent from Switchboard reaches a topic subscriber as EmailSent: documented "
            + "envelope and properties, the sent e-mail's ids and counts, and (issue 18) neither its subject nor its "
            + "recipients' addresses, at the subscriber or in the Event log")
    void emailSentReachesSubscriber() throws Exception {
        LocalMail.Mailbox mailbox = LocalMail.mailbox(base, MAIL, "outbox", false, SECRET);
        String subject = Fixtures.unique("Your order");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        long emailId = mailbox.api().post(MAILBOXES + "/" + mailbox.mailboxId() + "/emails", Json.createObjectBuilder()
                .add("to", Json.createArrayBuilder().add("carl@example.org")).add("subject", subject)
                .add("html", "<p>Your order has shipped.</p>").build()).assertCreated().getJsonNumber("id").longValue();

        Instant after = Instant.now();
        JsonObject stored = mailbox.api().get(MAILBOXES + "/emails/" + emailId).object();
        assertEquals("SENT", stored.getString("sendStatus"), stored::toString);
        JsonObject event = awaitEvent("EmailSent", mailbox.mailboxId());
        assertEnvelope(event, "EmailSent", mailbox.login(), mailbox.address());
        JsonObject data = event.getJsonObject("body").getJsonObject("data");
        assertEquals(documented("EmailSent").getJsonObject("data").keySet(), data.keySet(), data::toString);
        assertEquals(List.of(emailId, mailbox.mailboxId(), mailbox.address(), stored.getString("messageId"),
                JsonValue.NULL, 1, mailbox.login(), List.of(mailbox.login())),
                List.of(data.getJsonNumber("emailId").longValue(), data.getJsonNumber("mailboxId").longValue(),
                        data.getString("mailbox"), data.getString("messageId"), data.get("requestId"),
                        data.getInt("recipients"), data.getString("senderLogin"),
                        strings(data.getJsonArray("audience"))), data::toString);
        Instant sentAt = utcInstant(data.getString("sentAt"));
        assertTrue(!sentAt.isBefore(before) && !sentAt.isAfter(after), before + " <= " + sentAt + " <= " + after);
        assertNoContent(event.toString(), subject, "carl@example.org", "has shipped");
        assertNoContent(journaled("EmailSent", emailId), subject, "carl@example.org", "has shipped");
    }

    /** The Event log's entry of the e-mail's event, as an administrator reads it ({@code GET /api/v1/events}). */
    private String journaled(String type, long emailId) {
        ApiClient admin = ApiClient.asAdmin(base);
        return await(type + " of e-mail " + emailId + " in the Event log").atMost(ofSeconds(30))
                .pollInterval(ofMillis(200))
                .until(() -> admin.get("api/v1/events?type=" + type + "&max=500").object().getJsonArray("events")
                        .stream()
                        .map(JsonValue::asJsonObject)
                        .filter(e -> e.getString("payload").contains("\"emailId\":" + emailId + ","))
                        .map(JsonObject::toString).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    /** SM-03, issue 18: what every subscriber and every administrator reads holds none of the mail's content. */
    private static void assertNoContent(String seen, String... content) {
        for (String text : content) {
            assertFalse(seen.contains(text), () -> "'" + text + "' in " + seen);
        }
    }

    /** The one event of the type about the mailbox that the peer received, once it has. */
    private JsonObject awaitEvent(String type, long mailboxId) {
        List<JsonObject> events = await(type + " of mailbox " + mailboxId + " at the subscriber").atMost(ofSeconds(30))
                .pollInterval(ofMillis(200))
                .until(() -> peer.events(type).stream().filter(e -> e.getJsonObject("body").getJsonObject("data")
                        .getJsonNumber("mailboxId").longValue() == mailboxId).toList(), found -> !found.isEmpty());
        assertEquals(1, events.size(), events::toString);
        return events.get(0);
    }

    /**
     * The envelope of {@code docs/jms.md}: exactly its fields, the JMS type and {@code version} property agreeing with
     * the body, the {@code eventId} property equal to the body's UUID, {@code occurredAt} an instant in UTC.
     */
    private static void assertEnvelope(JsonObject event, String type, String actor, String subject)
            throws IOException {
        JsonObject body = event.getJsonObject("body");
        assertEquals(documented(type).keySet(), body.keySet(), body::toString);
        assertEquals(List.of(type, 2, type, 2, actor, subject),
                List.of(event.getString("jmsType"), event.getInt("version"), body.getString("type"),
                        body.getInt("version"), body.getString("actor"), body.getString("subject")), event::toString);
        assertEquals(UUID.fromString(body.getString("eventId")).toString(), event.getString("eventId"));
        utcInstant(body.getString("occurredAt"));
    }

    /** The example of the event in {@code docs/jms.md}: the contract a subscriber is written against. */
    private static JsonObject documented(String type) throws IOException {
        Matcher example = EXAMPLE.matcher(Files.readString(Path.of("../docs/jms.md")));
        while (example.find()) {
            if (example.group(1).equals(type)) {
                return Json.createReader(new StringReader(example.group(2))).readObject();
            }
        }
        throw new AssertionError("docs/jms.md has no example of " + type);
    }

    /** An ISO-8601 time of an event, which must be in UTC. */
    private static Instant utcInstant(String text) {
        OffsetDateTime time = OffsetDateTime.parse(text);
        assertEquals(ZoneOffset.UTC, time.getOffset(), text);
        return time.toInstant();
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
