package org.switchboard.core.common;

import java.io.Serial;

/** Someone else changed the record since the caller read it (optimistic lock). REST: 409. */
public class ConcurrentChangeException extends BusinessException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ConcurrentChangeException(String what, Object id) {
        super("error.concurrentChange", null, what, id);
    }
}
