package org.switchboard.core.security;

import org.switchboard.core.common.InvalidInputException;

/** The rules a new password must meet: long enough, not too long, not the login itself. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    /**
     * Refuses a password that breaks a rule.
     *
     * @param field the input to blame in the message
     * @throws InvalidInputException naming the rule that failed
     */
    public static void check(String password, String login, String field) {
        if (password == null || password.isBlank()) {
            throw new InvalidInputException("validation.password.required", field);
        }
        if (password.length() < MIN_LENGTH) {
            throw new InvalidInputException("validation.password.tooShort", field, MIN_LENGTH);
        }
        if (password.length() > MAX_LENGTH) {
            throw new InvalidInputException("validation.password.tooLong", field, MAX_LENGTH);
        }
        if (login != null && password.equalsIgnoreCase(login)) {
            throw new InvalidInputException("validation.password.sameAsLogin", field);
        }
    }
}
