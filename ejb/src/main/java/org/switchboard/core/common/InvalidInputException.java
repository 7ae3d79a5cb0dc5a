package org.switchboard.core.common;

import java.io.Serial;

/** A value is not acceptable for its field (not an integer, out of range, not a URL). REST: 400. */
public class InvalidInputException extends BusinessException {

    @Serial
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String messageKey, String field, Object... arguments) {
        super(messageKey, field, arguments);
    }
}
