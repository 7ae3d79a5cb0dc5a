package org.switchboard.core.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.common.InvalidInputException;

/** The password rules of X-02. */
class PasswordPolicyTest {

    private static String refusal(String password) {
        return assertThrows(InvalidInputException.class, () -> PasswordPolicy.check(password, "jsmith", "password"))
                .getMessageKey();
    }

    @Test
    @DisplayName("X-02 a password needs 8 to 128 characters and must not be the login")
    void rules() {
        assertDoesNotThrow(() -> PasswordPolicy.check("correct horse", "jsmith", "password"));
        assertEquals("validation.password.required", refusal(" "));
        assertEquals("validation.password.tooShort", refusal("short"));
        assertEquals("validation.password.tooLong", refusal("x".repeat(129)));
        assertEquals("validation.password.sameAsLogin",
                assertThrows(InvalidInputException.class,
                        () -> PasswordPolicy.check("J.Smith-1", "j.smith-1", "password")).getMessageKey());
        assertEquals("validation.password.sameAsLogin",
                assertThrows(InvalidInputException.class,
                        () -> PasswordPolicy.check("administrator", "administrator", "password")).getMessageKey());
    }
}
