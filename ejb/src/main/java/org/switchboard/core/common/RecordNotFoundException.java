package org.switchboard.core.common;

import java.io.Serial;

/** The record a use case names does not exist (any more). REST: 404. */
public class RecordNotFoundException extends BusinessException {

    @Serial
    private static final long serialVersionUID = 1L;

    public RecordNotFoundException(String what, Object id) {
        super("error.notFound", null, what, id);
    }
}
