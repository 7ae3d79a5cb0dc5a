package org.switchboard.web.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.model.security.User;
import org.switchboard.web.common.Problems.FieldError;

/** how an entity's Bean Validation refusal is found behind the servers' wrapping and shown per field. */
class ConstraintViolationsTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private static ConstraintViolationException refused(String property, Object value) {
        return new ConstraintViolationException(FACTORY.getValidator().validateValue(User.class, property, value));
    }

    @Test
    @DisplayName("X-02 the refusal is found however it is wrapped: causes of an EJBException, a rollback, suppressed")
    void findsBehindWrappers() {
        ConstraintViolationException refusal = refused("email", "first,last@example.com");
        RollbackException rollback = new RollbackException("rolled back");
        rollback.initCause(new PersistenceException(refusal));
        RollbackException suppressing = new RollbackException("rolled back");
        suppressing.addSuppressed(refusal);

        assertSame(refusal, ConstraintViolations.find(refusal));
        assertSame(refusal, ConstraintViolations.find(new EJBException(rollback)));
        assertSame(refusal, ConstraintViolations.find(new EJBException(suppressing)));
        assertNull(ConstraintViolations.find(new EJBException(new IllegalStateException("other"))));
    }

    @Test
    @DisplayName("X-02 X-04 each violation names its field, with the constraint's message in the caller's language")
    void errorsPerFieldInLanguage() {
        ConstraintViolationException refusal = refused("displayName", "x".repeat(User.DISPLAY_NAME_MAX + 1));

        List<FieldError> english = ConstraintViolations.errors(refusal, Locale.ENGLISH,
                FACTORY.getMessageInterpolator());
        List<FieldError> russian = ConstraintViolations.errors(refusal, Locale.forLanguageTag("ru"),
                FACTORY.getMessageInterpolator());

        assertEquals(List.of(new FieldError("displayName", "size must be between 0 and 200")), english);
        assertEquals("displayName", russian.get(0).field());
        assertTrue(russian.get(0).message().matches(".*\\p{IsCyrillic}.*200.*"), russian::toString);
    }

    @Test
    @DisplayName("X-02 without an interpolator the message is the one the provider interpolated")
    void providerMessageWithoutInterpolator() {
        ConstraintViolationException refusal = refused("email", "first,last@example.com");

        List<FieldError> errors = ConstraintViolations.errors(refusal, Locale.ENGLISH, null);

        assertEquals(List.of(new FieldError("email", refusal.getConstraintViolations().iterator().next().getMessage())),
                errors);
    }
}
