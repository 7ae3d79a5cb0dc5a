package org.switchboard.core.exchange;

import java.io.Serial;
import java.time.Duration;

/**
 * Exchange Server's EWS did not answer a mail call as asked (MB-02, MB-03). {@link #outcome()} tells the sync or the
 * send what to do: ask the user to sign in again (401), start the folder again from an empty sync state (the state
 * was refused), wait ({@code ErrorServerBusy}, for {@link #backOff()} when Exchange named it), try later (no answer,
 * a broken connection, a 5xx), subscribe again (MP-11: Exchange no longer knows the notification subscription) or
 * give up with Exchange's reason (any other refusal, its response code in {@link #code()}). The message never
 * contains a password or a token.
 */
public class EwsException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** What a failed EWS call means for the caller. */
    public enum Outcome {
        /** 401 (or 456, account locked): the password or token was refused; the user must sign in again. */
        SIGN_IN_FAILED,
        /** {@code ErrorInvalidSyncStateData}: sync the folder (or the folder tree) again from an empty state. */
        SYNC_STATE_INVALID,
        /** {@code ErrorServerBusy}: wait {@link #backOff()} (when named), then repeat. */
        THROTTLED,
        /** No answer, a broken connection, a 5xx or a transient store error: try again later. */
        UNAVAILABLE,
        /**
         * MP-11: {@code ErrorSubscriptionNotFound}, {@code ErrorInvalidSubscription} or
         * {@code ErrorExpiredSubscription}: Exchange no longer knows the notification subscription (a restart, a
         * failover, or no connection for too long); subscribe again, then sync what may have changed meanwhile.
         */
        SUBSCRIPTION_GONE,
        /** Anything else: Exchange refused the request itself ({@link #code()} says how). */
        REFUSED
    }

    private final Outcome outcome;
    private final String code;
    private final Duration backOff;

    public EwsException(Outcome outcome, String code, String reason, Duration backOff) {
        super(reason);
        this.outcome = outcome;
        this.code = code;
        this.backOff = backOff;
    }

    public EwsException(Outcome outcome, String code, String reason) {
        this(outcome, code, reason, null);
    }

    public Outcome outcome() {
        return outcome;
    }

    /** EWS's response code ({@code ErrorAccessDenied}), {@code HTTP 403}, or null when there was no answer. */
    public String code() {
        return code;
    }

    /** The wait Exchange asked for with {@code BackOffMilliseconds}, or null when it named none. */
    public Duration backOff() {
        return backOff;
    }
}
