package org.switchboard.core.exchange;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One Graph call as a sync makes it (MB-02, EC-01): throttling waited out as Graph asks (a few times at most, each wait
 * capped), and a refused token replaced once by a refreshed one. The mail sync and the contact sync share it, so that
 * both treat Graph's answers alike. The wait runs on the sync's own background thread, which holds no transaction and
 * no connection while it waits.
 */
public final class GraphRetries {

    /** How many times one call waits out throttling before the failure is the call's. */
    public static final int THROTTLE_WAITS = 5;
    /** The wait when Graph throttles without saying how long. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(2);
    /** The longest single wait, whatever Graph asks. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private GraphRetries() {
    }

    /**
     * @param mailbox      the mailbox with its current token (after {@code replaceToken}, the new one)
     * @param replaceToken replaces the token Graph refused
     * @param request      the call
     */
    public static <T> T call(Supplier<GraphMailbox> mailbox, Runnable replaceToken,
            Function<GraphMailbox, T> request) {
        boolean replaced = false;
        int waits = 0;
        while (true) {
            try {
                return request.apply(mailbox.get());
            } catch (GraphException e) {
                if (e.outcome() == GraphException.Outcome.TOKEN_REJECTED && !replaced) {
                    replaced = true;
                    replaceToken.run();
                    continue;
                }
                if (e.outcome() == GraphException.Outcome.THROTTLED && waits++ < THROTTLE_WAITS) {
                    pause(e.retryAfter());
                    continue;
                }
                throw e;
            }
        }
    }

    /** Waits as Graph asked, within {@link #MAX_WAIT}. */
    static void pause(Duration asked) {
        Duration wait = asked == null ? DEFAULT_WAIT : asked.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : asked;
        try {
            Thread.sleep(Math.max(0, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(GraphException.Outcome.UNAVAILABLE, "Interrupted while Graph asked to wait");
        }
    }
}
