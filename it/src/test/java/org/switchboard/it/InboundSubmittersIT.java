package org.switchboard.it;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
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
 * The inbound pipeline's trust boundary: every item carries who submitted it and is authorized against
 * that, never against names in its body. Over REST a {@code SendEmailCommand} sends as its caller; naming a colleague
 * needs {@code CanActOnBehalfOfUsers}; the submitter is kept on the e-mail, in the Event log and on dead letters,
 * whose replay acts as it. A producer on the queue cannot pass for a signed-in user, and an unknown type or version
 * is refused naming what is accepted.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InboundSubmittersIT {

    private static final String INBOUND = "api/v1/inbound";
    private static final String MAILBOXES = "api/v1/mailboxes";
    private static final String SECRET = "Mail-Secret-1";

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

    private ApiClient admin;
    private Peer peer;

    @BeforeEach
    void clients() {
        admin = ApiClient.asAdmin(base);
        peer = new Peer(peerBase);
    }

    /** A user with a mailbox of their own on the local GreenMail (a new provider's domain). */
    private LocalMail.Mailbox person(String name) {
        return LocalMail.mailbox(base, MAIL, name, false, SECRET);
    }

    /** A user without a mailbox. */
    private record Account(String login, ApiClient api) {
    }

    /** A user without a mailbox, holding the operations given. */
    private Account account(String name, String... operations) {
        String login = Fixtures.unique(name);
        long userId = Fixtures.user(admin, login).getJsonNumber("id").longValue();
        for (String operation : operations) {
            Fixtures.grantToUser(admin, operation, userId);
        }
        return new Account(login, ApiClient.as(base, login, Fixtures.PASSWORD));
    }

    private static JsonObjectBuilder command(String mailbox, String user, String requestId) {
        JsonObjectBuilder command = Json.createObjectBuilder().add("type", "SendEmailCommand").add("mailbox", mailbox)
                .add("to", Json.createArrayBuilder().add("dora@example.org")).add("subject", requestId)
                .add("text", "Your order has shipped.").add("requestId", requestId);
        return user == null ? command : command.add("user", user);
    }

    /** The journaled event of that type about the mailbox with the requestId: its whole envelope. */
    private JsonObject awaitEvent(String type, String mailbox, String requestId) {
        return Awaitility.await(type + " " + requestId).atMost(ofSeconds(30)).pollInterval(ofMillis(250))
                .until(() -> event(type, mailbox, requestId), Optional::isPresent).orElseThrow();
    }

    private Optional<JsonObject> event(String type, String mailbox, String requestId) {
        return admin.get("api/v1/events?type=" + type + "&max=500").object().getJsonArray("events").stream()
                .map(JsonValue::asJsonObject).filter(e -> mailbox.equals(e.getString("subject")))
                .map(e -> Json.createReader(new StringReader(e.getString("payload"))).readObject())
                .filter(e -> requestId.equals(e.getJsonObject("data").getString("requestId", null))).findFirst();
    }

    private JsonObject awaitDeadLetter(String marker) {
        return Awaitility.await("dead letter " + marker).atMost(ofSeconds(30)).pollInterval(ofMillis(250))
                .until(() -> admin.get("api/v1/dead-letters?max=500").array().stream().map(JsonValue::asJsonObject)
                        .filter(l -> l.getString("payload", "").contains(marker)).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** The e-mail the mailbox's owner sees with that subject, in full. */
    private static JsonObject email(LocalMail.Mailbox owner, String subject) {
        long id = Awaitility.await("e-mail " + subject).atMost(ofSeconds(30)).pollInterval(ofMillis(250))
                .until(() -> owner.api().get(MAILBOXES + "/" + owner.mailboxId() + "/emails").array().stream()
                        .map(JsonValue::asJsonObject).filter(e -> subject.equals(e.getString("subject")))
                        .findFirst(), Optional::isPresent).orElseThrow().getJsonNumber("id").longValue();
        return owner.api().get(MAILBOXES + "/emails/" + id).object();
    }

    @Test
    @DisplayName("X-03 X-02 over REST a SendEmailCommand without a user sends as its caller, from their mailbox, and "
            + "the e-mail and the Event log name them")
    void sendsAsTheCaller() {
        LocalMail.Mailbox anna = person("anna");
        String requestId = Fixtures.unique("own");

        ApiResponse accepted = anna.api().post(INBOUND, command(anna.address(), null, requestId).build());

        assertEquals(202, accepted.status(), accepted::toString);
        JsonObject sent = awaitEvent("EmailSent", anna.address(), requestId);
        assertEquals(List.of(anna.login(), anna.login()), List.of(sent.getString("actor"),
                sent.getJsonObject("data").getString("senderLogin")));
        assertEquals(anna.login(), email(anna, requestId).getString("submittedBy"));
        assertEquals(1, MailSendIT.received(MAIL, requestId).size());
    }

    @Test
    @DisplayName("X-03 X-02 a CanManageChats holder naming a colleague over REST is refused (403); nothing is sent "
            + "from the colleague's mailbox and nothing waits to be")
    void namingAColleagueIsRefused() {
        LocalMail.Mailbox bob = person("bob");
        Account mallory = account("mallory", "CanManageChats");
        String requestId = Fixtures.unique("impersonation");

        ApiResponse refused = mallory.api().post(INBOUND, command(bob.address(), bob.login(), requestId).build());

        refused.assertProblem(403, "error.inbound.refused", null);
        assertTrue(refused.object().getString("detail").contains("CanActOnBehalfOfUsers"), refused::toString);
        assertTrue(bob.api().get(MAILBOXES + "/" + bob.mailboxId() + "/emails").array().isEmpty());
        assertTrue(admin.get("api/v1/dead-letters?max=500").array().stream().map(JsonValue::asJsonObject)
                .noneMatch(l -> l.getString("payload", "").contains(requestId)), "no dead letter either");
    }

    @Test
    @DisplayName("X-03 X-02 over REST the caller needs the send right: someone else's mailbox and one that does not "
            + "exist are refused alike (403)")
    void someoneElsesMailboxIsRefused() {
        LocalMail.Mailbox bob = person("bob");
        LocalMail.Mailbox anna = person("anna");

        ApiResponse others = anna.api().post(INBOUND, command(bob.address(), null, Fixtures.unique("x")).build());
        ApiResponse none = anna.api().post(INBOUND, command("nobody-" + bob.address(), null, Fixtures.unique("x"))
                .build());

        others.assertProblem(403, "error.inbound.refused", null);
        none.assertProblem(403, "error.inbound.refused", null);
        assertEquals(anna.login() + " may not send from " + bob.address(),
                others.object().getString("detail").replaceFirst("^.*: ", ""), others::toString);
    }

    @Test
    @DisplayName("X-03 X-02 an integration account holding CanActOnBehalfOfUsers sends as the colleague it names; the "
            + "e-mail and the Event log name the account as who asked")
    void integrationActsOnBehalf() {
        LocalMail.Mailbox bob = person("bob");
        Account integration = account("crm-bot", "CanActOnBehalfOfUsers");
        String requestId = Fixtures.unique("on-behalf");

        ApiResponse accepted = integration.api().post(INBOUND, command(bob.address(), bob.login(), requestId)
                .build());

        assertEquals(202, accepted.status(), accepted::toString);
        JsonObject sent = awaitEvent("EmailSent", bob.address(), requestId);
        assertEquals(List.of(integration.login(), bob.login()), List.of(sent.getString("actor"),
                sent.getJsonObject("data").getString("senderLogin")));
        assertEquals(integration.login(), email(bob, requestId).getString("submittedBy"));
    }

    @Test
    @DisplayName("X-03 an unknown type or version over REST is a 400 naming the accepted ones; on the queue it becomes "
            + "a dead letter saying so")
    void unknownTypeOrVersion() {
        ApiResponse type = admin.post(INBOUND, Json.createObjectBuilder().add("type", "LeadCreated").build());
        ApiResponse version = admin.post(INBOUND, Json.createObjectBuilder().add("type", "MailboxSyncCommand")
                .add("version", 7).add("mailbox", "a@example.org").build());

        type.assertProblem(400, "validation.inbound.type", "type");
        assertEquals("The type must be one of: BotHandover, DeliveryReceipt, InboundChatMessage, MailboxSyncCommand, "
                + "SendEmailCommand.", type.object().getString("detail"), type::toString);
        version.assertProblem(400, "validation.inbound.version", "version");
        assertEquals("MailboxSyncCommand version 7 is not supported; accepted: 1.",
                version.object().getString("detail"), version::toString);

        String marker = Fixtures.unique("lead");
        peer.sendTyped(false, "LeadCreated", 1, "{\"marker\":\"" + marker + "\"}", Map.of());
        JsonObject letter = awaitDeadLetter(marker);
        assertEquals(List.of("UNKNOWN_TYPE", "JMS"), List.of(letter.getString("reasonCode"),
                letter.getString("source")));
        assertEquals("Unknown message type 'LeadCreated': expected one of BotHandover, DeliveryReceipt, "
                + "InboundChatMessage, MailboxSyncCommand, SendEmailCommand", letter.getString("reason"));
    }

    @Test
    @DisplayName("X-03 X-02 a producer on the queue cannot pass for a signed-in user: a forged submitter is taken as "
            + "the producer, so a command without a user is dead-lettered instead of sent")
    void forgedSubmitterIgnored() {
        LocalMail.Mailbox anna = person("anna");
        String requestId = Fixtures.unique("forged");

        peer.sendTyped(false, "SendEmailCommand", 1, command(anna.address(), null, requestId).build().toString(),
                Map.of("submittedVia", "REST", "submittedBy", anna.login(), "submitterSeal", "not-a-seal"));

        JsonObject letter = awaitDeadLetter(requestId);
        assertEquals(List.of("MISSING_FIELD", "JMS"), List.of(letter.getString("reasonCode"),
                letter.getString("source")));
        assertTrue(anna.api().get(MAILBOXES + "/" + anna.mailboxId() + "/emails").array().isEmpty());
    }

    @Test
    @DisplayName("X-03 on the queue a command for a user who may not send from the mailbox is dead-lettered with why")
    void queuedCommandNotAllowed() {
        LocalMail.Mailbox anna = person("anna");
        LocalMail.Mailbox bob = person("bob");
        String requestId = Fixtures.unique("not-allowed");

        peer.sendTyped(false, "SendEmailCommand", 1, command(anna.address(), bob.login(), requestId).build()
                .toString(), Map.of());

        JsonObject letter = awaitDeadLetter(requestId);
        assertEquals(List.of("SendEmailCommand", "NOT_ALLOWED", "JMS"), List.of(letter.getString("kind"),
                letter.getString("reasonCode"), letter.getString("source")));
        assertEquals(bob.login() + " may not send from " + anna.address(), letter.getString("reason"));
        assertTrue(anna.api().get(MAILBOXES + "/" + anna.mailboxId() + "/emails").array().isEmpty());
    }

    @Test
    @DisplayName("X-03 X-02 a dead letter keeps its submitter; its replay needs the rights its submitter needed and "
            + "acts as that submitter, not as whoever replays it")
    void replayKeepsTheSubmitter() {
        LocalMail.Mailbox anna = person("anna");
        sendEnabled(anna, false);
        String requestId = Fixtures.unique("replayed");
        peer.sendTyped(false, "SendEmailCommand", 1, command(anna.address(), anna.login(), requestId).build()
                .toString(), Map.of());
        JsonObject letter = awaitDeadLetter(requestId);
        assertEquals(List.of("SEND_DISABLED", "JMS"), List.of(letter.getString("reasonCode"),
                letter.getString("source")));
        String replay = "api/v1/dead-letters/" + letter.getJsonNumber("id").longValue() + "/replay";
        sendEnabled(anna, true);

        ApiResponse byChatManager = account("supervisor", "CanManageChats").api().post(replay, null);
        ApiResponse byAdministrator = admin.post(replay, null);

        byChatManager.assertProblem(403, "error.inbound.refused", null);
        assertEquals(200, byAdministrator.status(), byAdministrator::toString);
        assertEquals("REPLAYED", byAdministrator.object().getString("status"), byAdministrator::toString);
        JsonObject sent = awaitEvent("EmailSent", anna.address(), requestId);
        assertEquals("system", sent.getString("actor"), "the JMS producer, not the administrator who replayed it");
        assertEquals("system", email(anna, requestId).getString("submittedBy"));
    }

    @Test
    @DisplayName("X-03 nothing that merely arrives on the events topic is journaled: the Event log holds only what "
            + "Switchboard published")
    void strangersEventsAreNotJournaled() {
        String forgedId = java.util.UUID.randomUUID().toString();
        String code = "IdentityServerClientId";
        peer.sendTyped(true, "SettingChanged", 1, Json.createObjectBuilder().add("eventId", forgedId)
                .add("type", "SettingChanged").add("version", 1).add("occurredAt", "2026-12-06T10:00:00Z")
                .add("actor", "intruder").add("subject", code).add("data", Json.createObjectBuilder()
                        .add("code", code)).build().toString(), Map.of("eventId", forgedId));
        JsonObject before = admin.get("api/v1/settings/" + code).object();
        String value = Fixtures.unique("client");
        ApiResponse saved = admin.put("api/v1/settings/" + code, Json.createObjectBuilder().add("value", value)
                .add("version", before.getInt("version")).build());
        assertEquals(200, saved.status(), saved::toString);

        Awaitility.await("the real change's event").atMost(ofSeconds(10)).pollInterval(ofMillis(200))
                .until(() -> Fixtures.journaled(admin, "SettingChanged", code).stream()
                        .anyMatch(d -> value.equals(d.getString("value", null))));
        Awaitility.await("the forged event stays out").during(ofSeconds(3)).atMost(ofSeconds(5))
                .pollInterval(ofMillis(250)).until(() -> admin.get("api/v1/events?type=SettingChanged&max=500")
                        .object().getJsonArray("events").stream().map(JsonValue::asJsonObject)
                        .noneMatch(e -> forgedId.equals(e.getString("eventId"))));
    }

    private static void sendEnabled(LocalMail.Mailbox person, boolean on) {
        MailSendIT.settings(person.api(), person.mailboxId(), on, null, null);
    }
}
