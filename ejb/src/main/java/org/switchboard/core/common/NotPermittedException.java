package org.switchboard.core.common;

import java.io.Serial;

/**
 * The caller may see the record but not do this with it (e.g. send from an own mailbox whose sending is switched
 * off, MB-03). REST: 403 with the reason; a record the caller may not see at all is a {@link RecordNotFoundException}.
 */
public class NotPermittedException extends BusinessException {

    @Serial
    private static final long serialVersionUID = 1L;

    public NotPermittedException(String messageKey, String field, Object... arguments) {
        super(messageKey, field, arguments);
    }
}
