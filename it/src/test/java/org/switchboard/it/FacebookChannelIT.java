package org.switchboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

/**
 * Messenger's webhook end to end (FB-02), against the fake Graph API: a Facebook channel made over REST with its page
 * and page token (subscribed at the fake), then events posted to {@code /hooks/facebook} as Meta posts them, signed
 * with the app secret over the raw bytes. A customer's message becomes a chat; Meta's redelivery creates nothing; a
 * request signed wrongly or not at all is refused with 403 and stores nothing; a page no channel owns is acknowledged;
 * a photo is fetched from Meta's CDN as it arrives; the callback's verification echoes the challenge only for the
 * verify token.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FacebookChannelIT {

    private static final String GRAPH = "/facebook/v27.0";
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final byte[] PHOTO = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    /** The app's secret and verify token, set once for the test JVM ({@link Messenger}). */
    private String appSecret;
    private String verifyToken;

    private ChatScenario scenario;

    @BeforeEach
    void setUp() {
        scenario = new ChatScenario(base);
        ProviderFakes.server();
        appSecret = Messenger.appSecret(scenario);
        verifyToken = Messenger.verifyToken(scenario);
    }

    /** A page connected as an active channel whose queue has one operator. */
    private record Page(String id, long channelId, String token, ChatScenario.Operator operator) {
    }

    private Page page() {
        return page(null);
    }

    /** A page connected as an active channel; with an external bot that answers first when {@code botAppId} is set. */
    private Page page(String botAppId) {
        String id = Long.toString(IDS.incrementAndGet() * 10 + 1);
        String token = UsedSecrets.remember("EAApage" + id + "x" + Fixtures.unique("t").replaceAll("[^A-Za-z0-9]",
                ""));
        ProviderFakes.server().stubFor(post(urlPathEqualTo(GRAPH + "/" + id + "/subscribed_apps"))
                .withQueryParam("access_token", equalTo(token)).willReturn(okJson("{\"success\":true}")));
        ChatScenario.Operator operator = scenario.operator("fbop");
        long queue = scenario.queue("LEAST_BUSY", null, operator);
        ApiResponse created = scenario.admin.post("api/v1/channels", Json.createObjectBuilder()
                .add("provider", "FACEBOOK").add("name", Fixtures.unique("Acme page")).add("active", true)
                .add("queueId", queue).add("language", "en").add("settings", botAppId == null
                        ? Json.createObjectBuilder().add("pageId", id).add("pageToken", token)
                        : Json.createObjectBuilder().add("pageId", id).add("pageToken", token)
                                .add("botAppId", botAppId)).build());
        assertEquals(201, created.status(), created::toString);
        JsonObject settings = created.object().getJsonObject("settings");
        assertEquals(id, settings.getString("pageId"));
        assertTrue(!created.object().toString().contains(token), "the page token is never shown");
        return new Page(id, ChatScenario.id(created.object()), token, operator);
    }

    private static String event(String pageId, String psid, String message) {
        return """
                {"object":"page","entry":[{"id":"%1$s","time":1765000000500,"messaging":[
                 {"sender":{"id":"%2$s"},"recipient":{"id":"%1$s"},"timestamp":1765000000123,"message":%3$s}]}]}"""
                .formatted(pageId, psid, message);
    }

    private static String text(String mid, String text) {
        return "{\"mid\":\"%s\",\"text\":\"%s\"}".formatted(mid, text);
    }

    private String sign(String body, String secret) {
        return Messenger.signature(body, secret);
    }

    private HttpResponse<String> postEvent(String body, String signature) {
        return Messenger.post(base, body, signature);
    }

    /** Posts an event signed as Meta signs it; Switchboard takes it. */
    private void deliver(String body) {
        assertEquals(200, postEvent(body, sign(body, appSecret)).statusCode());
    }

    /** The chat that the customer's message opens, accepted by the page's operator. */
    private long acceptedChat(Page page, String psid, String words) {
        deliver(event(page.id(), psid, text("m_" + IDS.incrementAndGet(), words)));
        long chat = ChatScenario.id(scenario.awaitChat(page.channelId(), words));
        await().atMost(ofSeconds(20)).pollInterval(ofMillis(100)).until(() -> scenario.status(chat),
                "ASSIGNED"::equals);
        assertEquals(200, page.operator().api().post("api/v1/chats/" + chat + "/accept", JsonValue.EMPTY_JSON_OBJECT)
                .status());
        return chat;
    }

    private static List<JsonObject> messages(JsonObject detail) {
        return detail.getJsonArray("messages").stream().map(JsonValue::asJsonObject).toList();
    }

    @Test
    @DisplayName("FB-02 a signed message becomes a chat of the page's channel, its contact named as Messenger names "
            + "the customer (asked once); Meta's redelivery of the same mid creates nothing")
    void signedMessageBecomesAChat() {
        Page page = page();
        String words = "where is my order " + Fixtures.unique("q");
        String mid = "m_" + IDS.incrementAndGet();
        String psid = "PSID" + IDS.incrementAndGet();
        ProviderFakes.server().stubFor(get(urlPathEqualTo(GRAPH + "/" + psid))
                .withQueryParam("access_token", equalTo(page.token()))
                .willReturn(okJson("{\"first_name\":\"Ann\",\"last_name\":\"Lee\",\"id\":\"" + psid + "\"}")));
        String body = event(page.id(), psid, text(mid, words));

        deliver(body);
        deliver(body);

        long chat = ChatScenario.id(scenario.awaitChat(page.channelId(), words));
        String later = "anything else " + Fixtures.unique("q");
        String next = event(page.id(), "PSID-other" + IDS.incrementAndGet(), text("m_" + IDS.incrementAndGet(),
                later));
        deliver(next);
        scenario.awaitChat(page.channelId(), later);
        assertEquals(1, messages(scenario.chat(chat)).size(), "the redelivered mid created nothing");
        assertEquals(words, messages(scenario.chat(chat)).get(0).getString("body"));
        await().atMost(ofSeconds(20)).pollInterval(ofMillis(100)).until(() -> scenario.summary(chat)
                .getString("contactName"), "Ann Lee"::equals);
        ProviderFakes.server().verify(1, getRequestedFor(urlPathEqualTo(GRAPH + "/" + psid)));
    }

    @Test
    @DisplayName("FB-02 a request signed with another secret, over other bytes, or not at all is refused with 403 "
            + "and stores nothing; a page no channel owns is acknowledged")
    void wronglySignedRefused() {
        Page page = page();
        String forged = "forged " + Fixtures.unique("q");
        String body = event(page.id(), "PSID" + IDS.incrementAndGet(), text("m_" + IDS.incrementAndGet(), forged));
        HttpResponse<String> otherSecret = postEvent(body, sign(body, "not-the-app-secret"));
        HttpResponse<String> otherBytes = postEvent(body.replace("forged", "Forged"), sign(body, appSecret));
        HttpResponse<String> unsigned = postEvent(body, null);
        String unknownPage = event("999" + IDS.incrementAndGet(), "PSID1", text("m_" + IDS.incrementAndGet(), "hi"));
        HttpResponse<String> stranger = postEvent(unknownPage, sign(unknownPage, appSecret));

        for (HttpResponse<String> refused : List.of(otherSecret, otherBytes, unsigned)) {
            assertEquals(403, refused.statusCode(), refused::body);
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                    refused.headers()::toString);
        }
        assertEquals(200, stranger.statusCode(), stranger::body);
        String genuine = "genuine " + Fixtures.unique("q");
        String good = event(page.id(), "PSID" + IDS.incrementAndGet(), text("m_" + IDS.incrementAndGet(), genuine));
        deliver(good);
        scenario.awaitChat(page.channelId(), genuine);
        assertTrue(scenario.findChat(page.channelId(), forged).isEmpty(), "nothing of a refused request is stored");
    }

    @Test
    @DisplayName("FB-02 a customer's photo is fetched from Meta's CDN as it arrives and kept")
    void photoFetchedAsItArrives() {
        Page page = page();
        String path = "/facebook-cdn/v/t1.15752-9/" + IDS.incrementAndGet() + "_n.png";
        ProviderFakes.server().stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withBody(PHOTO)));
        String caption = "broken on arrival " + Fixtures.unique("q");
        String url = "http://localhost:" + ProviderFakes.server().port() + path + "?_nc_cat=1";
        String body = event(page.id(), "PSID" + IDS.incrementAndGet(), """
                {"mid":"m_%d","text":"%s","attachments":[{"type":"image","payload":{"url":"%s"}}]}"""
                .formatted(IDS.incrementAndGet(), caption, url));
        deliver(body);

        long chat = ChatScenario.id(scenario.awaitChat(page.channelId(), caption));
        JsonObject attachment = await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> messages(scenario.chat(chat)).get(0).getJsonArray("attachments").getJsonObject(0),
                        a -> a.getJsonNumber("sizeBytes") != null);
        assertEquals(path.substring(path.lastIndexOf('/') + 1), attachment.getString("fileName"));
        assertEquals("image/png", attachment.getString("contentType"));
        assertArrayEquals(PHOTO, ProviderFakes.download(base, "api/v1/chat-attachments/"
                + ChatScenario.id(attachment)));
        ProviderFakes.server().verify(1, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    @DisplayName("FB-02 CH-12 an operator's reply within 24 hours of the customer's message goes to Messenger as a "
            + "RESPONSE to the customer's PSID with the page's token, then its file as an attachment, once each, and is "
            + "marked sent; Messenger's delivery "
            + "(by mid) and read (by watermark) webhooks mark it delivered, then read, never back")
    void replyGoesToMessenger() {
        Page page = page();
        String psid = "PSID" + IDS.incrementAndGet();
        String words = "can I return it " + Fixtures.unique("q");
        String metaId = "m_reply" + IDS.incrementAndGet();
        ProviderFakes.server().stubFor(post(urlPathEqualTo(GRAPH + "/me/messages"))
                .withQueryParam("access_token", equalTo(page.token()))
                .willReturn(okJson("{\"recipient_id\":\"" + psid + "\",\"message_id\":\"" + metaId + "\"}")));
        long chat = acceptedChat(page, psid, words);

        String answer = "Yes, within 30 days " + Fixtures.unique("a");
        byte[] pdf = "%PDF-1.4 returns form".getBytes(StandardCharsets.US_ASCII);
        ApiResponse sent = page.operator().api().post("api/v1/chats/" + chat + "/messages",
                Json.createObjectBuilder().add("text", answer).add("files", Json.createArrayBuilder().add(
                        Json.createObjectBuilder().add("fileName", "returns.pdf").add("contentType", "application/pdf")
                                .add("content", java.util.Base64.getEncoder().encodeToString(pdf)))).build());
        assertEquals(201, sent.status(), sent::toString);
        long id = ChatScenario.id(sent.object());

        JsonObject reply = awaitStatus(chat, id, "SENT");
        assertEquals(answer, reply.getString("body"));
        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> calls = ProviderFakes.server().findAll(
                com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(GRAPH
                        + "/me/messages")).withQueryParam("access_token", equalTo(page.token())));
        assertEquals(2, calls.size(), "the text, then the file");
        JsonObject request = ProviderFakes.json(calls.get(0).getBodyAsString());
        assertEquals(psid, request.getJsonObject("recipient").getString("id"));
        assertEquals("RESPONSE", request.getString("messaging_type"));
        assertEquals(answer, request.getJsonObject("message").getString("text"));
        String upload = calls.get(1).getBodyAsString();
        assertTrue(calls.get(1).getHeader("Content-Type").startsWith("multipart/form-data"), calls.get(1)::toString);
        assertTrue(upload.contains("\"type\":\"file\"") && upload.contains("filename=\"returns.pdf\"")
                && upload.contains("%PDF-1.4 returns form") && upload.contains(psid), upload);

        String read = receipt(page.id(), psid, "\"read\":{\"watermark\":" + (System.currentTimeMillis() + 60_000) + "}");
        String delivered = receipt(page.id(), psid, "\"delivery\":{\"mids\":[\"" + metaId + "\"],\"watermark\":1}");
        deliver(delivered);
        awaitStatus(chat, id, "DELIVERED");
        deliver(read);
        awaitStatus(chat, id, "READ");
        deliver(delivered);
        String marker = "after the receipts " + Fixtures.unique("q");
        String later = event(page.id(), "PSID-late" + IDS.incrementAndGet(), text("m_" + IDS.incrementAndGet(),
                marker));
        deliver(later);
        scenario.awaitChat(page.channelId(), marker);
        awaitStatus(chat, id, "READ");
    }

    @Test
    @DisplayName("FB-02 CH-12 Messenger's rate limit (code 613 with Retry-After) on a reply is waited out and the "
            + "reply sent once, not duplicated")
    void throttledReplyRetried() {
        Page page = page();
        String psid = "PSID" + IDS.incrementAndGet();
        String words = "are you there " + Fixtures.unique("q");
        String throttled = """
                {"error":{"message":"(#613) Calls to this api have exceeded the rate limit.","type":"OAuthException",
                "code":613,"fbtrace_id":"AxY"}}""";
        String scenarioName = "throttle-" + page.id();
        for (int i = 0; i < 3; i++) {
            ProviderFakes.server().stubFor(post(urlPathEqualTo(GRAPH + "/me/messages"))
                    .withQueryParam("access_token", equalTo(page.token())).inScenario(scenarioName)
                    .whenScenarioStateIs(i == 0 ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED
                            : "throttled-" + i).willSetStateTo("throttled-" + (i + 1))
                    .willReturn(aResponse().withStatus(400).withHeader("Retry-After", "1")
                            .withHeader("Content-Type", "application/json").withBody(throttled)));
        }
        ProviderFakes.server().stubFor(post(urlPathEqualTo(GRAPH + "/me/messages"))
                .withQueryParam("access_token", equalTo(page.token())).inScenario(scenarioName)
                .whenScenarioStateIs("throttled-3")
                .willReturn(okJson("{\"recipient_id\":\"" + psid + "\",\"message_id\":\"m_ok\"}")));
        long chat = acceptedChat(page, psid, words);

        ApiResponse sent = page.operator().api().post("api/v1/chats/" + chat + "/messages",
                Json.createObjectBuilder().add("text", "Yes, here").add("files", Json.createArrayBuilder()).build());
        assertEquals(201, sent.status(), sent::toString);
        await().atMost(ofSeconds(30)).pollInterval(ofMillis(100)).until(() -> messages(scenario.chat(chat)).stream()
                .filter(m -> m.getJsonNumber("id").longValue() == ChatScenario.id(sent.object())).findFirst()
                .orElseThrow().getString("deliveryStatus"), "SENT"::equals);
        assertEquals(4, ProviderFakes.server().findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(urlPathEqualTo(GRAPH + "/me/messages"))
                .withQueryParam("access_token", equalTo(page.token()))).size(), "three throttled, one sent");
    }

    private static String receipt(String pageId, String psid, String what) {
        return """
                {"object":"page","entry":[{"id":"%1$s","time":1765000000500,"messaging":[
                 {"sender":{"id":"%2$s"},"recipient":{"id":"%1$s"},"timestamp":1765000000123,%3$s}]}]}"""
                .formatted(pageId, psid, what);
    }

    private JsonObject awaitStatus(long chat, long messageId, String status) {
        return await().atMost(ofSeconds(20)).pollInterval(ofMillis(100)).until(() -> messages(scenario.chat(chat))
                .stream().filter(m -> m.getJsonNumber("id").longValue() == messageId).findFirst().orElseThrow(),
                m -> status.equals(m.getString("deliveryStatus")));
    }

    @Test
    @DisplayName("FB-02 the callback's verification echoes hub.challenge for the verify token only")
    void verification() throws Exception {
        String challenge = Long.toString(IDS.incrementAndGet());
        HttpResponse<String> good = HTTP.send(HttpRequest.newBuilder(URI.create(base + "hooks/facebook?hub.mode="
                + "subscribe&hub.verify_token=" + URLEncoder.encode(verifyToken, StandardCharsets.UTF_8)
                + "&hub.challenge=" + challenge)).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(URI.create(base + "hooks/facebook?hub.mode="
                + "subscribe&hub.verify_token=wrong&hub.challenge=" + challenge)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, good.statusCode(), good::body);
        assertEquals(challenge, good.body());
        assertEquals(403, bad.statusCode(), bad::body);
        assertTrue(!bad.body().contains(challenge));
    }

    // ---------------------------------------------------------------- FB-05, FB-06: an external bot answers first

    /** The external bot's app id (the page's primary receiver) and Switchboard's own, as Meta's handovers name them. */
    private static final String BOT_APP = "1234567890";
    private static final String OUR_APP = "5550001";

    /** Items of {@code entry[].standby[]}: the bot holds the conversation, Switchboard only reads (Meta's shape). */
    private static String standby(String pageId, String... items) {
        return """
                {"object":"page","entry":[{"id":"%1$s","time":1765000000500,"standby":[%2$s]}]}"""
                .formatted(pageId, String.join(",", items));
    }

    private static String customerSays(String pageId, String psid, String mid, String text) {
        return """
                {"sender":{"id":"%2$s"},"recipient":{"id":"%1$s"},"timestamp":1765000000123,
                 "message":{"mid":"%3$s","text":"%4$s"}}""".formatted(pageId, psid, mid, text);
    }

    /** The bot's own reply as Messenger echoes it to the secondary receiver. */
    private static String botEcho(String pageId, String psid, String text) {
        return """
                {"sender":{"id":"%1$s"},"recipient":{"id":"%2$s"},"timestamp":1765000000200,
                 "message":{"is_echo":true,"app_id":%3$s,"mid":"m_echo%4$d","text":"%5$s"}}"""
                .formatted(pageId, psid, BOT_APP, IDS.incrementAndGet(), text);
    }

    /** Meta's messaging_handovers item: the bot passed the thread to Switchboard's app. */
    private static String passedToUs(String pageId, String psid) {
        return """
                {"object":"page","entry":[{"id":"%1$s","time":1458692752478,"messaging":[
                 {"sender":{"id":"%2$s"},"recipient":{"id":"%1$s"},"timestamp":%3$d,
                  "pass_thread_control":{"previous_owner_app_id":"%4$s","new_owner_app_id":"%5$s",
                  "metadata":"The customer asked for a human"}}]}]}"""
                .formatted(pageId, psid, System.currentTimeMillis(), BOT_APP, OUR_APP);
    }

    /** A customer's message on standby, stored as a bot dialog; returns the chat's summary. */
    private JsonObject botDialog(Page page, String psid, String words) {
        deliver(standby(page.id(), customerSays(page.id(), psid, "m_" + IDS.incrementAndGet(), words),
                botEcho(page.id(), psid, "I am the bot")));
        JsonObject chat = scenario.awaitChat(page.channelId(), words);
        assertEquals("BOT", chat.getString("status"), chat::toString);
        return chat;
    }

    /** A page with the bot option whose Graph fake takes the thread-control call, and a customer's bot dialog there. */
    private record BotCase(Page page, String psid, long chat) {
    }

    private BotCase botCase(String threadControlCall) {
        Page page = page(BOT_APP);
        ProviderFakes.server().stubFor(post(urlPathEqualTo(GRAPH + "/me/" + threadControlCall))
                .withQueryParam("access_token", equalTo(page.token())).willReturn(okJson("{\"success\":true}")));
        String psid = "PSID" + IDS.incrementAndGet();
        return new BotCase(page, psid, ChatScenario.id(botDialog(page, psid, "a human please "
                + Fixtures.unique("q"))));
    }

    private List<JsonObject> threadControlCalls(Page page, String call) {
        return ProviderFakes.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlPathEqualTo(GRAPH + "/me/" + call)).withQueryParam("access_token", equalTo(page.token())))
                .stream().map(r -> ProviderFakes.json(r.getBodyAsString())).toList();
    }

    @Test
    @DisplayName("FB-05 a customer's messages on standby (the bot holds the conversation) are kept in one bot dialog "
            + "with no operator, not offered to anybody; the bot's echoes are not stored; FB-04 FB-07 standby for a "
            + "page without the bot option (another app took its conversations) is dropped and flags the channel")
    void standbyBecomesBotDialog() {
        Page page = page(BOT_APP);
        String psid = "PSID" + IDS.incrementAndGet();
        String words = "opening hours " + Fixtures.unique("q");

        long chat = ChatScenario.id(botDialog(page, psid, words));
        String more = "and on Sunday " + Fixtures.unique("q");
        deliver(standby(page.id(), customerSays(page.id(), psid, "m_" + IDS.incrementAndGet(), more)));

        await().atMost(ofSeconds(20)).pollInterval(ofMillis(100)).until(() -> messages(scenario.chat(chat)).size(),
                n -> n == 2);
        JsonObject summary = scenario.summary(chat);
        assertEquals("BOT", summary.getString("status"));
        assertTrue(!summary.containsKey("operatorLogin") || summary.isNull("operatorLogin"), summary::toString);
        assertEquals(List.of("INBOUND", "INBOUND"), messages(scenario.chat(chat)).stream()
                .map(m -> m.getString("direction")).toList(), "the bot's echo is not stored");
        assertTrue(scenario.chat(chat).getJsonArray("routing").isEmpty(), "a bot dialog is not routed");
        JsonObject panel = page.operator().api().get("api/v1/me/chats").object();
        assertTrue(java.util.stream.Stream.of("offered", "mine").flatMap(list -> panel.getJsonArray(list).stream())
                .noneMatch(c -> ChatScenario.id(c.asJsonObject()) == chat), "the operator is offered nothing");

        Page plain = page();
        String dropped = "standby without a bot " + Fixtures.unique("q");
        deliver(standby(plain.id(), customerSays(plain.id(), psid, "m_" + IDS.incrementAndGet(), dropped)));
        String marker = "after the standby " + Fixtures.unique("q");
        deliver(event(plain.id(), psid, text("m_" + IDS.incrementAndGet(), marker)));
        scenario.awaitChat(plain.channelId(), marker);
        assertTrue(scenario.findChat(plain.channelId(), dropped).isEmpty(), "standby without the bot option dropped");
        JsonObject flagged = scenario.admin.get("api/v1/channels/" + plain.channelId()).object();
        assertTrue(flagged.getString("flagReason", "").contains("Another app now receives the conversations of page "
                + plain.id()), flagged::toString);
    }

    @Test
    @DisplayName("FB-05 the bot's pass_thread_control to Switchboard routes the bot dialog to the queue's operator; "
            + "finishing the chat passes the conversation back to the bot's app id (pass_thread_control)")
    void handoverRoutesAndFinishingPassesBack() {
        BotCase bot = botCase("pass_thread_control");
        Page page = bot.page();
        String psid = bot.psid();
        long chat = bot.chat();

        deliver(passedToUs(page.id(), psid));

        JsonObject assigned = scenario.awaitStatus(chat, "ASSIGNED");
        assertEquals(page.operator().login(), assigned.getString("operatorLogin"));
        assertEquals(200, page.operator().api().post("api/v1/chats/" + chat + "/accept", JsonValue.EMPTY_JSON_OBJECT)
                .status());
        assertEquals(List.of(), threadControlCalls(page, "pass_thread_control"), "nothing passed back yet");

        ApiResponse finished = page.operator().api().post("api/v1/chats/" + chat + "/finish",
                JsonValue.EMPTY_JSON_OBJECT);

        assertEquals(200, finished.status(), finished::toString);
        JsonObject passed = await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> threadControlCalls(page, "pass_thread_control"), calls -> calls.size() == 1).get(0);
        assertEquals(psid, passed.getJsonObject("recipient").getString("id"));
        assertEquals(BOT_APP, passed.getString("target_app_id"));
        await().atMost(ofSeconds(20)).pollInterval(ofMillis(100)).until(() -> scenario.chat(chat)
                .getJsonArray("routing").toString().contains("passed back to the external bot"));
    }

    @Test
    @DisplayName("FB-05 passing back is tried again after Meta's 5xx and done once; Meta's refusal is not retried and "
            + "shows with its reason in the chat's routing decisions")
    void passingBackRetriedOrRefused() {
        Page retried = page(BOT_APP);
        String scenarioName = "pass-" + retried.id();
        ProviderFakes.server().stubFor(post(urlPathEqualTo(GRAPH + "/me/pass_thread_control"))
                .withQueryParam("access_token", equalTo(retried.token())).inScenario(scenarioName)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("failed once").willReturn(aResponse().withStatus(503)));
        ProviderFakes.server().stubFor(post(urlPathEqualTo(GRAPH + "/me/pass_thread_control"))
                .withQueryParam("access_token", equalTo(retried.token())).inScenario(scenarioName)
                .whenScenarioStateIs("failed once").willReturn(okJson("{\"success\":true}")));
        Page refused = page(BOT_APP);
        ProviderFakes.server().stubFor(post(urlPathEqualTo(GRAPH + "/me/pass_thread_control"))
                .withQueryParam("access_token", equalTo(refused.token())).willReturn(aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json").withBody("""
                                {"error":{"message":"(#10) The app is not the thread owner","type":"OAuthException",
                                "code":10,"fbtrace_id":"B7"}}""")));

        for (Page page : List.of(retried, refused)) {
            long chat = acceptedChat(page, "PSID" + IDS.incrementAndGet(), "finish me " + Fixtures.unique("q"));
            assertEquals(200, page.operator().api().post("api/v1/chats/" + chat + "/finish",
                    JsonValue.EMPTY_JSON_OBJECT).status());
            String expected = page == retried ? "passed back to the external bot"
                    : "could not be passed back to the external bot: Facebook: (#10) The app is not the thread owner";
            await().atMost(ofSeconds(30)).pollInterval(ofMillis(100)).until(() -> scenario.chat(chat)
                    .getJsonArray("routing").toString().contains(expected));
        }
        assertEquals(2, threadControlCalls(retried, "pass_thread_control").size(), "a 503, then the pass");
        assertEquals(1, threadControlCalls(refused, "pass_thread_control").size(), "a refusal is not retried");
    }

    @Test
    @DisplayName("FB-05 an operator of the queue takes a bot dialog from the bot (take_thread_control): the chat is "
            + "theirs, in work; a chat that is no bot dialog is refused with 409")
    void operatorTakesFromBot() {
        BotCase bot = botCase("take_thread_control");
        Page page = bot.page();
        String psid = bot.psid();
        long chat = bot.chat();

        ApiResponse taken = page.operator().api().post("api/v1/chats/" + chat + "/take-from-bot",
                JsonValue.EMPTY_JSON_OBJECT);

        assertEquals(200, taken.status(), taken::toString);
        assertEquals("ACTIVE", taken.object().getString("status"));
        assertEquals(page.operator().login(), taken.object().getString("operatorLogin"));
        List<JsonObject> calls = threadControlCalls(page, "take_thread_control");
        assertEquals(1, calls.size());
        assertEquals(psid, calls.get(0).getJsonObject("recipient").getString("id"));
        page.operator().api().post("api/v1/chats/" + chat + "/take-from-bot", JsonValue.EMPTY_JSON_OBJECT)
                .assertProblem(409, "error.chat.notBotDialog", null);
    }

    @Test
    @DisplayName("FB-06 the external bot is refused for a Telegram channel (400 on botAppId, nothing saved); on "
            + "Facebook its app id must be digits")
    void botOptionOnlyForFacebook() {
        long queue = scenario.queue("LEAST_BUSY", null, scenario.operator("fb06op"));
        int before = scenario.admin.get("api/v1/channels").array().size();
        ApiResponse telegram = scenario.admin.post("api/v1/channels", Json.createObjectBuilder()
                .add("provider", "TELEGRAM").add("name", Fixtures.unique("FB-06")).add("active", false)
                .add("queueId", queue).add("language", "en").add("settings", Json.createObjectBuilder()
                        .add("botToken", "123:AAHnotusedxxxxxxxxxxxxxxxxxxxxxxx").add("botAppId", BOT_APP)).build());
        telegram.assertProblem(400, "validation.channel.externalBotNotOffered", "botAppId");
        assertEquals(before, scenario.admin.get("api/v1/channels").array().size(), "nothing saved");

        Page page = page();
        JsonObject channel = scenario.admin.get("api/v1/channels/" + page.channelId()).object();
        ApiResponse letters = scenario.admin.put("api/v1/channels/" + page.channelId(), Json.createObjectBuilder()
                .add("name", channel.getString("name")).add("active", true).add("queueId", channel.getJsonNumber(
                        "queueId").longValue()).add("language", "en").add("version", channel.getJsonNumber("version")
                        .longValue()).add("settings", Json.createObjectBuilder().add("botAppId", "bot-12")).build());
        letters.assertProblem(400, "validation.facebook.botAppIdDigits", "botAppId");
    }
}
