package org.switchboard.core.channel.facebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * FB-07: Meta's deauthorize callback carries a {@code signed_request}: {@code base64url(HMAC-SHA256 of the encoded
 * payload under the app secret) "." base64url(payload)}, unpadded. Only one signed with the app secret is believed.
 */
class FacebookSignedRequestTest {

    private static final String SECRET = "d1e2a3d4b5e6e7f8";
    private static final String PAYLOAD = """
            {"algorithm":"HMAC-SHA256","expires":1291840400,"issued_at":1291836800,"user_id":"218471"}""";

    static String signed(String secret, String payload) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String encoded = encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoder.encodeToString(FacebookApp.hmac(secret, encoded.getBytes(StandardCharsets.US_ASCII))) + "."
                + encoded;
    }

    @Test
    @DisplayName("FB-07: a signed_request signed with the app secret gives its payload")
    void signedWithTheAppSecret() {
        assertEquals("218471", FacebookWebhookService.signedPayload(SECRET, signed(SECRET, PAYLOAD)).orElseThrow()
                .getString("user_id"));
    }

    @Test
    @DisplayName("FB-07: another secret's signature, a changed payload, another algorithm or garbage give nothing")
    void anythingElseRefused() {
        String good = signed(SECRET, PAYLOAD);
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                PAYLOAD.replace("218471", "999999").getBytes(StandardCharsets.UTF_8));
        assertTrue(FacebookWebhookService.signedPayload(SECRET, signed("another-secret", PAYLOAD)).isEmpty());
        assertTrue(FacebookWebhookService.signedPayload(SECRET, good.substring(0, good.indexOf('.') + 1)
                + otherPayload).isEmpty());
        assertTrue(FacebookWebhookService.signedPayload(SECRET,
                signed(SECRET, PAYLOAD.replace("HMAC-SHA256", "none"))).isEmpty());
        for (String garbage : new String[] {null, "", ".", "abc", "abc.", ".abc", "!!!.###", good.replace('.', ',')}) {
            assertTrue(FacebookWebhookService.signedPayload(SECRET, garbage).isEmpty(), String.valueOf(garbage));
        }
        assertTrue(FacebookWebhookService.signedPayload(SECRET, signed(SECRET, "[1,2]")).isEmpty());
    }
}
