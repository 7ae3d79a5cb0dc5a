package org.switchboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * A Facebook channel that loses its access (FB-07) and one page connected twice at once (FB-04), against the fake
 * Graph API: a reply refused for a revoked token flags the channel, journals {@code ChannelFlagged} for the holders of
 * {@code CanManageChats}, and the next reply fails at once without calling Facebook; signing in again (a new page
 * token) clears the flag. "Check now" reads the page's subscribed apps: a refused token flags, a healthy answer clears
 * and names the other apps that receive the page's messages, an answer without this installation's app flags. Meta's
 * deauthorize callback, signed with the app secret, checks every Facebook channel; an unsigned one is refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FacebookAccessIT {

    private static final String GRAPH = "/facebook/v27.0";
    private static final String OUR_APP = "7700123";
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L + 500_000_000L);
    private static final String REVOKED = """
            {"error":{"message":"Error validating access token: The user has not authorized application 7700123.",
            "type":"OAuthException","code":190,"error_subcode":458,"fbtrace_id":"FlG1"}}""";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    /** The app's secret, set once for the test JVM ({@link Messenger}). */
    private String appSecret;

    private ChatScenario scenario;

    @BeforeEach
    void setUp() {
        scenario = new ChatScenario(base);
        ProviderFakes.server();
        appSecret = Messenger.appSecret(scenario);
    }

    private record Page(String id, long channelId, String name, String token, ChatScenario.Operator operator) {
    }

    private static String newToken(String pageId) {
        return UsedSecrets.remember("EAApage" + pageId + "x" + Fixtures.unique("t").replaceAll("[^A-Za-z0-9]", ""));
    }

    private static void subscribable(String pageId, String token) {
        ProviderFakes.server().stubFor(post(urlPathEqualTo(GRAPH + "/" + pageId + "/subscribed_apps"))
                .withQueryParam("access_token", equalTo(token)).willReturn(okJson("{\"success\":true}")));
    }

    /** The page's subscribed apps as Graph lists them for this token, and this installation's app as its app. */
    private static void apps(String pageId, String token, String body) {
        ProviderFakes.server().stubFor(get(urlPathEqualTo(GRAPH + "/" + pageId + "/subscribed_apps"))
                .withQueryParam("access_token", equalTo(token)).willReturn(okJson(body)));
        ProviderFakes.server().stubFor(get(urlPathEqualTo(GRAPH + "/app")).withQueryParam("access_token",
                equalTo(token)).willReturn(okJson("{\"id\":\"" + OUR_APP + "\",\"name\":\"Acme Switchboard\"}")));
    }

    private static String ourAppAnd(String others) {
        return """
                {"data":[{"category":"Business","link":"https://crm.example/","name":"Acme Switchboard","id":"%s",
                  "subscribed_fields":["messages","messaging_postbacks","messaging_handovers","standby"]}%s]}"""
                .formatted(OUR_APP, others);
    }

    private static void refused(String pageId, String token) {
        ProviderFakes.server().stubFor(get(urlPathEqualTo(GRAPH + "/" + pageId + "/subscribed_apps"))
                .withQueryParam("access_token", equalTo(token)).willReturn(aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json").withBody(REVOKED)));
    }

    private Page page() {
        ChatScenario.Operator operator = scenario.operator("fbacc");
        return page(Long.toString(IDS.incrementAndGet() * 10 + 3), operator,
                scenario.queue("LEAST_BUSY", null, operator));
    }

    /** A page connected as an active channel of this queue, served by this operator. */
    private Page page(String id, ChatScenario.Operator operator, long queue) {
        String token = newToken(id);
        subscribable(id, token);
        apps(id, token, ourAppAnd(""));
        String name = Fixtures.unique("Acme access");
        ApiResponse created = scenario.admin.post("api/v1/channels", Json.createObjectBuilder()
                .add("provider", "FACEBOOK").add("name", name).add("active", true)
                .add("queueId", queue).add("language", "en").add("settings", Json.createObjectBuilder()
                        .add("pageId", id).add("pageToken", token)).build());
        assertEquals(201, created.status(), created::toString);
        assertNull(flagReason(created.object()), created::toString);
        return new Page(id, ChatScenario.id(created.object()), name, token, operator);
    }

    /** The channel's flag, null when it has none (JSON-B leaves null fields out). */
    private static String flagReason(JsonObject channel) {
        return channel.containsKey("flagReason") && !channel.isNull("flagReason") ? channel.getString("flagReason")
                : null;
    }

    private JsonObject channel(long id) {
        ApiResponse channel = scenario.admin.get("api/v1/channels/" + id);
        assertEquals(200, channel.status(), channel::toString);
        return channel.object();
    }

    private JsonObject checkNow(long id) {
        ApiResponse checked = scenario.admin.post("api/v1/channels/" + id + "/access-check",
                JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(200, checked.status(), checked::toString);
        return checked.object();
    }

    private String sign(String body) {
        return Messenger.signature(body, appSecret);
    }

    private HttpResponse<String> send(HttpRequest request) {
        return Messenger.send(request);
    }

    /** The chat the customer's message opens, accepted by the page's operator. */
    private long acceptedChat(Page page, String psid, String words) {
        String body = """
                {"object":"page","entry":[{"id":"%1$s","time":1765000000500,"messaging":[
                 {"sender":{"id":"%2$s"},"recipient":{"id":"%1$s"},"timestamp":%3$d,
                  "message":{"mid":"m_%4$d","text":"%5$s"}}]}]}"""
                .formatted(page.id(), psid, System.currentTimeMillis(), IDS.incrementAndGet(), words);
        assertEquals(200, Messenger.post(base, body, sign(body)).statusCode());
        long chat = ChatScenario.id(scenario.awaitChat(page.channelId(), words));
        await().atMost(ofSeconds(20)).pollInterval(ofMillis(100)).until(() -> scenario.status(chat),
                "ASSIGNED"::equals);
        assertEquals(200, page.operator().api().post("api/v1/chats/" + chat + "/accept", JsonValue.EMPTY_JSON_OBJECT)
                .status());
        return chat;
    }

    private JsonObject reply(Page page, long chat, String text, String status) {
        ApiResponse sent = page.operator().api().post("api/v1/chats/" + chat + "/messages",
                Json.createObjectBuilder().add("text", text).add("files", Json.createArrayBuilder()).build());
        assertEquals(201, sent.status(), sent::toString);
        long id = ChatScenario.id(sent.object());
        return await().atMost(ofSeconds(30)).pollInterval(ofMillis(100)).until(() -> scenario.chat(chat)
                .getJsonArray("messages").stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getJsonNumber("id").longValue() == id).findFirst().orElseThrow(),
                m -> status.equals(m.getString("deliveryStatus")));
    }

    private List<JsonObject> flaggedEvents(String channelName) {
        ApiResponse events = scenario.admin.get("api/v1/events?type=ChannelFlagged&max=200");
        assertEquals(200, events.status(), events::toString);
        List<JsonObject> found = new ArrayList<>();
        for (JsonValue event : events.object().getJsonArray("events")) {
            if (channelName.equals(event.asJsonObject().getString("subject", ""))) {
                found.add(ProviderFakes.json(event.asJsonObject().getString("payload")));
            }
        }
        return found;
    }

    @Test
    @DisplayName("FB-07 a reply Facebook refuses for a revoked token (190) fails with Meta's reason and flags the "
            + "channel, journaled as ChannelFlagged for the holders of CanManageChats; the next reply fails at once "
            + "without calling Facebook; signing in again (a new page token) clears the flag")
    void revokedTokenFlagsTheChannel() {
        Page page = page();
        ProviderFakes.server().stubFor(post(urlPathEqualTo(GRAPH + "/me/messages"))
                .withQueryParam("access_token", equalTo(page.token())).willReturn(aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json").withBody(REVOKED)));
        long chat = acceptedChat(page, "PSID" + IDS.incrementAndGet(), "where is my order " + Fixtures.unique("q"));

        JsonObject first = reply(page, chat, "Let me look", "FAILED");
        assertTrue(first.getString("deliveryError").contains("code 190/458"), first::toString);
        JsonObject flagged = channel(page.channelId());
        assertTrue(flagged.getString("flagReason", "").contains("has not authorized application"), flagged::toString);
        assertTrue(flagged.containsKey("flaggedAt") && !flagged.isNull("flaggedAt"), flagged::toString);
        List<JsonObject> events = flaggedEvents(page.name());
        assertEquals(1, events.size(), events::toString);
        JsonObject data = events.get(0).getJsonObject("data");
        assertEquals(page.channelId(), data.getJsonNumber("channelId").longValue());
        assertTrue(data.getJsonArray("audience").stream().anyMatch(l -> "admin".equals(
                ((jakarta.json.JsonString) l).getString())), data::toString);

        JsonObject second = reply(page, chat, "Still there?", "FAILED");
        assertTrue(second.getString("deliveryError").contains("is flagged"), second::toString);
        assertEquals(1, ProviderFakes.server().findAll(postRequestedFor(urlPathEqualTo(GRAPH + "/me/messages"))
                .withQueryParam("access_token", equalTo(page.token()))).size(), "only the first reply reached Meta");

        String renewed = newToken(page.id());
        subscribable(page.id(), renewed);
        apps(page.id(), renewed, ourAppAnd(""));
        JsonObject current = channel(page.channelId());
        ApiResponse signedIn = scenario.admin.put("api/v1/channels/" + page.channelId(), Json.createObjectBuilder()
                .add("name", current.getString("name")).add("active", true)
                .add("queueId", current.getJsonNumber("queueId").longValue()).add("language", "en")
                .add("settings", Json.createObjectBuilder().add("pageId", page.id()).add("pageToken", renewed))
                .add("version", current.getJsonNumber("version").longValue()).build());
        assertEquals(200, signedIn.status(), signedIn::toString);
        assertNull(flagReason(signedIn.object()), signedIn::toString);
        assertEquals(2, flaggedEvents(page.name()).size(), "flagged, then cleared");
        JsonObject cleared = flaggedEvents(page.name()).get(0).getJsonObject("data");
        assertTrue(cleared.containsKey("reason") && cleared.isNull("reason"), "newest first, the clearing: " + cleared);
    }

    @Test
    @DisplayName("FB-07 FB-04 \"Check now\": a page token Facebook refuses flags the channel; a healthy answer clears "
            + "the flag and names the other apps receiving the page's messages; an answer without this "
            + "installation's app flags it again")
    void checkNow() {
        Page page = page();
        refused(page.id(), page.token());
        JsonObject refused = checkNow(page.channelId());
        assertTrue(refused.getString("flagReason", "").contains("Facebook refused the page's token"), refused::toString);

        apps(page.id(), page.token(), ourAppAnd("""
                ,{"category":"Business","link":"https://bots.example/","name":"Helpdesk Bot","id":"5678",
                  "subscribed_fields":["messages"]},
                 {"category":"Business","name":"Insights","id":"9012","subscribed_fields":["feed"]}"""));
        JsonObject fine = checkNow(page.channelId());
        assertNull(flagReason(fine), fine::toString);
        assertEquals("Helpdesk Bot (5678)", fine.getJsonObject("settings").getString("otherApps"), fine::toString);

        apps(page.id(), page.token(), """
                {"data":[{"category":"Business","name":"Helpdesk Bot","id":"5678","subscribed_fields":["messages"]}]}""");
        JsonObject lost = checkNow(page.channelId());
        assertTrue(lost.getString("flagReason", "").contains("no longer receives the messages of page " + page.id()),
                lost::toString);
    }

    @Test
    @DisplayName("FB-07 Meta's deauthorize callback signed with the app secret checks every Facebook channel at once "
            + "and flags the one whose token died; an unsigned or wrongly signed one is refused with 403")
    void deauthorizeChecksTheChannels() {
        Page page = page();
        Page healthy = page();
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String payload = encoder.encodeToString(("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":"
                + System.currentTimeMillis() / 1000 + ",\"user_id\":\"218471\"}").getBytes(StandardCharsets.UTF_8));
        String signature;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            signature = encoder.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        for (String wrong : new String[] {"", "abc." + payload, signature + "." + payload + "x"}) {
            HttpResponse<String> refused = deauthorize(wrong);
            assertEquals(403, refused.statusCode(), refused::body);
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        }
        refused(page.id(), page.token());

        assertEquals(200, deauthorize(signature + "." + payload).statusCode());

        await().atMost(ofSeconds(30)).pollInterval(ofMillis(200)).until(() -> flagReason(channel(page.channelId()))
                != null);
        assertNull(flagReason(channel(healthy.channelId())), "a page whose token works stays unflagged");
    }

    private HttpResponse<String> deauthorize(String signedRequest) {
        return send(HttpRequest.newBuilder(URI.create(base + "hooks/facebook/deauthorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("signed_request="
                        + URLEncoder.encode(signedRequest, StandardCharsets.UTF_8))).build());
    }

    @Test
    @DisplayName("FB-02 FB-04 a page connected a moment ago loses none of its first messages, posted all at once, "
            + "even when Meta posted for it a moment before it was connected (that one is acknowledged and dropped)")
    void newPageLosesNothing() throws Exception {
        String pageId = Long.toString(IDS.incrementAndGet() * 10 + 5);
        ChatScenario.Operator operator = scenario.operator("fbnew");
        long queue = scenario.queue("LEAST_BUSY", null, operator);
        String early = """
                {"object":"page","entry":[{"id":"%1$s","time":1765000000500,"messaging":[
                 {"sender":{"id":"PSIDearly"},"recipient":{"id":"%1$s"},"timestamp":1765000000123,
                  "message":{"mid":"m_early%1$s","text":"before the channel"}}]}]}""".formatted(pageId);
        assertEquals(200, Messenger.post(base, early, sign(early)).statusCode());
        Page page = page(pageId, operator, queue);
        int n = 20;
        List<String> words = new ArrayList<>();
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = "first hello " + i + " " + Fixtures.unique("n");
            words.add(text);
            String body = """
                    {"object":"page","entry":[{"id":"%1$s","time":1765000000500,"messaging":[
                     {"sender":{"id":"PSIDnew%2$d"},"recipient":{"id":"%1$s"},"timestamp":%3$d,
                      "message":{"mid":"m_new%2$d","text":"%4$s"}}]}]}"""
                    .formatted(page.id(), IDS.incrementAndGet(), System.currentTimeMillis(), text);
            requests.add(Messenger.request(base, body, sign(body)));
        }
        // All at the same moment, each on its own thread and connection, as Meta posts a burst.
        ExecutorService threads = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> posts = new ArrayList<>();
            for (HttpRequest request : requests) {
                posts.add(threads.submit(() -> {
                    HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    go.await();
                    return own.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                }));
            }
            go.countDown();
            for (Future<Integer> post : posts) {
                assertEquals(200, post.get(30, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        for (String text : words) {
            scenario.awaitChat(page.channelId(), text);
        }
    }

    @Test
    @DisplayName("FB-04 one page connected twice at the same moment makes one channel: the other save is refused "
            + "with 409 and a reason, and nothing of it is kept")
    void samePageAtOnceMakesOneChannel() {
        String id = Long.toString(IDS.incrementAndGet() * 10 + 7);
        String token = newToken(id);
        // Slow enough that both saves pass the "page already connected" look-up before either commits.
        ProviderFakes.server().stubFor(post(urlPathEqualTo(GRAPH + "/" + id + "/subscribed_apps"))
                .withQueryParam("access_token", equalTo(token)).willReturn(okJson("{\"success\":true}")
                        .withFixedDelay(800)));
        apps(id, token, ourAppAnd(""));
        long queue = scenario.queue("LEAST_BUSY", null, scenario.operator("fbrace"));
        List<CompletableFuture<ApiResponse>> saves = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String name = Fixtures.unique("Same page " + i);
            saves.add(CompletableFuture.supplyAsync(() -> ApiClient.asAdmin(base).post("api/v1/channels",
                    Json.createObjectBuilder().add("provider", "FACEBOOK").add("name", name).add("active", false)
                            .add("queueId", queue).add("language", "en").add("settings", Json.createObjectBuilder()
                                    .add("pageId", id).add("pageToken", token)).build())));
        }
        List<ApiResponse> answers = saves.stream().map(CompletableFuture::join).toList();

        assertEquals(List.of(201, 409), answers.stream().map(ApiResponse::status).sorted().toList(),
                answers::toString);
        ApiResponse loser = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
        assertTrue(loser.contentType().startsWith("application/problem+json"), loser::toString);
        long withPage = scenario.admin.get("api/v1/channels").array().stream().map(JsonValue::asJsonObject)
                .filter(c -> id.equals(c.getJsonObject("settings").getString("pageId", null))).count();
        assertEquals(1, withPage, "one channel for the page");
    }
}
