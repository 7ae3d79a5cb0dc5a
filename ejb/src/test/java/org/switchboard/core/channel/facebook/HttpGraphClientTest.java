package org.switchboard.core.channel.facebook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.channel.ProviderRefusedException;
import org.switchboard.core.channel.SendOutcome;

/**
 * FB-02, CH-12: {@link HttpGraphClient} against a WireMock Graph API under {@code /graph/} (the base URL seam), with
 * the bodies of Meta's documentation: {@code /me/accounts} in pages, {@code subscribed_apps}, {@code /me/messages}
 * and Graph's error objects.
 */
class HttpGraphClientTest {

    private static WireMockServer graph;
    private static HttpGraphClient client;

    @BeforeAll
    static void start() {
        graph = new WireMockServer(options().dynamicPort());
        graph.start();
        client = new HttpGraphClient("http://localhost:" + graph.port() + "/graph/", "v27.0", Optional::empty);
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    @BeforeEach
    void reset() {
        graph.resetAll();
    }

    @Test
    @DisplayName("FB-02: every page of /me/accounts is read, cursor by cursor, with whether MESSAGING is granted")
    void pagesAcrossCursors() {
        graph.stubFor(get(urlPathEqualTo("/graph/v27.0/me/accounts")).withQueryParam("access_token", equalTo("EAAu"))
                .withQueryParam("after", equalTo("QVFIUk1")).willReturn(okJson("""
                        {"data":[{"access_token":"EAAp3","category":"Bakery","name":"Rolls",
                          "id":"1003","tasks":["ANALYZE","ADVERTISE"]}],
                         "paging":{"cursors":{"before":"QVFIUk1","after":"QVFIUk2"}}}""")));
        graph.stubFor(get(urlPathEqualTo("/graph/v27.0/me/accounts")).withQueryParam("access_token", equalTo("EAAu"))
                .withQueryParam("fields", equalTo("id,name,access_token,tasks")).atPriority(10).willReturn(okJson("""
                        {"data":[{"access_token":"EAAp1","category":"Retail","name":"Acme Shop",
                          "id":"1001","tasks":["ANALYZE","ADVERTISE","MESSAGING","MODERATE","CREATE_CONTENT",
                          "MANAGE"]},
                          {"access_token":"EAAp2","category":"Support","name":"Acme Help","id":"1002",
                           "tasks":["MESSAGING"]}],
                         "paging":{"cursors":{"before":"QVFIUk0","after":"QVFIUk1"},
                          "next":"https://graph.facebook.com/v27.0/me/accounts?after=QVFIUk1"}}""")));

        List<GraphClient.Page> pages = client.pages("EAAu");

        assertEquals(List.of("1001", "1002", "1003"), pages.stream().map(GraphClient.Page::id).toList());
        assertEquals(List.of(true, true, false), pages.stream().map(GraphClient.Page::messaging).toList());
        assertEquals("EAAp2", pages.get(1).token());
        assertEquals("Acme Help", pages.get(1).name());
        assertFalse(pages.get(0).toString().contains("EAAp1"), "a page's token is never printed");
    }

    @Test
    @DisplayName("FB-02: a token Facebook no longer takes (OAuthException 190) is a refusal naming Meta's code")
    void withdrawnToken() {
        graph.stubFor(get(urlPathEqualTo("/graph/v27.0/me/accounts")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Error validating access token: The user has not authorized \
                        application 123.","type":"OAuthException","code":190,"error_subcode":458,
                        "fbtrace_id":"AWsdf"}}""")));
        ProviderRefusedException e = assertThrows(ProviderRefusedException.class, () -> client.pages("EAAu"));
        assertTrue(e.refused());
        assertTrue(e.getMessage().contains("(code 190/458)"), e.getMessage());
        assertFalse(e.getMessage().contains("EAAu"));
    }

    @Test
    @DisplayName("FB-02: the app is subscribed to the page's messaging fields with the page's token")
    void subscribe() {
        graph.stubFor(post(urlPathEqualTo("/graph/v27.0/1001/subscribed_apps"))
                .withQueryParam("access_token", equalTo("EAAp1")).willReturn(okJson("{\"success\":true}")));
        client.subscribe("1001", "EAAp1");
        graph.verify(postRequestedFor(urlPathEqualTo("/graph/v27.0/1001/subscribed_apps")).withQueryParam(
                "subscribed_fields", equalTo("messages,messaging_postbacks,messaging_handovers,standby,"
                        + "message_deliveries,message_reads")));
    }

    @Test
    @DisplayName("FB-02: with the app secret set every call proves its token (appsecret_proof, hex HMAC-SHA256 of "
            + "the token under the secret)")
    void appSecretProof() {
        HttpGraphClient proving = new HttpGraphClient("http://localhost:" + graph.port() + "/graph/", "v27.0",
                () -> Optional.of("app-secret"));
        graph.stubFor(post(urlPathEqualTo("/graph/v27.0/1001/subscribed_apps")).willReturn(okJson(
                "{\"success\":true}")));
        proving.subscribe("1001", "EAAp1");
        String expected = java.util.HexFormat.of().formatHex(FacebookApp.hmac("app-secret",
                "EAAp1".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        graph.verify(postRequestedFor(urlPathEqualTo("/graph/v27.0/1001/subscribed_apps"))
                .withQueryParam("access_token", equalTo("EAAp1")).withQueryParam("appsecret_proof", equalTo(expected)));
    }

    @Test
    @DisplayName("FB-02: a subscription Facebook refuses (a page without the permission) is a refusal")
    void subscribeRefused() {
        graph.stubFor(post(urlPathEqualTo("/graph/v27.0/1001/subscribed_apps")).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"(#200) Requires pages_messaging permission to manage the object",
                        "type":"OAuthException","code":200,"fbtrace_id":"A1"}}""")));
        ProviderRefusedException e = assertThrows(ProviderRefusedException.class,
                () -> client.subscribe("1001", "EAAp1"));
        assertTrue(e.refused());
        assertTrue(e.getMessage().contains("pages_messaging"));
    }

    @Test
    @DisplayName("CH-12: a text reply is sent as a RESPONSE and the message id kept")
    void sendText() {
        graph.stubFor(post(urlPathEqualTo("/graph/v27.0/me/messages")).withQueryParam("access_token",
                equalTo("EAAp1")).withRequestBody(equalToJson("""
                        {"recipient":{"id":"6789"},"messaging_type":"RESPONSE","message":{"text":"Hello"}}"""))
                .willReturn(okJson("{\"recipient_id\":\"6789\",\"message_id\":\"m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM\"}")));
        SendOutcome outcome = client.sendText("EAAp1", "6789", "Hello", "RESPONSE", null);
        assertEquals(new SendOutcome.Sent("m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM"), outcome);
    }

    @Test
    @DisplayName("CH-12: a file goes as a multipart attachment of its kind, with the recipient and the messaging type")
    void sendFile() {
        graph.stubFor(post(urlPathEqualTo("/graph/v27.0/me/messages")).withQueryParam("access_token",
                equalTo("EAAp1")).willReturn(okJson("{\"recipient_id\":\"6789\",\"message_id\":\"m_file\"}")));
        byte[] pdf = "%PDF-1.4 invoice".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        SendOutcome outcome = client.sendFile("EAAp1", "6789", new org.switchboard.core.channel.ChannelFile(
                "invoice.pdf", "application/pdf", pdf), "MESSAGE_TAG", "HUMAN_AGENT");
        assertEquals(new SendOutcome.Sent("m_file"), outcome);
        String body = graph.findAll(postRequestedFor(urlPathEqualTo("/graph/v27.0/me/messages"))).get(0)
                .getBodyAsString();
        assertTrue(body.contains("name=\"recipient\"") && body.contains("{\"id\":\"6789\"}"), body);
        assertTrue(body.contains("{\"attachment\":{\"type\":\"file\",\"payload\":{\"is_reusable\":false}}}"),
                body);
        assertTrue(body.contains("name=\"tag\"") && body.contains("HUMAN_AGENT"), body);
        assertTrue(body.contains("name=\"filedata\"; filename=\"invoice.pdf\"") && body.contains("%PDF-1.4 invoice"),
                body);
    }

    @Test
    @DisplayName("CH-12: Graph's rate limit (613) and a 5xx are retried; a closed window (10/2018278) is not")
    void sendOutcomes() {
        graph.stubFor(post(urlPathEqualTo("/graph/v27.0/me/messages")).withQueryParam("access_token",
                equalTo("busy")).willReturn(aResponse().withStatus(400).withHeader("Retry-After", "7")
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Calls to this api have exceeded the rate limit.","type":"OAuthException",
                        "code":613,"fbtrace_id":"A2"}}""")));
        graph.stubFor(post(urlPathEqualTo("/graph/v27.0/me/messages")).withQueryParam("access_token",
                equalTo("down")).willReturn(aResponse().withStatus(503)));
        graph.stubFor(post(urlPathEqualTo("/graph/v27.0/me/messages")).withQueryParam("access_token",
                equalTo("late")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"(#10) This message is sent outside of allowed window.",
                        "type":"OAuthException","code":10,"error_subcode":2018278,"fbtrace_id":"A3"}}""")));

        SendOutcome.Retry throttled = assertInstanceOf(SendOutcome.Retry.class,
                client.sendText("busy", "6789", "Hi", "RESPONSE", null));
        assertEquals(Duration.ofSeconds(7), throttled.after());
        assertInstanceOf(SendOutcome.Retry.class, client.sendText("down", "6789", "Hi", "RESPONSE", null));
        SendOutcome.Failed late = assertInstanceOf(SendOutcome.Failed.class,
                client.sendText("late", "6789", "Hi", "RESPONSE", null));
        assertTrue(late.reason().contains("outside of allowed window"), late.reason());
    }

    @Test
    @DisplayName("FB-07: a revoked token (190) or a withdrawn permission (200, 10 without a recipient's subcode) is a "
            + "lost access; a closed window for one customer (10/2018278) is that reply's failure only")
    void accessLostOnSend() {
        graph.stubFor(post(urlPathEqualTo("/graph/v27.0/me/messages")).withQueryParam("access_token",
                equalTo("revoked")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Error validating access token: The user has not authorized application \
                        1234.","type":"OAuthException","code":190,"error_subcode":458,"fbtrace_id":"B1"}}""")));
        graph.stubFor(post(urlPathEqualTo("/graph/v27.0/me/messages")).withQueryParam("access_token",
                equalTo("withdrawn")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"(#200) Requires pages_messaging permission to manage the object",
                        "type":"OAuthException","code":200,"fbtrace_id":"B2"}}""")));
        graph.stubFor(post(urlPathEqualTo("/graph/v27.0/me/messages")).withQueryParam("access_token",
                equalTo("late")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"(#10) This message is sent outside of allowed window.",
                        "type":"OAuthException","code":10,"error_subcode":2018278,"fbtrace_id":"B3"}}""")));

        SendOutcome.AccessLost revoked = assertInstanceOf(SendOutcome.AccessLost.class,
                client.sendText("revoked", "6789", "Hi", "RESPONSE", null));
        assertTrue(revoked.reason().contains("code 190/458"), revoked.reason());
        assertInstanceOf(SendOutcome.AccessLost.class, client.sendText("withdrawn", "6789", "Hi", "RESPONSE", null));
        assertInstanceOf(SendOutcome.Failed.class, client.sendText("late", "6789", "Hi", "RESPONSE", null));
    }

    @Test
    @DisplayName("FB-04, FB-07: the page's subscribed apps with their fields, and the app of a page token")
    void subscribedAppsAndAppId() {
        graph.stubFor(get(urlPathEqualTo("/graph/v27.0/1001/subscribed_apps")).withQueryParam("access_token",
                equalTo("EAAp1")).willReturn(okJson("""
                        {"data":[{"category":"Business","link":"https://crm.example/","name":"Acme Switchboard",
                          "id":"1234","subscribed_fields":["messages","messaging_postbacks","standby"]},
                         {"category":"Business","link":"https://bots.example/","name":"Helpdesk Bot",
                          "id":"5678","subscribed_fields":["messages"]},
                         {"category":"Business","name":"Insights","id":"9012","subscribed_fields":["feed"]}]}""")));
        graph.stubFor(get(urlPathEqualTo("/graph/v27.0/app")).withQueryParam("access_token", equalTo("EAAp1"))
                .willReturn(okJson("""
                        {"id":"1234","name":"Acme Switchboard","link":"https://crm.example/"}""")));

        List<GraphClient.SubscribedApp> apps = client.subscribedApps("1001", "EAAp1");

        assertEquals(List.of("1234", "5678", "9012"), apps.stream().map(GraphClient.SubscribedApp::id).toList());
        assertEquals(List.of(true, true, false), apps.stream().map(GraphClient.SubscribedApp::messages).toList());
        assertEquals("Helpdesk Bot", apps.get(1).name());
        assertEquals("1234", client.appId("EAAp1"));
    }

    @Test
    @DisplayName("FB-07: a page token Facebook refuses on the check is a refusal; an unreachable Graph is no verdict")
    void checkRefusedOrUnreachable() {
        graph.stubFor(get(urlPathEqualTo("/graph/v27.0/1001/subscribed_apps")).withQueryParam("access_token",
                equalTo("dead")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Error validating access token: Session has expired.",
                        "type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"C1"}}""")));
        graph.stubFor(get(urlPathEqualTo("/graph/v27.0/1001/subscribed_apps")).withQueryParam("access_token",
                equalTo("busy")).willReturn(aResponse().withStatus(500)));

        assertTrue(assertThrows(ProviderRefusedException.class, () -> client.subscribedApps("1001", "dead"))
                .refused());
        assertFalse(assertThrows(ProviderRefusedException.class, () -> client.subscribedApps("1001", "busy"))
                .refused());
    }

    @Test
    @DisplayName("FB-05: passing a conversation back to the bot posts recipient, target_app_id and metadata, proved by "
            + "appsecret_proof, and takes Meta's {\"success\":true}")
    void passThreadControl() {
        HttpGraphClient proving = new HttpGraphClient("http://localhost:" + graph.port() + "/graph/", "v27.0",
                () -> Optional.of("app-secret"));
        graph.stubFor(post(urlPathEqualTo("/graph/v27.0/me/pass_thread_control")).withRequestBody(equalToJson("""
                {"recipient":{"id":"6789"},"target_app_id":"1234567890","metadata":"chat 5 finished"}"""))
                .willReturn(okJson("{\"success\":true}")));
        proving.passThreadControl("EAAp1", "6789", "1234567890", "chat 5 finished");
        graph.verify(postRequestedFor(urlPathEqualTo("/graph/v27.0/me/pass_thread_control"))
                .withQueryParam("access_token", equalTo("EAAp1")).withQueryParam("appsecret_proof",
                        matching("[0-9a-f]{64}")));
    }

    @Test
    @DisplayName("FB-05: taking a conversation from the bot posts recipient and metadata; a refusal says Meta's reason, "
            + "a 429 is worth trying again")
    void takeThreadControl() {
        graph.stubFor(post(urlPathEqualTo("/graph/v27.0/me/take_thread_control")).withRequestBody(equalToJson("""
                {"recipient":{"id":"6789"},"metadata":"taken by alice"}""")).willReturn(okJson(
                "{\"success\":true}")));
        client.takeThreadControl("EAAp1", "6789", "taken by alice");
        graph.verify(postRequestedFor(urlPathEqualTo("/graph/v27.0/me/take_thread_control"))
                .withQueryParam("access_token", equalTo("EAAp1")));

        graph.stubFor(post(urlPathEqualTo("/graph/v27.0/me/take_thread_control")).atPriority(1).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"(#10) This app is not the secondary receiver of the page",
                        "type":"OAuthException","code":10,"fbtrace_id":"A2"}}""")));
        ProviderRefusedException refused = assertThrows(ProviderRefusedException.class,
                () -> client.takeThreadControl("EAAp1", "6789", "taken by alice"));
        assertTrue(refused.refused());
        assertTrue(refused.getMessage().contains("secondary receiver"), refused.getMessage());

        graph.stubFor(post(urlPathEqualTo("/graph/v27.0/me/pass_thread_control")).willReturn(aResponse()
                .withStatus(429).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"(#613) Calls to this api have exceeded the rate limit.",
                        "type":"OAuthException","code":613}}""")));
        ProviderRefusedException throttled = assertThrows(ProviderRefusedException.class,
                () -> client.passThreadControl("EAAp1", "6789", "1234567890", "x"));
        assertFalse(throttled.refused());
    }
}
