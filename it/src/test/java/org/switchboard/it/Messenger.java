package org.switchboard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posting to Messenger's webhook as Meta does (FB-02): the app's secret and verify token, set once per test JVM (the
 * webhook remembers them for 30 s, and every Facebook test class posts with the same), and events signed with
 * {@code X-Hub-Signature-256} over their bytes.
 */
final class Messenger {

    static final String HOOK = "hooks/facebook";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static String appSecret;
    private static String verifyToken;

    private Messenger() {
    }

    /** The app secret this JVM's tests sign with, set as {@code FacebookAppSecret} (and the verify token) once. */
    static synchronized String appSecret(ChatScenario scenario) {
        if (appSecret == null) {
            String secret = UsedSecrets.remember("fb-app-secret-" + Fixtures.unique("s").replaceAll("[^A-Za-z0-9]", ""));
            String token = UsedSecrets.remember("fb-verify-" + Fixtures.unique("v").replaceAll("[^A-Za-z0-9]", ""));
            scenario.setting("FacebookAppSecret", secret);
            scenario.setting("FacebookVerifyToken", token);
            appSecret = secret;
            verifyToken = token;
        }
        return appSecret;
    }

    /** The verify token set with {@link #appSecret}. */
    static synchronized String verifyToken(ChatScenario scenario) {
        appSecret(scenario);
        return verifyToken;
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of the body under the secret, as Meta signs. */
    static String signature(String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The webhook request of a body, with that signature header (none when null). */
    static HttpRequest request(URL base, String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + HOOK))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return request.build();
    }

    /** Posts the body with that signature header (none when null). */
    static HttpResponse<String> post(URL base, String body, String signature) {
        return send(request(base, body, signature));
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
