package org.switchboard.core.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.switchboard.model.security.ApiToken;

/**
 * The secret of a personal API token (X-02, issue 18): {@code sbt_} and the URL-safe Base64 of 32 bytes from
 * {@link SecureRandom}, shown to its owner once. What is stored is its SHA-256 in hexadecimal: a fast hash is right
 * here, unlike for passwords, because the secret is 256 random bits, not something a person chose, so there is no
 * dictionary to try and nothing a slow hash would protect; a fast one also lets every API call check it. The
 * {@code sbt_} prefix lets secret scanners recognise a leaked token.
 */
public final class ApiTokenSecret {

    public static final String SCHEME_PREFIX = "sbt_";
    static final int RANDOM_BYTES = 32;
    /** Base64 of 32 bytes without padding. */
    static final int ENCODED_LENGTH = 43;
    private static final Pattern FORMAT = Pattern.compile(Pattern.quote(SCHEME_PREFIX)
            + "[A-Za-z0-9_-]{" + ENCODED_LENGTH + "}");

    private ApiTokenSecret() {
    }

    /** A new token: {@code sbt_} and 43 characters of URL-safe Base64. */
    static String generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return SCHEME_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the text has the form of a token at all; anything else is refused without a database look-up. */
    static boolean wellFormed(String token) {
        return token != null && FORMAT.matcher(token).matches();
    }

    /** The SHA-256 of the token in lower-case hexadecimal, the form it is stored and looked up in. */
    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The first characters after {@code sbt_}, which lists show so that a user tells their tokens apart. */
    static String prefix(String token) {
        return token.substring(SCHEME_PREFIX.length(), SCHEME_PREFIX.length() + ApiToken.PREFIX_LENGTH);
    }
}
