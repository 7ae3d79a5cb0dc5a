package org.switchboard.core.security;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.model.security.ApiToken;

/**
 * The rules of personal API tokens (X-02, issue 18): what a name may be, when a token with an expiry date stops
 * working, and when its last use is old enough to be written again, so that a busy integration costs no write per
 * request. Dates are days in UTC, as the chat history filters them.
 */
public final class ApiTokenRules {

    /** The most tokens one user may hold: enough for every integration, few enough to review. */
    public static final int MAX_PER_USER = 20;
    /** How far ahead an expiry date may lie. */
    public static final int EXPIRY_MAX_YEARS = 10;
    /** A token's last use is written again once it is this old. */
    static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    private ApiTokenRules() {
    }

    /**
     * The name as stored: trimmed, required, one line of at most {@value ApiToken#NAME_MAX} characters.
     *
     * @throws InvalidInputException on field {@code name}
     */
    static String name(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException("validation.required", "name");
        }
        if (trimmed.length() > ApiToken.NAME_MAX) {
            throw new InvalidInputException("validation.tooLong", "name", ApiToken.NAME_MAX);
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("validation.apiToken.nameOneLine", "name");
        }
        return trimmed;
    }

    /**
     * When a token that works through {@code expiresOn} (a day in UTC) stops: the start of the next day; {@code null}
     * for none. The day may be today, not earlier, and at most {@value #EXPIRY_MAX_YEARS} years ahead.
     *
     * @throws InvalidInputException on field {@code expiresOn}
     */
    static OffsetDateTime expiresAt(LocalDate expiresOn, OffsetDateTime now) {
        if (expiresOn == null) {
            return null;
        }
        LocalDate today = now.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        if (expiresOn.isBefore(today)) {
            throw new InvalidInputException("validation.apiToken.expiresPast", "expiresOn");
        }
        if (expiresOn.isAfter(today.plusYears(EXPIRY_MAX_YEARS))) {
            throw new InvalidInputException("validation.apiToken.expiresTooFar", "expiresOn", EXPIRY_MAX_YEARS);
        }
        return expiresOn.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** Whether a token with that expiry still works at {@code now}. */
    static boolean expired(OffsetDateTime expiresAt, OffsetDateTime now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Whether a use at {@code now} is to be written: the first one, or the last written one is a minute old. */
    static boolean lastUseStale(OffsetDateTime lastUsedAt, OffsetDateTime now) {
        return lastUsedAt == null || lastUsedAt.isBefore(now.minus(LAST_USE_PRECISION));
    }
}
