package org.switchboard.core.common;

import java.io.Serial;

/**
 * Too many attempts of something costly or guessable in a short time (issue 18): answered 429 with
 * {@code Retry-After}, and on the field when one is named.
 */
public class TooManyAttemptsException extends BusinessException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    /** The message's first argument is the wait in minutes, rounded up. */
    public TooManyAttemptsException(String messageKey, String field, long retryAfterSeconds) {
        super(messageKey, field, (retryAfterSeconds + 59) / 60);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long getRetryAfterSeconds() {
        return retryAfterSeconds;
    }
}
