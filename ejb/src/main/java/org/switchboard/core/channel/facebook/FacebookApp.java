package org.switchboard.core.channel.facebook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.switchboard.core.settings.SettingCodes;
import org.switchboard.core.settings.SystemSettings;

/**
 * The organisation's Meta app as Messenger's webhook checks it (FB-*): its app secret, which signs every request
 * ({@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>}), and the verify token of the callback's
 * verification. Read from the system settings and remembered for {@link #TTL_NANOS}, so a webhook request reads no
 * database; a signature that does not match is checked against the settings read again (at most once a second), so a
 * secret that has just been changed applies at once.
 */
@ApplicationScoped
public class FacebookApp {

    static final long TTL_NANOS = 30_000_000_000L;
    private static final long RELOAD_NANOS = 1_000_000_000L;
    private static final String PREFIX = "sha256=";

    @Inject
    private SystemSettings settings;

    private record Keys(String appSecret, String verifyToken, long loadedAt) {
    }

    private volatile Keys keys;

    /** Whether the header is the app secret's signature of exactly these bytes; false without an app secret. */
    public boolean signed(String header, byte[] body) {
        long now = System.nanoTime();
        Keys current = keys;
        boolean cached = current != null && now - current.loadedAt() < TTL_NANOS;
        if (!cached) {
            current = load(now);
        }
        if (matches(current.appSecret(), header, body)) {
            return true;
        }
        return cached && now - current.loadedAt() >= RELOAD_NANOS && matches(load(now).appSecret(), header, body);
    }

    /** Whether an app secret is set at all: without one no request can be checked. */
    public boolean configured() {
        Keys current = keys;
        if (current == null || System.nanoTime() - current.loadedAt() >= TTL_NANOS) {
            current = load(System.nanoTime());
        }
        return current.appSecret() != null;
    }

    /** The app secret, if set: Graph calls prove their tokens with it ({@code appsecret_proof}). */
    public Optional<String> appSecret() {
        Keys current = keys;
        if (current == null || System.nanoTime() - current.loadedAt() >= TTL_NANOS) {
            current = load(System.nanoTime());
        }
        return Optional.ofNullable(current.appSecret());
    }

    /** Whether the token is the verify token set for the callback's verification. */
    public boolean verifyToken(String token) {
        String expected = load(System.nanoTime()).verifyToken();
        return expected != null && token != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private Keys load(long now) {
        Keys loaded = new Keys(nonBlank(settings.secret(SettingCodes.FACEBOOK_APP_SECRET)),
                nonBlank(settings.secret(SettingCodes.FACEBOOK_VERIFY_TOKEN)), now);
        keys = loaded;
        return loaded;
    }

    private static String nonBlank(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).orElse(null);
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of the body under the secret, compared in constant time. */
    static boolean matches(String appSecret, String header, byte[] body) {
        if (appSecret == null || header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        byte[] expected = HexFormat.of().formatHex(hmac(appSecret, body)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header.substring(PREFIX.length()).strip().toLowerCase(Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    static byte[] hmac(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
