package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
 * Shared mailboxes on the deployed EAR against GreenMail (SM-01..SM-04): sharing needs both system operations; an
 * access list grants read, send and configure to users and roles; each right shows exactly its part of the mailbox
 * over REST (panel list, e-mails, reader, files, settings, access list, sync) and an outsider sees nothing; mail sent
 * from it by a send holder goes out under its address and shows as its incoming mail does; switching sharing off keeps
 * the list without effect.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SharedMailboxIT {

    private static final String MAILBOXES = "api/v1/mailboxes";
    private static final String SECRET = "Mail-Secret-1";
    private static final String CONNECT = "CanConnectSharedMailbox";
    private static final String SYNC = "CanManageSharedMailboxSync";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()}).withPerMethodLifecycle(false);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    private ApiClient admin() {
        return ApiClient.asAdmin(base);
    }

    /** A new user holding the given operations, in the given roles; returns {login, id}. */
    private String[] user(String prefix, List<String> operations, long... roleIds) {
        String login = Fixtures.unique(prefix);
        long id = Fixtures.user(admin(), login, roleIds).getJsonNumber("id").longValue();
        operations.forEach(operation -> Fixtures.grantToUser(admin(), operation, id));
        return new String[] {login, String.valueOf(id)};
    }

    private ApiClient as(String[] user) {
        return ApiClient.as(base, user[0], Fixtures.PASSWORD);
    }

    /** A GreenMail account at a new provider with one e-mail (with a file) in INBOX; returns the address. */
    private String mailAccount(String name) throws MessagingException {
        String address = name + "@" + LocalMail.provider(admin(), MAIL, false, null).domain();
        MAIL.setUser(address, address, SECRET);
        LocalMail.append(MAIL, address, SECRET, "INBOX", "Shared offer", OffsetDateTime.now(ZoneOffset.UTC),
                "Terms of the shared offer", true);
        return address;
    }

    private static ApiResponse connect(ApiClient user, String address, boolean shared) {
        return user.post(MAILBOXES, Json.createObjectBuilder().add("address", address).add("password", SECRET)
                .add("shared", shared).build());
    }

    private static JsonObject row(String kind, String id, boolean read, boolean send, boolean configure) {
        return Json.createObjectBuilder().add(kind, Long.parseLong(id)).add("read", read).add("send", send)
                .add("configure", configure).build();
    }

    private static JsonValue rows(JsonObject... rows) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (JsonObject row : rows) {
            array.add(row);
        }
        return array.build();
    }

    private static JsonObject settingsBody(JsonObject mailbox, String alias, Boolean shared) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("version", mailbox.getJsonNumber("version"))
                .add("loadPeriod", "WEEK").add("autoSync", true).add("allFolders", true)
                .add("selectedFolders", Json.createArrayBuilder()).add("sendEnabled", true)
                .add("defaultSender", false).add("useAlias", alias != null).add("useSignature", false);
        if (alias != null) {
            body.add("alias", alias);
        }
        if (shared != null) {
            body.add("shared", shared);
        }
        return body.build();
    }

    /** Whether the list at the path holds the record with the id. */
    private static boolean has(ApiClient user, String path, long id) {
        return user.get(path).array().stream().anyMatch(x -> x.asJsonObject().getJsonNumber("id").longValue() == id);
    }

    private static boolean lists(ApiClient user, String query, long id) {
        return user.get(MAILBOXES + query).array().stream()
                .anyMatch(m -> m.asJsonObject().getJsonNumber("id").longValue() == id);
    }

    @Test
    @DisplayName("SM-01 connecting a mailbox as shared, switching sharing on and changing the access list need both "
            + "operations: 403 with the reason with one of them, allowed with both")
    void sharingNeedsBothOperations() throws MessagingException {
        for (String operation : List.of(CONNECT, SYNC)) {
            ApiClient half = as(user("half", List.of(operation)));
            String address = mailAccount("half");

            connect(half, address, true).assertProblem(403, "error.mailbox.sharingNeedsOperations", "shared");
            JsonObject own = connect(half, address, false).assertCreated();
            long id = own.getJsonNumber("id").longValue();
            assertFalse(own.getBoolean("shared"));
            half.put(MAILBOXES + "/" + id + "/settings", settingsBody(own, null, true))
                    .assertProblem(403, "error.mailbox.sharingNeedsOperations", "shared");
            half.put(MAILBOXES + "/" + id + "/access", rows())
                    .assertProblem(403, "error.mailbox.sharingNeedsOperations", "access");
            JsonObject settings = half.get(MAILBOXES + "/" + id + "/settings").object();
            assertEquals(List.of(false, false), List.of(settings.getBoolean("mayShare"),
                    settings.getJsonObject("mailbox").getBoolean("shared")), operation);
            assertTrue(half.get(MAILBOXES + "/" + id + "/access").array().isEmpty());
        }
        ApiClient both = as(user("both", List.of(CONNECT, SYNC)));

        JsonObject shared = connect(both, mailAccount("both"), true).assertCreated();

        assertTrue(shared.getBoolean("shared"));
        JsonObject settings = both.get(MAILBOXES + "/" + shared.getJsonNumber("id") + "/settings").object();
        assertTrue(settings.getBoolean("mayShare"));
    }

    @Test
    @DisplayName("SM-02 issue 18: a configure grantee holding both sharing operations cannot give themselves, their "
            + "role or anyone a right they do not hold (403, the list unchanged); the owner can")
    void configureGranteeGrantsOnlyWhatTheyHold() throws MessagingException {
        long desk = Fixtures.role(admin(), Fixtures.unique("Configurers")).getJsonNumber("id").longValue();
        String[] ownerUser = user("owner", List.of(CONNECT, SYNC));
        String[] configurerUser = user("configurer", List.of(CONNECT, SYNC), desk);
        String[] otherUser = user("other", List.of());
        ApiClient owner = as(ownerUser);
        ApiClient configurer = as(configurerUser);
        long id = connect(owner, mailAccount("deleg"), true).assertCreated().getJsonNumber("id").longValue();
        String access = MAILBOXES + "/" + id + "/access";
        JsonObject self = row("userId", configurerUser[1], false, false, true);
        assertEquals(1, owner.put(access, rows(self)).array().size());

        List<JsonValue> escalations = List.of(rows(row("userId", configurerUser[1], false, true, true)),
                rows(self, row("roleId", String.valueOf(desk), false, true, false)),
                rows(self, row("userId", otherUser[1], false, true, false)));
        for (JsonValue escalation : escalations) {
            configurer.put(access, escalation).assertProblem(403, "error.mailbox.accessBeyondOwnRights", "access");
        }
        List<JsonValue> granted = configurer.put(access, rows(self, row("userId", otherUser[1], true, false,
                false))).array();
        List<JsonValue> byOwner = owner.put(access, rows(row("userId", configurerUser[1], false, true, true)))
                .array();

        assertEquals(2, granted.size(), "read and configure, which the grantee holds, may be given");
        assertTrue(byOwner.get(0).asJsonObject().getBoolean("send"), "the owner gives send");
        assertEquals(1, configurer.put(access, rows(row("userId", configurerUser[1], false, true, true))).array()
                .size(), "now holding send, the grantee keeps it");
    }

    /**
     * The status of a sync request: 202 or 404. Another user's request just before may still be loading the mailbox
     * (409 "loading already", which only a user who may ask gets); then this asks again until that run has ended.
     */
    private static int syncRequest(ApiClient user, String mailbox) {
        return Awaitility.await("sync request on " + mailbox).atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .until(() -> user.post(mailbox + "/sync", JsonValue.EMPTY_JSON_OBJECT).status(), s -> s != 409);
    }

    @Test
    @DisplayName("SM-02 SM-03 MB-04 read, send (through a role) and configure each show their part of a shared "
            + "mailbox over REST (its mail on timelines for all three, in \"From\" for send), and the send holder is "
            + "in its e-mails' audience; an outsider gets 404 everywhere")
    void eachRightShowsItsPart() throws MessagingException {
        long desk = Fixtures.role(admin(), Fixtures.unique("Sales desk")).getJsonNumber("id").longValue();
        String[] ownerUser = user("owner", List.of(CONNECT, SYNC));
        String[] readerUser = user("reader", List.of());
        String[] senderUser = user("sender", List.of(), desk);
        String[] configurerUser = user("configurer", List.of());
        ApiClient owner = as(ownerUser);
        ApiClient reader = as(readerUser);
        ApiClient sender = as(senderUser);
        ApiClient configurer = as(configurerUser);
        ApiClient outsider = as(user("outsider", List.of()));
        String address = mailAccount("desk");
        long id = connect(owner, address, true).assertCreated().getJsonNumber("id").longValue();

        List<JsonValue> list = owner.put(MAILBOXES + "/" + id + "/access", rows(
                row("userId", readerUser[1], true, false, false), row("roleId", String.valueOf(desk), false, true,
                        false), row("userId", configurerUser[1], false, false, true))).array();
        LocalMail.syncNow(owner, id);
        MailboxesIT.awaitReady(owner, id, 1);
        long emailId = MailboxesIT.emails(owner, id).get(0).getJsonNumber("id").longValue();
        long fileId = owner.get(MAILBOXES + "/emails/" + emailId).object().getJsonArray("files").getJsonObject(0)
                .getJsonNumber("id").longValue();

        assertEquals(3, list.size());
        // SM-03: the e-mail's event names the panels that show it: the owner's and the send holder's (by the role).
        assertEquals(List.of(List.of(ownerUser[0], senderUser[0])), Fixtures.journaled(admin(), "EmailReceived",
                address).stream().map(data -> data.getJsonArray("audience").getValuesAs(JsonString::getString))
                .toList());
        assertEquals(String.valueOf(desk), list.get(1).asJsonObject().getJsonNumber("roleId").toString());
        String mailbox = MAILBOXES + "/" + id;
        String reading = MAILBOXES + "/emails/" + emailId;
        String file = reading + "/files/" + fileId;
        Map<String, ApiClient> users = Map.of("reader", reader, "sender", sender, "configurer", configurer,
                "outsider", outsider);
        // Who may: panel list, "From" list, the mailbox, its e-mail list, the reader, the file, the settings,
        // the access list; then a sync request.
        Map<String, List<Object>> expected = Map.of(
                "reader", List.of(false, false, 404, 404, 200, 200, 404, 404, 404),
                "sender", List.of(true, true, 200, 200, 200, 200, 404, 404, 202),
                "configurer", List.of(true, false, 200, 404, 200, 200, 200, 200, 202),
                "outsider", List.of(false, false, 404, 404, 404, 404, 404, 404, 404));
        Map<String, List<Object>> actual = users.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> List.of(lists(e.getValue(), "", id), lists(e.getValue(), "?purpose=send", id),
                        e.getValue().get(mailbox).status(), e.getValue().get(mailbox + "/emails").status(),
                        e.getValue().get(reading).status(), e.getValue().get(file).status(),
                        e.getValue().get(mailbox + "/settings").status(),
                        e.getValue().get(mailbox + "/access").status(),
                        syncRequest(e.getValue(), mailbox))));
        assertEquals(expected, actual);
        // MB-04 with SM-03: the shared mail is on a contact's timeline for every right; "From" offers it with send.
        long contact = owner.post("api/v1/contacts", Json.createObjectBuilder().add("name", "Bob")
                .add("emails", Json.createArrayBuilder().add("bob@example.org")).build()).assertCreated()
                .getJsonNumber("id").longValue();
        Map<String, List<Boolean>> timelineAndFrom = users.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> List.of(has(e.getValue(), "api/v1/contacts/" + contact + "/timeline?max=200",
                        emailId), has(e.getValue(), MAILBOXES + "/senders", id))));
        assertEquals(Map.of("reader", List.of(true, false), "sender", List.of(true, true),
                "configurer", List.of(true, false), "outsider", List.of(false, false)), timelineAndFrom);

        JsonObject seen = sender.get(mailbox).object();
        assertEquals(List.of(false, "Test " + ownerUser[0], false), List.of(seen.getBoolean("owned"),
                seen.getString("ownerName"), seen.getBoolean("mayConfigure")));
        assertEquals("Shared offer", sender.get(mailbox + "/emails").array().getJsonObject(0).getString("subject"));
        assertEquals("Terms of the shared offer", reader.get(reading).object().getString("textBody").strip());
        JsonObject settings = configurer.get(mailbox + "/settings").object();
        assertFalse(settings.getBoolean("mayShare"));
        JsonObject saved = configurer.put(mailbox + "/settings",
                settingsBody(settings.getJsonObject("mailbox"), "Sales desk", null)).object();
        assertEquals("Sales desk", saved.getString("alias"));
        configurer.put(mailbox + "/settings", settingsBody(saved, null, false))
                .assertProblem(403, "error.mailbox.sharingNeedsOperations", "shared");
        configurer.put(mailbox + "/access", rows()).assertProblem(403, "error.mailbox.sharingNeedsOperations",
                "access");
        assertEquals(404, outsider.put(mailbox + "/access", rows()).status());
        assertEquals(404, sender.put(mailbox + "/settings", settingsBody(saved, null, null)).status());
        assertEquals(3, owner.get(mailbox + "/access").array().size());
    }

    @Test
    @DisplayName("SM-03 a send holder sends from the shared mailbox: it leaves with the shared address as From, shows "
            + "in the contact's timeline to the owner and every holder, in the panel to the owner and send holders "
            + "only; holders without send and outsiders are refused (404) and nothing is sent")
    void sentBySendHolder() throws Exception {
        String[] ownerUser = user("owner", List.of(CONNECT, SYNC));
        String[] readerUser = user("reader", List.of());
        String[] senderUser = user("sender", List.of());
        String[] otherSenderUser = user("cosender", List.of());
        String[] configurerUser = user("configurer", List.of());
        ApiClient owner = as(ownerUser);
        ApiClient sender = as(senderUser);
        String address = mailAccount("outbox");
        long id = connect(owner, address, true).assertCreated().getJsonNumber("id").longValue();
        owner.put(MAILBOXES + "/" + id + "/access", rows(row("userId", readerUser[1], true, false, false),
                row("userId", senderUser[1], false, true, false), row("userId", otherSenderUser[1], false, true, false),
                row("userId", configurerUser[1], false, false, true))).array();
        String customer = Fixtures.unique("dora").toLowerCase() + "@example.org";
        long contact = owner.post("api/v1/contacts", Json.createObjectBuilder().add("name", "Dora")
                .add("emails", Json.createArrayBuilder().add(customer)).build()).assertCreated()
                .getJsonNumber("id").longValue();
        String subject = Fixtures.unique("From the desk");

        JsonObject sent = sender.post(MAILBOXES + "/" + id + "/emails", Json.createObjectBuilder()
                .add("to", Json.createArrayBuilder().add(customer)).add("subject", subject)
                .add("html", "<p>Your order has shipped.</p>").build()).assertCreated();

        assertEquals("SENT", sent.getString("status"), sent::toString);
        long emailId = sent.getJsonNumber("id").longValue();
        List<MimeMessage> received = MailSendIT.received(MAIL, subject);
        assertEquals(1, received.size());
        assertEquals(address, ((InternetAddress) received.get(0).getFrom()[0]).getAddress());
        assertEquals(customer, received.get(0).getAllRecipients()[0].toString());
        JsonObject sentEvent = Fixtures.journaled(admin(), "EmailSent", address).get(0);
        assertEquals(senderUser[0], sentEvent.getString("senderLogin"));
        // SM-03: the panels that list it are told: the sender's, the owner's and the other send holder's.
        assertEquals(Set.of(senderUser[0], ownerUser[0], otherSenderUser[0]),
                Set.copyOf(sentEvent.getJsonArray("audience").getValuesAs(JsonString::getString)));
        Map<String, ApiClient> users = Map.of("owner", owner, "reader", as(readerUser), "sender", sender,
                "cosender", as(otherSenderUser), "configurer", as(configurerUser),
                "outsider", as(user("outsider", List.of())));
        // Per user: on the contact's timeline; in the mailbox's e-mail list (the panel); opened in full.
        Map<String, List<Object>> seen = users.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> List.of(has(e.getValue(), "api/v1/contacts/" + contact + "/timeline?max=200", emailId),
                        panelShows(e.getValue(), id, emailId), e.getValue().get(MAILBOXES + "/emails/" + emailId)
                                .status())));
        assertEquals(Map.of("owner", List.of(true, true, 200), "reader", List.of(true, false, 200),
                "sender", List.of(true, true, 200), "cosender", List.of(true, true, 200),
                "configurer", List.of(true, false, 200), "outsider", List.of(false, false, 404)), seen);
        assertEquals("SENT", owner.get(MAILBOXES + "/" + id + "/emails").array().stream()
                .map(JsonValue::asJsonObject).filter(e -> e.getJsonNumber("id").longValue() == emailId)
                .findFirst().orElseThrow().getString("sendStatus"));

        String refusedSubject = Fixtures.unique("Not allowed");
        for (String refused : List.of("reader", "configurer", "outsider")) {
            ApiResponse answer = users.get(refused).post(MAILBOXES + "/" + id + "/emails", Json.createObjectBuilder()
                    .add("to", Json.createArrayBuilder().add(customer)).add("subject", refusedSubject)
                    .add("html", "<p>x</p>").build());
            assertEquals(404, answer.status(), refused + ": " + answer);
        }
        assertTrue(MailSendIT.received(MAIL, refusedSubject).isEmpty());
        assertTrue(owner.get(MAILBOXES + "/" + id + "/emails").array().stream()
                .noneMatch(e -> refusedSubject.equals(e.asJsonObject().getString("subject", null))));
    }

    /** Whether the mailbox's e-mail list (the panel's) shows the e-mail to the user; a refused list shows nothing. */
    private static boolean panelShows(ApiClient user, long mailboxId, long emailId) {
        ApiResponse list = user.get(MAILBOXES + "/" + mailboxId + "/emails");
        return list.status() == 200 && list.array().stream()
                .anyMatch(e -> e.asJsonObject().getJsonNumber("id").longValue() == emailId);
    }

    @Test
    @DisplayName("SM-04 switching \"access for other users\" off keeps the list without effect; on again restores it")
    void sharingOffKeepsTheList() throws MessagingException {
        String[] senderUser = user("sender", List.of());
        ApiClient owner = as(user("owner", List.of(CONNECT, SYNC)));
        ApiClient sender = as(senderUser);
        JsonObject mailbox = connect(owner, mailAccount("off"), true).assertCreated();
        String path = MAILBOXES + "/" + mailbox.getJsonNumber("id");
        long id = mailbox.getJsonNumber("id").longValue();
        owner.put(path + "/access", rows(row("userId", senderUser[1], false, true, false))).array();
        assertTrue(lists(sender, "?purpose=send", id));

        JsonObject off = owner.put(path + "/settings", settingsBody(mailbox, null, false)).object();

        assertFalse(off.getBoolean("shared"));
        assertEquals(List.of(false, 404), List.of(lists(sender, "?purpose=send", id),
                sender.get(path).status()));
        assertEquals(1, owner.get(path + "/access").array().size());
        owner.put(path + "/settings", settingsBody(off, null, true)).object();
        assertEquals(List.of(true, 200), List.of(lists(sender, "?purpose=send", id), sender.get(path).status()));
    }

    @Test
    @DisplayName("SM-02 an access list row names an existing user or role, not the owner, once, with a right; a bad "
            + "list is refused with 400 and changes nothing")
    void accessListChecked() throws MessagingException {
        String[] ownerUser = user("owner", List.of(CONNECT, SYNC));
        String[] other = user("other", List.of());
        ApiClient owner = as(ownerUser);
        String path = MAILBOXES + "/" + connect(owner, mailAccount("checked"), true).assertCreated()
                .getJsonNumber("id") + "/access";
        owner.put(path, rows(row("userId", other[1], true, false, false))).array();

        owner.put(path, rows(Json.createObjectBuilder(row("userId", other[1], true, false, false))
                .add("roleId", 1).build())).assertProblem(400, "validation.mailbox.accessGrantee", "access");
        owner.put(path, rows(row("userId", other[1], false, false, false)))
                .assertProblem(400, "validation.mailbox.accessNoRight", "access");
        owner.put(path, rows(row("userId", other[1], true, false, false), row("userId", other[1], false, true,
                false))).assertProblem(400, "validation.mailbox.accessDuplicate", "access");
        owner.put(path, rows(row("userId", "987654321", true, false, false)))
                .assertProblem(400, "validation.mailbox.accessUnknownUser", "access");
        owner.put(path, rows(row("roleId", "987654321", true, false, false)))
                .assertProblem(400, "validation.mailbox.accessUnknownRole", "access");
        owner.put(path, rows(row("userId", ownerUser[1], true, false, false)))
                .assertProblem(400, "validation.mailbox.accessOwner", "access");

        List<JsonValue> kept = owner.get(path).array();
        assertEquals(1, kept.size());
        assertEquals(List.of(other[0], true, false, false), List.of(kept.get(0).asJsonObject().getString("userLogin"),
                kept.get(0).asJsonObject().getBoolean("read"), kept.get(0).asJsonObject().getBoolean("send"),
                kept.get(0).asJsonObject().getBoolean("configure")));
    }
}
