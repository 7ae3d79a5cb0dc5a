package org.switchboard.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The secret of a personal API token (X-02, issue 18): its form, its stored hash and its readable prefix. */
class ApiTokenSecretTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    @DisplayName("X-02 issue 18: a new token is sbt_ and 43 URL-safe Base64 characters (32 random bytes), never twice "
            + "the same")
    void newTokens() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = ApiTokenSecret.generate(RANDOM);
            assertTrue(token.matches("sbt_[A-Za-z0-9_-]{43}"), token);
            assertTrue(ApiTokenSecret.wellFormed(token), token);
            assertTrue(seen.add(token), "generated twice: " + token);
        }
    }

    @Test
    @DisplayName("X-02 issue 18: anything but the form of a token is refused before any look-up")
    void malformedTokens() {
        String good = ApiTokenSecret.generate(RANDOM);
        for (String bad : new String[] {null, "", "sbt_", good.substring(4), good + "A", good.substring(0, 46),
                "SBT_" + good.substring(4), good.replace('_', '/').replaceFirst("^sbt/", "sbt_") + "=",
                "sbt_" + "+".repeat(43), good + "\n", " " + good}) {
            assertFalse(ApiTokenSecret.wellFormed(bad), String.valueOf(bad));
        }
    }

    @Test
    @DisplayName("X-02 issue 18: a token is stored as its SHA-256 in 64 lower-case hex digits, and shown by the eight "
            + "characters after sbt_")
    void hashAndPrefix() {
        String token = "sbt_" + "A".repeat(43);
        // Computed independently: printf 'sbt_AAA…' | sha256sum
        assertEquals("e382d2ba02e65c0504123f93f866e3d0ccb26ab5291689d16f42adfdfffd5417", ApiTokenSecret.hash(token));
        assertNotEquals(ApiTokenSecret.hash(token), ApiTokenSecret.hash(token.replace("sbt_A", "sbt_B")));
        assertEquals("AAAAAAAA", ApiTokenSecret.prefix(token));
        assertEquals("abcdefgh", ApiTokenSecret.prefix("sbt_abcdefgh" + "x".repeat(35)));
    }
}
