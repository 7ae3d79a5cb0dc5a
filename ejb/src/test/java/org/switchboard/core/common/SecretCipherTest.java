package org.switchboard.core.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The encryption key's configuration: required in production, with a message that says what to set. */
class SecretCipherTest {

    private static SecretCipher cipher(Optional<String> key, String mode) throws ReflectiveOperationException {
        SecretCipher cipher = new SecretCipher();
        set(cipher, "configuredKey", key);
        set(cipher, "mode", mode);
        return cipher;
    }

    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = SecretCipher.class.getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }

    @Test
    @DisplayName("X-01 production mode without switchboard.secret-key stops the start with a message naming the key")
    void missingKeyInProduction() throws ReflectiveOperationException {
        SecretCipher cipher = cipher(Optional.empty(), "production");

        IllegalStateException refused = assertThrows(IllegalStateException.class, cipher::init);

        assertTrue(refused.getMessage().contains("switchboard.secret-key"), refused.getMessage());
        assertTrue(refused.getMessage().contains("SWITCHBOARD_SECRET_KEY"), refused.getMessage());
    }

    @Test
    @DisplayName("X-01 a malformed key stops the start; development mode works without one")
    void malformedKeyAndDevelopment() throws ReflectiveOperationException {
        SecretCipher malformed = cipher(Optional.of("c2hvcnQ="), "production");
        assertTrue(assertThrows(IllegalStateException.class, malformed::init).getMessage().contains("malformed"));

        SecretCipher development = cipher(Optional.empty(), "development");
        development.init();
        assertEquals("secret", development.decrypt(development.encrypt("secret")));
    }

    @Test
    @DisplayName("X-01 the configured key encrypts: another key cannot read the value")
    void configuredKeyUsed() throws ReflectiveOperationException {
        SecretCipher first = cipher(Optional.of(Base64.getEncoder().encodeToString(new byte[32])), "production");
        SecretCipher other = cipher(Optional.of(Base64.getEncoder().encodeToString(new byte[16])), "production");
        first.init();
        other.init();
        String stored = first.encrypt("client-secret");
        assertNotEquals("client-secret", stored);
        assertThrows(IllegalStateException.class, () -> other.decrypt(stored));
    }
}
