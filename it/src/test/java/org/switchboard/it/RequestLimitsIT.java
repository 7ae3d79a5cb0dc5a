package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 18 item 7, attacked over the wire: request bodies on {@code /api} and the webhooks are capped, and a body that
 * announces more than the cap is refused before it is sent.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RequestLimitsIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    @Test
    @DisplayName("X-02 issue 18: a body announced larger than 32 MB on /api is 413 problem+json before any of it is "
            + "sent, and so is one over 1 MB on a webhook")
    void announcedBodiesOverTheCapAreRefusedUnread() {
        String admin = "Basic " + Base64.getEncoder().encodeToString(("admin:"
                + UsedSecrets.remember(TestSettings.adminPassword()))
                .getBytes(StandardCharsets.UTF_8));
        long started = System.nanoTime();
        ApiResponse api = BoundHttp.send("127.0.0.1", base, "POST", "api/v1/users", null, "Authorization", admin,
                "Content-Type", "application/json", "Content-Length", Long.toString(40L * 1024 * 1024));
        ApiResponse hook = BoundHttp.send("127.0.0.1", base, "POST", "hooks/telegram/1", null,
                "Content-Type", "application/json", "Content-Length", Long.toString(2L * 1024 * 1024));
        long millis = (System.nanoTime() - started) / 1_000_000;

        for (ApiResponse response : new ApiResponse[] {api, hook}) {
            assertEquals(413, response.status(), response::toString);
            assertEquals("application/problem+json", response.contentType(), response::toString);
            assertTrue(response.body().contains("\"status\":413"), response::toString);
        }
        assertTrue(millis < 10_000, "answered without waiting for the announced bytes: " + millis + " ms");
    }

    @Test
    @DisplayName("X-02 issue 18: a chunked body without a length is cut off at the cap: 413 problem+json on a webhook")
    void chunkedBodiesAreCutOff() {
        StringBuilder chunked = new StringBuilder();
        String chunk = "x".repeat(64 * 1024);
        for (int i = 0; i < 17; i++) {
            chunked.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        chunked.append("0\r\n\r\n");

        ApiResponse hook = BoundHttp.send("127.0.0.1", base, "POST", "hooks/telegram/1", chunked.toString(),
                "Content-Type", "application/json", "Transfer-Encoding", "chunked");

        assertEquals(413, hook.status(), hook::toString);
        assertEquals("application/problem+json", hook.contentType(), hook::toString);
    }
}
