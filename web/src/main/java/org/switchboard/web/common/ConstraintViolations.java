package org.switchboard.web.common;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.metadata.ConstraintDescriptor;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.switchboard.web.common.Problems.FieldError;

/**
 * Reads a Bean Validation refusal for the REST and JSF boundaries: an entity constraint the JPA provider checks at
 * persist or flush reaches them wrapped by the EJB container and the transaction, so it is looked for among the
 * causes; each violation names its field (the last node of its path) and its message in the caller's language.
 */
public final class ConstraintViolations {

    private static final Logger LOG = Logger.getLogger(ConstraintViolations.class.getName());
    private static final String VALIDATOR_FACTORY = "java:comp/ValidatorFactory";

    private ConstraintViolations() {
    }

    /**
     * The Bean Validation refusal behind a failure: the failure itself, one of its causes, or one suppressed on the
     * way (a transaction manager may keep the failure of its before-completion step there); {@code null} if none.
     */
    public static ConstraintViolationException find(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(failure);
        while (!pending.isEmpty()) {
            Throwable next = pending.poll();
            if (!seen.add(next)) {
                continue;
            }
            if (next instanceof ConstraintViolationException violation) {
                return violation;
            }
            if (next.getCause() != null) {
                pending.add(next.getCause());
            }
            pending.addAll(List.of(next.getSuppressed()));
        }
        return null;
    }

    /**
     * One error per violation, ordered by field, with the constraint's message interpolated again in
     * {@code locale} by the application's validator factory (the provider interpolated it in the server's).
     */
    public static List<FieldError> errors(ConstraintViolationException exception, Locale locale) {
        return errors(exception, locale, interpolator());
    }

    /** As {@link #errors(ConstraintViolationException, Locale)}, with a given interpolator ({@code null}: none). */
    static List<FieldError> errors(ConstraintViolationException exception, Locale locale,
                                   MessageInterpolator interpolator) {
        Set<ConstraintViolation<?>> violations = exception.getConstraintViolations();
        if (violations == null) {
            return List.of();
        }
        return violations.stream()
                .map(violation -> new FieldError(field(violation), message(violation, locale, interpolator)))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
    }

    /** The property the violation concerns: the last node of its path ({@code email} of {@code User.email}). */
    static String field(ConstraintViolation<?> violation) {
        String field = null;
        if (violation.getPropertyPath() != null) {
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getName() != null) {
                    field = node.getName();
                }
            }
        }
        return field == null ? "" : field;
    }

    private static String message(ConstraintViolation<?> violation, Locale locale, MessageInterpolator interpolator) {
        if (interpolator != null && violation.getMessageTemplate() != null) {
            try {
                return interpolator.interpolate(violation.getMessageTemplate(), new Context(violation), locale);
            } catch (ValidationException | IllegalArgumentException e) {
                // A template that needs the provider's own context (an EL expression): its message as it came.
                LOG.log(Level.FINE, "Message kept as interpolated by the provider", e);
            }
        }
        return violation.getMessage();
    }

    private static MessageInterpolator interpolator() {
        try {
            ValidatorFactory factory = InitialContext.doLookup(VALIDATOR_FACTORY);
            return factory.getMessageInterpolator();
        } catch (NamingException e) {
            LOG.log(Level.FINE, "No validator factory at " + VALIDATOR_FACTORY, e);
            return null;
        }
    }

    /** What an interpolator reads of the violated constraint, taken from the violation. */
    private record Context(ConstraintViolation<?> violation) implements MessageInterpolator.Context {

        @Override
        public ConstraintDescriptor<?> getConstraintDescriptor() {
            return violation.getConstraintDescriptor();
        }

        @Override
        public Object getValidatedValue() {
            return violation.getInvalidValue();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new ValidationException("No " + type.getName() + " in this context");
        }
    }
}
