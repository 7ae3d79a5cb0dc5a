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

    /** The version an update names (optimistic lock); refused with 400 on field {@code version} when missing. */
    public static long version(Long version) {
        if (version == null) {
            throw new InvalidInputException("validation.required", "version");
        }
        return version;
    }
}
