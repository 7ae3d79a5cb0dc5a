package org.switchboard.web.common;

import org.switchboard.core.common.InvalidInputException;

/** Small checks of REST request bodies that come before any use case. */
public final class Requests {

    private Requests() {
    }

    /** Refuses a missing JSON body with 400 rather than a NullPointerException's 500. */
    public static <T> T body(T body) {
        if (body == null) {
            throw new InvalidInputException("error.bodyRequired", null);
        }
        return body;
    }
}
