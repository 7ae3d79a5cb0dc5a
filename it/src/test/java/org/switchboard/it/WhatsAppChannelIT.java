package org.switchboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.switchboard.it.ChatScenario.Operator;

/**
 * A WhatsApp channel end to end against the fake Twilio (WA-01..WA-06, CH-12): "Connect" checks the account and sends
 * the confirmation; Twilio's signed webhooks become chats routed to an operator; replies reach the Messages API with
 * the right form; status callbacks move the reply to delivered, read or failed; a repeated webhook creates nothing; a
 * missing, wrong or replayed signature gets 403 and stores nothing; WA-03's file limits are kept before sending.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WhatsAppChannelIT {

    private static final AtomicLong NUMBERS = new AtomicLong(15_550_000_000L + System.currentTimeMillis() % 400_000);
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    private ChatScenario scenario;

    @BeforeEach
    void clients() {
        scenario = new ChatScenario(base);
        ProviderFakes.server();
        ProviderFakes.siteUrl(scenario.admin);
    }

    /** A connected WhatsApp channel whose queue has one operator. */
    private record Line(Operator operator, long channelId, String sid, String token, String number,
                        String webhookUrl) {
    }

    private static String number() {
        return "+" + NUMBERS.incrementAndGet();
    }

    private Line line() {
        Operator alice = scenario.operator("alice");
        long queue = scenario.queue("LEAST_BUSY", null, alice);
        String token = "tok" + Fixtures.unique("t").replaceAll("[^A-Za-z0-9]", "");
        String sid = ProviderFakes.twilioAccount(token);
        String number = number();
        ApiResponse created = connect(queue, sid, token, number, number());
        assertEquals(201, created.status(), created::toString);
        return new Line(alice, ChatScenario.id(created.object()), sid, token, number,
                created.object().getJsonObject("settings").getString("webhookUrl"));
    }

    private ApiResponse connect(long queue, String sid, String token, String number, String verification) {
        return scenario.admin.post("api/v1/channels", Json.createObjectBuilder().add("provider", "WHATSAPP")
                .add("name", Fixtures.unique("whatsapp")).add("active", true).add("queueId", queue)
                .add("language", "en").add("settings", Json.createObjectBuilder().add("accountSid", sid)
                        .add("authToken", token).add("phoneNumber", number).add("verificationNumber", verification))
                .build());
    }

    private URI hook(Line line) {
        return URI.create(base + "hooks/whatsapp/" + line.channelId());
    }

    /** Twilio's "A message comes in" form for a WhatsApp text. */
    private static Map<String, String> incoming(Line line, String from, String text) {
        Map<String, String> form = new TreeMap<>();
        String sid = "SM" + Fixtures.unique("in").replaceAll("[^A-Za-z0-9]", "");
        form.put("SmsMessageSid", sid);
        form.put("MessageSid", sid);
        form.put("SmsSid", sid);
        form.put("AccountSid", line.sid());
        form.put("MessagingServiceSid", "");
        form.put("From", "whatsapp:" + from);
        form.put("To", "whatsapp:" + line.number());
        form.put("Body", text);
        form.put("NumMedia", "0");
        form.put("NumSegments", "1");
        form.put("ProfileName", "Ann Lee");
        form.put("WaId", from.substring(1));
        form.put("SmsStatus", "received");
        form.put("ApiVersion", "2010-04-01");
        return form;
    }

    private HttpResponse<String> post(Line line, Map<String, String> form) {
        return ProviderFakes.postSigned(hook(line), line.webhookUrl(), line.token(), form);
    }

    private long acceptedChat(Line line, String from, String text) {
        assertEquals(200, post(line, incoming(line, from, text)).statusCode());
        long chat = ChatScenario.id(scenario.awaitChat(line.channelId(), text));
        await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> scenario.status(chat), "ASSIGNED"::equals);
        ApiResponse accepted = line.operator().api().post("api/v1/chats/" + chat + "/accept",
                JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(200, accepted.status(), accepted::toString);
        return chat;
    }

    private ApiResponse reply(Line line, long chat, String text, String fileName, String type, byte[] file) {
        var files = Json.createArrayBuilder();
        if (file != null) {
            files.add(Json.createObjectBuilder().add("fileName", fileName).add("contentType", type)
                    .add("content", Base64.getEncoder().encodeToString(file)));
        }
        return line.operator().api().post("api/v1/chats/" + chat + "/messages",
                Json.createObjectBuilder().add("text", text).add("files", files).build());
    }

    private JsonObject message(long chat, long messageId) {
        return scenario.chat(chat).getJsonArray("messages").stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getJsonNumber("id").longValue() == messageId).findFirst().orElseThrow();
    }

    private JsonObject awaitStatus(long chat, long messageId, String status) {
        return await().atMost(ofSeconds(30)).pollInterval(ofMillis(100))
                .until(() -> message(chat, messageId), m -> status.equals(m.getString("deliveryStatus")));
    }

    private static List<JsonObject> messages(JsonObject detail) {
        return detail.getJsonArray("messages").stream().map(JsonValue::asJsonObject).toList();
    }

    /** The Messages.json call that carried this body, once Twilio got it. */
    private Map<String, String> awaitSent(Line line, String body) {
        return await().atMost(ofSeconds(30)).pollInterval(ofMillis(100))
                .until(() -> ProviderFakes.twilioMessages(line.sid()).stream()
                        .filter(f -> body.equals(f.get("Body"))).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    @Test
    @DisplayName("WA-01 WA-05 WA-06 Connect checks the account with Twilio and sends the confirmation to the "
            + "verification number; the card shows the webhook URL for Twilio")
    void connectSendsTheConfirmation() {
        Line line = line();
        JsonObject channel = scenario.admin.get("api/v1/channels/" + line.channelId()).object();
        JsonObject settings = channel.getJsonObject("settings");
        assertEquals(line.sid(), settings.getString("accountSid"));
        assertEquals(line.number(), settings.getString("phoneNumber"));
        assertTrue(line.webhookUrl().endsWith("/hooks/whatsapp/" + line.channelId()), line::webhookUrl);
        assertTrue(!channel.toString().contains(line.token()), "the Auth Token is never shown");
        List<Map<String, String>> sent = ProviderFakes.twilioMessages(line.sid());
        assertEquals(1, sent.size(), sent::toString);
        assertEquals("whatsapp:" + line.number(), sent.get(0).get("From"));
        assertEquals("whatsapp:" + settings.getString("verificationNumber"), sent.get(0).get("To"));
        assertTrue(sent.get(0).get("Body").contains(line.number()), sent::toString);
    }

    @Test
    @DisplayName("WA-05 credentials Twilio refuses show Twilio's reason and save nothing; WA-04 a number already "
            + "connected is refused naming its channel")
    void refusedConnectAndTakenNumber() {
        Line line = line();
        long queue = scenario.queue("LEAST_BUSY", null, scenario.operator("bob"));
        int before = scenario.admin.get("api/v1/channels").array().size();
        String sid = ProviderFakes.twilioAccount("right-token");
        ApiResponse refused = connect(queue, sid, "wrong-token", number(), number());
        assertEquals(400, refused.status(), refused::toString);
        assertTrue(refused.object().getString("detail").contains("Authenticate"), refused::toString);
        assertEquals(0, ProviderFakes.twilioMessages(sid).size(), "no confirmation for refused credentials");

        ApiResponse taken = connect(queue, ProviderFakes.twilioAccount("t2"), "t2", line.number(), number());
        assertEquals(409, taken.status(), taken::toString);
        String holder = scenario.admin.get("api/v1/channels/" + line.channelId()).object().getString("name");
        assertTrue(taken.object().getString("detail").contains(holder), taken::toString);
        assertEquals(before, scenario.admin.get("api/v1/channels").array().size());
    }

    @Test
    @DisplayName("WA-02 CH-12 a signed Twilio webhook becomes a chat routed to the operator; Twilio's retry of the "
            + "same MessageSid creates nothing")
    void webhookBecomesARoutedChatOnce() {
        Line line = line();
        String from = number();
        String text = "Is the blue one in stock? " + Fixtures.unique("q");
        Map<String, String> form = incoming(line, from, text);
        HttpResponse<String> answer = post(line, form);
        assertEquals(200, answer.statusCode(), answer::body);
        assertTrue(answer.body().contains("<Response/>"), answer::body);

        long chat = ChatScenario.id(scenario.awaitChat(line.channelId(), text));
        JsonObject assigned = await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> scenario.summary(chat), s -> "ASSIGNED".equals(s.getString("status")));
        assertEquals(line.operator().login(), assigned.getString("operatorLogin"));
        assertEquals("WHATSAPP", assigned.getString("provider"));
        assertEquals("Ann Lee", assigned.getString("contactName"));

        assertEquals(200, post(line, form).statusCode());
        String later = "hello again " + Fixtures.unique("q");
        assertEquals(200, post(line, incoming(line, from, later)).statusCode());
        JsonObject detail = await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> scenario.chat(chat), d -> messages(d).size() >= 2);
        assertEquals(List.of(later, text).stream().sorted().toList(),
                messages(detail).stream().map(m -> m.getString("body")).sorted().toList());
    }

    @Test
    @DisplayName("WA-02 a missing, wrong or replayed signature gets 403 and stores nothing; issue 18: so does an "
            + "unknown channel, with the same answer")
    void badSignaturesAreRefused() {
        Line line = line();
        String text = "forged " + Fixtures.unique("q");
        Map<String, String> form = incoming(line, number(), text);
        HttpResponse<String> missing = ProviderFakes.postSigned(hook(line), line.webhookUrl(), null, form);
        HttpResponse<String> wrong = ProviderFakes.postSigned(hook(line), line.webhookUrl(), "not-the-token", form);
        // A signature Twilio made for another request, sent with this one.
        Map<String, String> genuine = incoming(line, number(), "genuine " + Fixtures.unique("q"));
        String replayed = ProviderFakes.twilioSignature(line.token(), line.webhookUrl(), genuine);
        HttpResponse<String> reused = ProviderFakes.send(HttpRequest.newBuilder(hook(line))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", replayed)
                .POST(HttpRequest.BodyPublishers.ofString("MessageSid=" + form.get("MessageSid") + "&From="
                        + form.get("From").replace("+", "%2B") + "&Body=" + text.replace(' ', '+'))).build());
        assertEquals(403, missing.statusCode(), missing::body);
        assertEquals(403, wrong.statusCode(), wrong::body);
        assertEquals(403, reused.statusCode(), reused::body);
        // Issue 18: a channel id that does not exist is answered exactly as a wrong signature.
        HttpResponse<String> unknown = ProviderFakes.postSigned(URI.create(base + "hooks/whatsapp/999999999"),
                line.webhookUrl(), line.token(), form);
        assertEquals(403, unknown.statusCode(), unknown::body);
        assertEquals(wrong.body(), unknown.body());
        assertEquals(200, post(line, genuine).statusCode());
        scenario.awaitChat(line.channelId(), genuine.get("Body"));
        assertTrue(scenario.findChat(line.channelId(), text).isEmpty(), "nothing of a refused request is stored");
    }

    @Test
    @DisplayName("WA-02 CH-12 the reply reaches Twilio's Messages API with the customer's number and a status "
            + "callback; delivered and read callbacks update it, never back")
    void replyAndStatusCallbacks() {
        Line line = line();
        String customer = number();
        long chat = acceptedChat(line, customer, "Hi! " + Fixtures.unique("q"));
        ApiResponse sent = reply(line, chat, "Yes, we have it.", null, null, null);
        assertEquals(201, sent.status(), sent::toString);
        long id = ChatScenario.id(sent.object());
        Map<String, String> form = awaitSent(line, "Yes, we have it.");
        assertEquals("whatsapp:" + customer, form.get("To"));
        assertEquals("whatsapp:" + line.number(), form.get("From"));
        String callback = form.get("StatusCallback");
        assertEquals(line.webhookUrl() + "/status/" + id, callback);
        awaitStatus(chat, id, "SENT");

        String sid = "SM" + Fixtures.unique("s").replaceAll("[^A-Za-z0-9]", "");
        for (String status : List.of("read", "delivered", "sent")) {
            Map<String, String> update = Map.of("MessageSid", sid, "MessageStatus", status, "AccountSid", line.sid(),
                    "From", "whatsapp:" + line.number(), "To", "whatsapp:" + customer, "ApiVersion", "2010-04-01");
            assertEquals(200, ProviderFakes.postSigned(URI.create(callback.replaceFirst("^.*?/hooks/",
                    base + "hooks/")), callback, line.token(), update).statusCode());
        }
        // Out of order: "read" came first; the later "delivered" and "sent" do not take it back.
        awaitStatus(chat, id, "READ");
    }

    @Test
    @DisplayName("WA-05 a failed status callback with Twilio's error code marks the reply failed with its meaning; a "
            + "refusal of the Messages API does too")
    void failuresAreShown() {
        Line line = line();
        String customer = number();
        long chat = acceptedChat(line, customer, "Hello " + Fixtures.unique("q"));
        long id = ChatScenario.id(reply(line, chat, "A late answer.", null, null, null).object());
        String callback = awaitSent(line, "A late answer.").get("StatusCallback");
        Map<String, String> failed = Map.of("MessageSid", "SMfailed" + id, "MessageStatus", "failed",
                "ErrorCode", "63016", "AccountSid", line.sid(), "To", "whatsapp:" + customer);
        assertEquals(200, ProviderFakes.postSigned(URI.create(callback.replaceFirst("^.*?/hooks/", base + "hooks/")),
                callback, line.token(), failed).statusCode());
        JsonObject shown = awaitStatus(chat, id, "FAILED");
        assertTrue(shown.getString("deliveryError").startsWith("Twilio error 63016: the 24-hour window"),
                shown::toString);

        ProviderFakes.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/twilio/2010-04-01/Accounts/" + line.sid()
                + "/Messages.json")).atPriority(1).willReturn(ProviderFakes.json(400, """
                {"code":21211,"message":"The 'To' number whatsapp:%s is not a valid phone number.",\
                "more_info":"https://www.twilio.com/docs/errors/21211","status":400}""".formatted(customer))));
        long refused = ChatScenario.id(reply(line, chat, "Again?", null, null, null).object());
        JsonObject refusedShown = awaitStatus(chat, refused, "FAILED");
        assertTrue(refusedShown.getString("deliveryError").contains("21211"), refusedShown::toString);
    }

    @Test
    @DisplayName("WA-03 a file WhatsApp does not take is refused before sending with a clear message; a PDF goes out "
            + "as a MediaUrl Twilio can fetch; issue 18: served with nosniff, under its type only if its content agrees")
    void fileLimits() {
        Line line = line();
        long chat = acceptedChat(line, number(), "Send me the invoice " + Fixtures.unique("q"));
        ApiResponse refused = reply(line, chat, "Here.", "setup.exe", "application/octet-stream", PDF);
        assertEquals(400, refused.status(), refused::toString);
        assertTrue(refused.object().getString("detail").contains("pdf"), refused::toString);

        ApiResponse sent = reply(line, chat, "Your invoice.", "invoice.pdf", "application/pdf", PDF);
        assertEquals(201, sent.status(), sent::toString);
        Map<String, String> form = awaitSent(line, "Your invoice.");
        String media = form.get("MediaUrl");
        assertTrue(media.startsWith(line.webhookUrl() + "/media/"), media);
        HttpResponse<byte[]> fetched = fetch(media);
        assertEquals(200, fetched.statusCode());
        assertArrayEquals(PDF, fetched.body());
        assertEquals("application/pdf", fetched.headers().firstValue("Content-Type").orElse(""));
        assertEquals("nosniff", fetched.headers().firstValue("X-Content-Type-Options").orElse(""));
        // Issue 18: a file whose content is not what its type claims is served as bytes, never as that type.
        ApiResponse disguised = reply(line, chat, "Disguised.", "page.pdf", "application/pdf",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII));
        assertEquals(201, disguised.status(), disguised::toString);
        HttpResponse<byte[]> served = fetch(awaitSent(line, "Disguised.").get("MediaUrl"));
        assertEquals("application/octet-stream", served.headers().firstValue("Content-Type").orElse(""));
        // The last character changed for certain: "00" in place of the last two left one signature in 256 as it was.
        String wrong = media.substring(0, media.length() - 1) + (media.endsWith("0") ? "1" : "0");
        assertEquals(404, fetch(wrong).statusCode(), "a wrong signature finds nothing");
    }

    @Test
    @DisplayName("WA-02 a customer's image arrives as an attachment fetched from Twilio's MediaUrl with the account's "
            + "credentials as it arrives, once, and kept")
    void mediaIsFetchedFromTwilio() {
        Line line = line();
        byte[] image = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
        String url = ProviderFakes.twilioMedia(line.sid(), line.token(), image, "image/png");
        Map<String, String> form = incoming(line, number(), "");
        String caption = "photo " + Fixtures.unique("q");
        form.put("Body", caption);
        form.put("NumMedia", "1");
        form.put("MediaUrl0", url);
        form.put("MediaContentType0", "image/png");
        assertEquals(200, post(line, form).statusCode());
        long chat = ChatScenario.id(scenario.awaitChat(line.channelId(), caption));
        JsonObject message = await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> messages(scenario.chat(chat)), l -> !l.isEmpty()).get(0);
        JsonObject attachment = message.getJsonArray("attachments").getJsonObject(0);
        assertEquals("image/png", attachment.getString("contentType"));
        await().atMost(ofSeconds(20)).pollInterval(ofMillis(100)).until(() -> scenario.chat(chat)
                .getJsonArray("messages").getJsonObject(0).getJsonArray("attachments").getJsonObject(0)
                .getJsonNumber("sizeBytes") != null);
        assertArrayEquals(image, ProviderFakes.download(base, "api/v1/chat-attachments/"
                + ChatScenario.id(attachment)));
        assertEquals(1, ProviderFakes.server().findAll(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(url.substring(
                        url.indexOf("/twilio/"))))).size(), "fetched once, as it arrived");
    }

    private HttpResponse<byte[]> fetch(String mediaUrl) {
        URI target = URI.create(mediaUrl.replaceFirst("^.*?/hooks/", base + "hooks/"));
        try {
            return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(target).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
