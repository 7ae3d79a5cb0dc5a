package org.switchboard.core.exchange;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The tokens Entra ID issued for one signed-in mailbox (MO-01, MO-02): the access token for Graph, the refresh token
 * that keeps the mailbox connected for months, when the access token expires and the scopes granted. Tokens never
 * appear in {@link #toString()}.
 *
 * @param refreshToken the refresh token to keep: a rotated one replaces the old, which Entra ID may then refuse
 * @param expiresAt when the access token expires (UTC), from {@code expires_in} and the clock at the answer
 */
public record MicrosoftTokens(String accessToken, String refreshToken, OffsetDateTime expiresAt, String scope) {

    /** MO-02: refreshed this long before expiry, so that a sync never starts with a token about to lapse. */
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    /** Whether the access token expires within {@link #REFRESH_MARGIN} of {@code now} (or already has). */
    public boolean needsRefresh(OffsetDateTime now) {
        return !now.plus(REFRESH_MARGIN).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "MicrosoftTokens[accessToken=***, refreshToken=***, expiresAt=" + expiresAt + ", scope=" + scope + "]";
    }
}
