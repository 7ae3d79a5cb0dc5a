package org.switchboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.switchboard.it.ChatScenario.Operator;

/**
 * A file that a Custom channel's integration gives by URL (CH-12, X-02, issue 18 item 9): Switchboard fetches it and
 * serves it itself, never redirecting the operator's browser there, and refuses to fetch from an address that is not
 * public unless the administrator allowed its host (the test servers allow the providers' fake,
 * {@code switchboard.attachments.allowed-hosts}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AttachmentUrlIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    @Test
    @DisplayName("CH-12 issue 18 item 9: an integration's file URL is fetched and served by Switchboard, no redirect")
    void fileByUrlIsServedNotRedirected() {
        byte[] content = "Invoice 4711\n".getBytes(StandardCharsets.UTF_8);
        String path = "/files/" + Fixtures.unique("invoice") + ".txt";
        ProviderFakes.server().stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody(content)));
        String url = "http://localhost:" + ProviderFakes.server().port() + path;

        JsonObject attachment = attachmentOf(url);
        ApiClient admin = ApiClient.asAdmin(base);
        ApiResponse served = admin.get("api/v1/chat-attachments/" + ChatScenario.id(attachment));
        assertEquals(200, served.status(), served::toString);
        assertTrue(served.header("Location").isEmpty(), served::toString);
        assertArrayEquals(content, ProviderFakes.download(base, "api/v1/chat-attachments/"
                + ChatScenario.id(attachment)));
        // Fetched once, when first opened, then served from what Switchboard kept.
        ProviderFakes.server().verify(1, getRequestedFor(urlEqualTo(path)));
    }

    @Test
    @DisplayName("CH-12 issue 18 item 9: a file URL on the server's own loopback or the metadata address is refused")
    void fileUrlOnPrivateAddressIsRefused() {
        for (String url : List.of("http://127.0.0.1:" + base.getPort() + "/switchboard/api/v1/health/ready",
                "http://169.254.169.254/latest/meta-data/", "http://[::ffff:127.0.0.1]:" + base.getPort() + "/")) {
            JsonObject attachment = attachmentOf(url);
            ApiResponse refused = ApiClient.asAdmin(base).get("api/v1/chat-attachments/"
                    + ChatScenario.id(attachment));
            assertEquals(502, refused.status(), url + ": " + refused);
            assertTrue(refused.header("Location").isEmpty(), refused::toString);
            assertTrue(refused.body().contains("not a public address"), refused::toString);
            assertFalse(refused.body().contains("Exception"), refused::toString);
        }
    }

    /** Posts an inbound message with one file by URL to a fresh Custom channel and returns the stored attachment. */
    private JsonObject attachmentOf(String url) {
        ChatScenario scenario = new ChatScenario(base);
        Operator alice = scenario.operator("alice");
        long channel = scenario.channel(scenario.queue("LEAST_BUSY", null, alice), true);
        String text = Fixtures.unique("file by url");
        JsonObject message = Json.createObjectBuilder(ChatScenario.message(channel, Fixtures.unique("client"), text,
                        Fixtures.unique("m")))
                .add("attachments", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("fileName", "invoice.txt").add("url", url)))
                .build();
        ApiResponse posted = ApiClient.asAdmin(base).post("api/v1/inbound", message);
        assertEquals(202, posted.status(), posted::toString);
        long chat = ChatScenario.id(scenario.awaitChat(channel, text));
        List<JsonObject> messages = await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> scenario.chat(chat).getJsonArray("messages").stream().map(JsonValue::asJsonObject)
                        .toList(), l -> !l.isEmpty());
        return messages.get(0).getJsonArray("attachments").getJsonObject(0);
    }
}
