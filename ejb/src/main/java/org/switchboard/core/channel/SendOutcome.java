package org.switchboard.core.channel;

import java.time.Duration;

/**
 * What a messenger's API answered to one send (CH-12, TG-*, WA-*): sent with the provider's id of the message, worth
 * trying again later (throttled or a transient failure), or refused for good with the provider's reason.
 */
public sealed interface SendOutcome {

    /** The provider took the message; {@code providerMessageId} is its id there (may be null when it gives none). */
    record Sent(String providerMessageId) implements SendOutcome {
    }

    /**
     * Not sent, but worth another attempt: a 429 (then {@code after} is the provider's own wait, e.g. Telegram's
     * {@code retry_after} or a {@code Retry-After} header, or null when it gave none), a 5xx or an I/O failure.
     */
    record Retry(Duration after, String reason) implements SendOutcome {
    }

    /** Refused for good (bot blocked, number not on WhatsApp, 24-hour window closed…): the provider's reason. */
    record Failed(String reason) implements SendOutcome {
    }

    /**
     * Refused because the channel's own access is gone (FB-07): a revoked token, a withdrawn permission. The reply
     * fails with the reason, and the channel is flagged so that the next ones fail at once rather than queue.
     */
    record AccessLost(String reason) implements SendOutcome {
    }
}
