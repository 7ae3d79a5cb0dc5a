package org.switchboard.core.common;

import jakarta.ejb.ApplicationException;
import java.io.Serial;
import java.util.List;

/**
 * An expected failure of a use case: carries a message key of the UI bundles, its arguments and,
 * when one input is to blame, that field's name. The web layer turns it into a JSF message on the
 * field or an {@code application/problem+json} answer; the transaction is rolled back.
 */
@ApplicationException(rollback = true)
public abstract class BusinessException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String messageKey;
    private final transient List<Object> arguments;
    private final String field;

    protected BusinessException(String messageKey, String field, Object... arguments) {
        super(messageKey + (field == null ? "" : " [" + field + "]"));
        this.messageKey = messageKey;
        this.field = field;
        this.arguments = List.of(arguments);
    }

    /** The key of the message in {@code messages.properties}. */
    public String getMessageKey() {
        return messageKey;
    }

    /** The arguments of the message, in order. */
    public List<Object> getArguments() {
        return arguments;
    }

    /** The name of the input at fault, or {@code null} when the failure concerns the whole request. */
    public String getField() {
        return field;
    }
}
