package org.switchboard.core.common;

import java.io.Serial;

/**
 * The caller is known but lacks what a use case needs, such as the system operations of a shared mailbox (SM-01),
 * and may be told why (the thing itself is visible to them; otherwise it is "not found"). REST: 403.
 */
public class AccessDeniedException extends BusinessException {

    @Serial
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String messageKey, String field, Object... arguments) {
        super(messageKey, field, arguments);
    }
}
