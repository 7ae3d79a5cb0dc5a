package org.switchboard.core.common;

import java.io.Serial;

/** The request is well-formed but a business rule refuses it (a duplicate name, the last administrator). REST: 409. */
public class RuleViolationException extends BusinessException {

    @Serial
    private static final long serialVersionUID = 1L;

    public RuleViolationException(String messageKey, String field, Object... arguments) {
        super(messageKey, field, arguments);
    }
}
