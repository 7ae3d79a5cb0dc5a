package org.switchboard.core.chat;

import java.time.Duration;

/**
 * The length of one "minute" of the chat timeouts (CH-04 accept timeout, CH-05 completion timeout). It is a real
 * minute unless configuration {@value #KEY} shortens it. No test relies on that: timeout tests pass a moved time to
 * {@link ChatTimeouts#processDue(java.time.OffsetDateTime)} instead of waiting for deadlines.
 */
public record ChatTiming(Duration minute) {

    /** MicroProfile Config key: an ISO-8601 duration, default {@code PT1M}. */
    public static final String KEY = "switchboard.chat.minute";

    public static final ChatTiming REAL = new ChatTiming(Duration.ofMinutes(1));

    public ChatTiming {
        if (minute.isNegative() || minute.isZero()) {
            throw new IllegalArgumentException(KEY + " must be a positive duration, not " + minute);
        }
    }

    public Duration minutes(int count) {
        return minute.multipliedBy(count);
    }
}
