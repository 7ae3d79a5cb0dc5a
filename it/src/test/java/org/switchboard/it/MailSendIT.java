package org.switchboard.it;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
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
 * Sending e-mail on the deployed EAR against GreenMail (MB-03, MB-09, MB-11, X-03): the message the SMTP server gets
 * (alias as personal name, signature with its picture as a CID part), the copy in the Sent folder that the next sync
 * does not load twice, the server's own reason on a refusal, who may send from which mailbox, and the
 * {@code SendEmailCommand} of the inbound queue with its idempotency key and its dead letters, and the
 * {@code MailboxSyncCommand}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MailSendIT {

    private static final String MAILBOXES = "api/v1/mailboxes";
    private static final String SECRET = "Mail-Secret-1";
    private static final String PNG = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G',
            13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'});

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

    private LocalMail.Mailbox sender(String name, boolean tls) {
        return LocalMail.mailbox(base, MAIL, name, tls, SECRET);
    }

    private static void settings(LocalMail.Mailbox sender, boolean sendEnabled, String alias, String signatureHtml) {
        settings(sender.api(), sender.mailboxId(), sendEnabled, alias, signatureHtml);
    }

    /** Saves a mailbox's settings as its owner: sending on or off, the alias and the signature (null: none). */
    static void settings(ApiClient owner, long mailboxId, boolean sendEnabled, String alias, String signatureHtml) {
        long version = owner.get(MAILBOXES + "/" + mailboxId).object().getJsonNumber("version").longValue();
        JsonObjectBuilder body = Json.createObjectBuilder().add("version", version).add("loadPeriod", "WEEK")
                .add("autoSync", false).add("allFolders", true).add("selectedFolders", JsonValue.EMPTY_JSON_ARRAY)
                .add("sendEnabled", sendEnabled).add("defaultSender", true).add("useAlias", alias != null)
                .add("useSignature", signatureHtml != null);
        if (alias != null) {
            body.add("alias", alias);
        }
        if (signatureHtml != null) {
            body.add("signatureHtml", signatureHtml);
        }
        owner.put(MAILBOXES + "/" + mailboxId + "/settings", body.build()).object();
    }

    private static JsonObject email(String to, String subject, String html) {
        return Json.createObjectBuilder().add("to", Json.createArrayBuilder().add(to)).add("subject", subject)
                .add("html", html).build();
    }

    /**
     * The messages GreenMail's SMTP delivered with that subject: GreenMail lists the copies appended to Sent folders
     * too, which have no {@code Received} header.
     */
    static List<MimeMessage> received(GreenMailExtension mail, String subject) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return subject.equals(m.getSubject()) && m.getHeader("Received") != null;
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    @Test
    @DisplayName("MB-03 MB-09 MB-11 sent with the alias as personal name and the signature's picture as a CID part; "
            + "saved to Sent, listed as SENT, and the next sync of Sent does not load it again")
    void sendWithAliasAndSignature() throws Exception {
        LocalMail.Mailbox sender = sender("anna", false);
        settings(sender, true, "Anna from Sales", "<p>Anna Smith</p><img src=\"data:image/png;base64," + PNG
                + "\" alt=\"logo\">");
        String subject = Fixtures.unique("Offer");
        JsonObject offered = sender.api().get(MAILBOXES + "/senders").array().getJsonObject(0);
        assertEquals(List.of(sender.mailboxId(), "Anna from Sales", true), List.of(
                offered.getJsonNumber("id").longValue(), offered.getString("alias"),
                offered.getBoolean("defaultSender")));

        ApiResponse sent = sender.api().post(MAILBOXES + "/" + sender.mailboxId() + "/emails",
                email("Bob <bob@example.org>", subject, "<p>Dear <b>Bob</b></p>"));

        JsonObject view = sent.assertCreated();
        assertEquals(List.of("SENT", "Sent"), List.of(view.getString("status"), view.getString("folder")),
                sent::toString);
        MimeMessage message = received(MAIL, subject).get(0);
        InternetAddress from = (InternetAddress) message.getFrom()[0];
        assertEquals(List.of(sender.address(), "Anna from Sales"), List.of(from.getAddress(), from.getPersonal()));
        Multipart related = (Multipart) ((Multipart) message.getContent()).getBodyPart(1).getContent();
        assertTrue(related.getContentType().startsWith("multipart/related"), related.getContentType());
        String html = (String) related.getBodyPart(0).getContent();
        BodyPart image = related.getBodyPart(1);
        String contentId = ((MimeBodyPart) image).getContentID();
        assertTrue(html.contains("Anna Smith") && html.contains("cid:" + contentId.replaceAll("[<>]", "")), html);
        assertTrue(image.isMimeType("image/png"));
        assertEquals(List.of(subject), sentFolder(sender.address()));

        LocalMail.syncNow(sender.api(), sender.mailboxId());
        Awaitility.await("sync of " + sender.address()).atMost(ofSeconds(60)).pollInterval(ofMillis(250))
                .until(() -> sender.api().get(MAILBOXES + "/" + sender.mailboxId()).object(),
                        m -> "READY".equals(m.getString("status")));
        List<JsonObject> listed = sender.api().get(MAILBOXES + "/" + sender.mailboxId() + "/emails").array()
                .stream().map(JsonValue::asJsonObject).filter(e -> subject.equals(e.getString("subject"))).toList();
        assertEquals(1, listed.size(), listed::toString);
        assertEquals(List.of("SENT", "Sent"), List.of(listed.get(0).getString("sendStatus"),
                listed.get(0).getString("folder")));
        assertEquals(0, Fixtures.journaled(admin(), "EmailReceived", sender.address()).size());
        assertEquals(1, Fixtures.journaled(admin(), "EmailSent", sender.address()).size());
    }

    @Test
    @DisplayName("MB-03 sending over SMTPS (SSL/TLS) with a reply's threading: \"Re:\" subject, In-Reply-To")
    void sslTlsReply() throws Exception {
        LocalMail.Mailbox sender = sender("tls", true);
        String subject = Fixtures.unique("Question");
        long first = sender.api().post(MAILBOXES + "/" + sender.mailboxId() + "/emails",
                email("carl@example.org", subject, "<p>First</p>")).assertCreated().getJsonNumber("id").longValue();

        JsonObject reply = sender.api().post(MAILBOXES + "/" + sender.mailboxId() + "/emails",
                Json.createObjectBuilder().add("to", Json.createArrayBuilder().add("carl@example.org"))
                        .add("text", "Second").add("inReplyTo", first).build()).assertCreated();

        assertEquals("SENT", reply.getString("status"));
        MimeMessage answer = received(MAIL, "Re: " + subject).get(0);
        String firstId = sender.api().get(MAILBOXES + "/emails/" + first).object().getString("messageId");
        assertEquals("<" + firstId + ">", answer.getHeader("In-Reply-To", null));
    }

    @Test
    @DisplayName("MB-03 a refusal by the SMTP server is a 502 with the server's own answer; the e-mail stays FAILED")
    void smtpRefusalShowsServersReason() {
        LocalMail.Mailbox sender = sender("refused", false);
        MAIL.getUserManager().getUser(sender.address()).setPassword("Changed-Elsewhere-9");
        String subject = Fixtures.unique("Refused");

        ApiResponse refused = sender.api().post(MAILBOXES + "/" + sender.mailboxId() + "/emails",
                email("bob@example.org", subject, "<p>Hi</p>"));

        refused.assertProblem(502, "error.email.sendFailed", null);
        assertTrue(refused.object().getString("detail").contains("535"), refused::toString);
        JsonObject listed = sender.api().get(MAILBOXES + "/" + sender.mailboxId() + "/emails").array().stream()
                .map(JsonValue::asJsonObject).filter(e -> subject.equals(e.getString("subject"))).findFirst()
                .orElseThrow();
        assertEquals("FAILED", listed.getString("sendStatus"));
        JsonObject detail = sender.api().get(MAILBOXES + "/emails/" + listed.getJsonNumber("id").longValue())
                .object();
        assertTrue(detail.getString("sendError").contains("535"), detail::toString);
        assertTrue(received(MAIL, subject).isEmpty());
        JsonObject failed = Fixtures.journaled(admin(), "EmailSendFailed", sender.address()).get(0);
        assertEquals("AUTHENTICATION", failed.getString("failure"), failed::toString);
        assertFalse(failed.toString().contains("535"), "the server's answer stays on the e-mail (issue 18, SM-03)");
    }

    @Test
    @DisplayName("MB-03 invalid addresses and no recipient are 400 on their field; nothing is sent")
    void invalidInput() {
        LocalMail.Mailbox sender = sender("careful", false);
        String path = MAILBOXES + "/" + sender.mailboxId() + "/emails";

        sender.api().post(path, email("bob@", "x", "<p>x</p>")).assertProblem(400, "validation.email.address", "to");
        sender.api().post(path, Json.createObjectBuilder().add("subject", "x").add("text", "x").build())
                .assertProblem(400, "validation.email.noRecipient", "to");
        assertTrue(sender.api().get(MAILBOXES + "/" + sender.mailboxId() + "/emails").array().isEmpty());
    }

    @Test
    @DisplayName("MB-03 a file name with CR/LF or a content type with CR/LF or not type/subtype is a 400 on that "
            + "file's field: nothing stored, nothing sent; a name beyond ASCII arrives as written (RFC 2231)")
    void attachmentHeadersChecked() throws Exception {
        LocalMail.Mailbox sender = sender("files", false);
        String path = MAILBOXES + "/" + sender.mailboxId() + "/emails";
        String subject = Fixtures.unique("Files");

        sender.api().post(path, withFile(subject, "a\r\nX-Evil: 1.txt", "text/plain"))
                .assertProblem(400, "validation.email.fileNameControl", "files[0].fileName");
        sender.api().post(path, withFile(subject, "a.txt", "text/plain\r\nX-Evil: 2"))
                .assertProblem(400, "validation.email.contentType", "files[0].contentType");
        sender.api().post(path, withFile(subject, "a.txt", "plain"))
                .assertProblem(400, "validation.email.contentType", "files[0].contentType");

        assertTrue(sender.api().get(MAILBOXES + "/" + sender.mailboxId() + "/emails").array().isEmpty());
        assertTrue(received(MAIL, subject).isEmpty());
        String name = "Коммерческое предложение для ООО «Ромашка» на поставку оборудования – версия 7.pdf";
        assertEquals("SENT", sender.api().post(path, withFile(subject, name, "application/pdf")).assertCreated()
                .getString("status"));
        Multipart mixed = (Multipart) received(MAIL, subject).get(0).getContent();
        assertEquals(List.of(name, "attachment"), List.of(mixed.getBodyPart(1).getFileName(),
                mixed.getBodyPart(1).getDisposition()));
    }

    private static JsonObject withFile(String subject, String fileName, String contentType) {
        return Json.createObjectBuilder().add("to", Json.createArrayBuilder().add("bob@example.org"))
                .add("subject", subject).add("text", "See the file.").add("files", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("fileName", fileName).add("contentType", contentType)
                                .add("content", Base64.getEncoder().encodeToString("%PDF-1.4".getBytes()))))
                .build();
    }

    @Test
    @DisplayName("MB-03 a mailbox with sending off is offered nowhere and refused (403); another user's is 404")
    void whoMaySend() {
        LocalMail.Mailbox owner = sender("owner", false);
        LocalMail.Mailbox other = sender("other", false);
        settings(owner, false, null, null);

        assertFalse(owner.api().get(MAILBOXES + "/senders").array().stream()
                .anyMatch(s -> s.asJsonObject().getJsonNumber("id").longValue() == owner.mailboxId()));
        owner.api().post(MAILBOXES + "/" + owner.mailboxId() + "/emails", email("bob@example.org", "x", "<p>x</p>"))
                .assertProblem(403, "error.email.sendDisabled", "mailboxId");
        assertEquals(404, other.api().post(MAILBOXES + "/" + owner.mailboxId() + "/emails",
                email("bob@example.org", "x", "<p>x</p>")).status());
        assertFalse(other.api().get(MAILBOXES + "/senders").array().stream()
                .anyMatch(s -> s.asJsonObject().getJsonNumber("id").longValue() == owner.mailboxId()));
    }

    @Test
    @DisplayName("MP-13 a mailbox of a receive-only provider (SMTP off) is offered as sender nowhere; sending from it "
            + "is a 400 on mailboxId, over the mailbox API and as a SendEmailCommand; nothing is stored or sent")
    void receiveOnlyProvider() {
        ApiClient admin = admin();
        LocalMail.Provider provider = LocalMail.provider(admin, MAIL, false, null, "EMAIL", false);
        String address = "inbox@" + provider.domain();
        MAIL.setUser(address, address, SECRET);
        String login = Fixtures.unique("receiver");
        Fixtures.user(admin, login);
        ApiClient owner = ApiClient.as(base, login, Fixtures.PASSWORD);
        long mailboxId = owner.post(MAILBOXES, Json.createObjectBuilder().add("address", address)
                .add("password", SECRET).build()).assertCreated().getJsonNumber("id").longValue();
        String subject = Fixtures.unique("Outgoing");

        assertTrue(owner.get(MAILBOXES + "/senders").array().isEmpty());
        assertTrue(owner.get(MAILBOXES + "?purpose=send").array().isEmpty());
        assertEquals(1, owner.get(MAILBOXES).array().size(), "still listed with its mail");
        ApiResponse refused = owner.post(MAILBOXES + "/" + mailboxId + "/emails",
                email("bob@example.org", subject, "<p>x</p>"));
        ApiResponse command = owner.post("api/v1/inbound", Json.createObjectBuilder()
                .add("type", "SendEmailCommand").add("mailbox", address)
                .add("to", Json.createArrayBuilder().add("bob@example.org")).add("subject", subject)
                .add("text", "x").add("requestId", Fixtures.unique("receive-only")).build());

        refused.assertProblem(400, "validation.email.receiveOnly", "mailboxId");
        assertTrue(refused.object().getString("detail").contains(address), refused::toString);
        command.assertProblem(400, "validation.inbound.body", null);
        assertTrue(command.object().getString("detail").contains("only receives mail"), command::toString);
        assertTrue(owner.get(MAILBOXES + "/" + mailboxId + "/emails").array().isEmpty());
        assertTrue(received(MAIL, subject).isEmpty());
    }

    @Test
    @DisplayName("X-03 a SendEmailCommand is sent after its commit and published as EmailSent with its requestId; "
            + "a repeated requestId sends nothing new")
    void sendEmailCommand() {
        LocalMail.Mailbox sender = sender("crm", false);
        String subject = Fixtures.unique("Order");
        String requestId = Fixtures.unique("req");

        accepted(command(sender, subject, requestId));
        JsonObject event = awaitEvent(sender.address(), "EmailSent", requestId);
        accepted(command(sender, subject, requestId));
        String marker = Fixtures.unique("marker");
        accepted(command(sender, marker, marker));
        awaitEvent(sender.address(), "EmailSent", marker);

        assertEquals(sender.login(), event.getString("senderLogin"));
        assertEquals(1, received(MAIL, subject).size());
        assertEquals(1, Fixtures.journaled(admin(), "EmailSent", sender.address()).stream()
                .filter(e -> requestId.equals(e.getString("requestId", null))).count());
    }

    @Test
    @DisplayName("X-03 over REST a SendEmailCommand for a user who may not send from the mailbox is refused (403), "
            + "even from an administrator, and nothing is sent")
    void badCommandRefused() {
        LocalMail.Mailbox owner = sender("guarded", false);
        LocalMail.Mailbox outsider = sender("outsider", false);
        String requestId = Fixtures.unique("intruder");

        ApiResponse refused = admin().post("api/v1/inbound", Json.createObjectBuilder().add("type", "SendEmailCommand")
                .add("mailbox", owner.address()).add("user", outsider.login())
                .add("to", Json.createArrayBuilder().add("bob@example.org")).add("subject", "Intrusion")
                .add("text", "x").add("requestId", requestId).build());

        refused.assertProblem(403, "error.inbound.refused", null);
        assertTrue(refused.object().getString("detail").contains(outsider.login() + " may not send from "
                + owner.address()), refused::toString);
        assertTrue(owner.api().get(MAILBOXES + "/" + owner.mailboxId() + "/emails").array().isEmpty());
    }

    @Test
    @DisplayName("X-03 MB-02 a MailboxSyncCommand loads the mailbox's new mail; an unknown mailbox is dead-lettered")
    void mailboxSyncCommand() throws Exception {
        LocalMail.Mailbox sender = sender("synced", false);
        String subject = Fixtures.unique("Incoming");
        LocalMail.append(MAIL, sender.address(), SECRET, "INBOX", subject,
                java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC), "Hello", false);
        String unknown = Fixtures.unique("nobody").toLowerCase() + "@example.org";

        accepted(admin().post("api/v1/inbound", Json.createObjectBuilder().add("type", "MailboxSyncCommand")
                .add("mailbox", sender.address().toUpperCase()).build()));
        accepted(admin().post("api/v1/inbound", Json.createObjectBuilder().add("type", "MailboxSyncCommand")
                .add("mailbox", unknown).build()));

        Awaitility.await("sync of " + sender.address()).atMost(ofSeconds(60)).pollInterval(ofMillis(250))
                .until(() -> sender.api().get(MAILBOXES + "/" + sender.mailboxId() + "/emails").array().stream()
                        .anyMatch(e -> subject.equals(e.asJsonObject().getString("subject"))));
        JsonObject letter = Awaitility.await("dead letter " + unknown).atMost(ofSeconds(30))
                .pollInterval(ofMillis(250)).until(() -> admin().get("api/v1/dead-letters?max=500").array().stream()
                        .map(JsonValue::asJsonObject).filter(l -> l.getString("payload", "").contains(unknown))
                        .findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertEquals("UNKNOWN_MAILBOX", letter.getString("reasonCode"));
    }

    private static void accepted(ApiResponse response) {
        assertEquals(202, response.status(), response::toString);
    }

    private ApiResponse command(LocalMail.Mailbox sender, String subject, String requestId) {
        return admin().post("api/v1/inbound", Json.createObjectBuilder().add("type", "SendEmailCommand")
                .add("mailbox", sender.address()).add("user", sender.login())
                .add("to", Json.createArrayBuilder().add("dora@example.org")).add("subject", subject)
                .add("text", "Your order has shipped.").add("requestId", requestId).build());
    }

    private JsonObject awaitEvent(String mailbox, String type, String requestId) {
        return Awaitility.await(type + " " + requestId).atMost(ofSeconds(30)).pollInterval(ofMillis(250))
                .until(() -> Fixtures.journaled(admin(), type, mailbox).stream()
                        .filter(e -> requestId.equals(e.getString("requestId", null))).findFirst(),
                        java.util.Optional::isPresent).orElseThrow();
    }

    /** The subjects in the Sent folder of the GreenMail mailbox. */
    private static List<String> sentFolder(String address) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("mail.imap.host", "127.0.0.1");
        properties.setProperty("mail.imap.port", String.valueOf(MAIL.getImap().getPort()));
        try (Store store = Session.getInstance(properties).getStore("imap")) {
            store.connect(address, SECRET);
            Folder folder = store.getFolder("Sent");
            folder.open(Folder.READ_ONLY);
            try {
                return Arrays.stream(folder.getMessages()).map(m -> {
                    try {
                        return m.getSubject();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
            } finally {
                folder.close(false);
            }
        }
    }
}
