package org.switchboard.core.exchange;

import java.io.Serial;
import java.time.Duration;

/**
 * Microsoft Graph did not answer a mail or contact call as asked (MB-02, MB-03, MP-11, EC-01, EC-02).
 * {@link #outcome()} tells the sync or the send what to do: wait (throttled: 429 or 503, {@link #retryAfter()} when
 * Graph named the wait), start the folder's delta again (410: the delta token expired), subscribe again (404 on a
 * subscription), take a contact as gone (404 on updating it), refresh the access token once and repeat (401), try
 * later (unreachable or failing), or give up with Graph's reason (any other refusal). The message never contains a
 * token.
 */
public class GraphException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** What a failed Graph call means for the caller. */
    public enum Outcome {
        /** 429, or 503 with {@code Retry-After}: wait {@link #retryAfter()} (when named), then repeat. */
        THROTTLED,
        /** 410 on a delta link ({@code syncStateNotFound}): resync the folder from a new delta round. */
        DELTA_EXPIRED,
        /**
         * MP-11: 404 on renewing a subscription: Graph deleted it (expired, or removed and announced by a
         * {@code subscriptionRemoved} lifecycle notification); subscribe again and sync the folder meanwhile.
         */
        SUBSCRIPTION_GONE,
        /**
         * EC-02: 404 on updating a contact: Graph no longer has it (deleted in Outlook, or moved to another folder,
         * which gives it a new id); the caller takes it as deleted there rather than repeat.
         */
        NOT_FOUND,
        /** 401: the access token was refused; refresh it once and repeat. */
        TOKEN_REJECTED,
        /** No answer, a broken connection or a 5xx: try again later. */
        UNAVAILABLE,
        /** Anything else: Graph refused the request itself. */
        REFUSED
    }

    private final Outcome outcome;
    private final Duration retryAfter;

    public GraphException(Outcome outcome, String reason, Duration retryAfter) {
        super(reason);
        this.outcome = outcome;
        this.retryAfter = retryAfter;
    }

    public GraphException(Outcome outcome, String reason) {
        this(outcome, reason, null);
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The wait Graph asked for with {@code Retry-After}, or null when it named none. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
