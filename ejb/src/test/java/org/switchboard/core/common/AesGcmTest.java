package org.switchboard.core.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Encryption of secrets at rest. */
class AesGcmTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    @DisplayName("X-01 a secret is stored as ciphertext that decrypts back, never as the plain value")
    void roundTrip() {
        AesGcm aes = new AesGcm(KEY);
        String stored = aes.encrypt("client-secret-Ж");
        assertTrue(stored.startsWith(AesGcm.PREFIX));
        assertFalse(stored.contains("client-secret"));
        assertEquals("client-secret-Ж", aes.decrypt(stored));
    }

    @Test
    @DisplayName("X-01 the same secret encrypts differently each time (fresh nonce)")
    void freshNonce() {
        AesGcm aes = new AesGcm(KEY);
        assertNotEquals(aes.encrypt("same"), aes.encrypt("same"));
    }

    @Test
    @DisplayName("X-01 a tampered value or another key does not decrypt")
    void tamperAndWrongKeyRefused() {
        String stored = new AesGcm(KEY).encrypt("secret");
        char last = stored.charAt(stored.length() - 2);
        String tampered = stored.substring(0, stored.length() - 2) + (last == 'A' ? 'B' : 'A') + stored.charAt(stored.length() - 1);
        assertThrows(IllegalStateException.class, () -> new AesGcm(KEY).decrypt(tampered));
        assertThrows(IllegalStateException.class, () -> new AesGcm(OTHER_KEY).decrypt(stored));
        assertThrows(IllegalStateException.class, () -> new AesGcm(KEY).decrypt("secret"));
    }

    @Test
    @DisplayName("X-01 a key that is not Base64 AES key material is refused")
    void badKeysRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AesGcm("not base64!"));
        assertThrows(IllegalArgumentException.class,
                () -> new AesGcm(Base64.getEncoder().encodeToString(new byte[10])));
    }

    @Test
    @DisplayName("X-03 a seal is the same for the same key, purpose and text, and differs for any other")
    void seals() {
        AesGcm aes = new AesGcm(KEY);
        String seal = aes.seal("inbound-submitter", "SendEmailCommand\nREST\nanna");
        assertEquals(seal, new AesGcm(KEY).seal("inbound-submitter", "SendEmailCommand\nREST\nanna"));
        assertEquals(43, seal.length(), "HMAC-SHA256, Base64url without padding");
        assertNotEquals(seal, aes.seal("inbound-submitter", "SendEmailCommand\nREST\nadmin"));
        assertNotEquals(seal, aes.seal("another-purpose", "SendEmailCommand\nREST\nanna"));
        assertNotEquals(seal, new AesGcm(OTHER_KEY).seal("inbound-submitter", "SendEmailCommand\nREST\nanna"));
    }
}
