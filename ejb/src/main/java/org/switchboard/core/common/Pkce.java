package org.switchboard.core.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The two values of an OAuth 2.0 authorization code request with PKCE (RFC 7636), shared by every sign-in Switchboard
 * starts (the identity broker, FB-01; Microsoft, MO-01): random URL-safe values for {@code state} and the code
 * verifier, and the S256 challenge of a verifier.
 */
public final class Pkce {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Pkce() {
    }

    /** {@code bytes} random bytes, base64url without padding: 32 give a state, 48 a verifier of 64 characters. */
    public static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** S256: the base64url SHA-256 of the verifier, without padding. */
    public static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
