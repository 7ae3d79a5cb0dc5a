package org.switchboard.core.exchange;

import jakarta.ejb.ApplicationException;
import java.io.Serial;
import java.time.Duration;

/**
 * Entra ID did not issue tokens (MO-01, MO-02). {@link #outcome()} tells what the caller does next: the mailbox's
 * owner signs in again ({@code invalid_grant}: consent revoked, refresh token expired or already rotated away; or an
 * interaction Entra requires), the call is tried again later (throttled, unavailable, unreachable), or an
 * administrator fixes the registration (any other refusal). The message carries Entra's {@code error} and the first
 * line of its {@code error_description}, never a token or a secret. An application exception that does not roll back:
 * it reaches an EJB's caller as itself, and the "sign in again" flag written before it stays.
 */
@ApplicationException(rollback = false)
public class EntraException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** What a failed token request means for the mailbox. */
    public enum Outcome {
        /** The grant is gone: the mailbox is flagged "sign in again" and its sync pauses. */
        SIGN_IN_AGAIN,
        /** Worth trying again later, after {@link #retryAfter()} when Entra named a wait. */
        TRANSIENT,
        /** The request or the registration is wrong (client id, secret, redirect URI, scope): an admin must act. */
        REFUSED
    }

    private final Outcome outcome;
    private final String error;
    private final Duration retryAfter;

    public EntraException(Outcome outcome, String error, String reason, Duration retryAfter) {
        super(reason);
        this.outcome = outcome;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Entra's {@code error} ({@code invalid_grant}, {@code invalid_client} …), empty when it gave none. */
    public String error() {
        return error;
    }

    /** The wait Entra asked for with {@code Retry-After}, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
