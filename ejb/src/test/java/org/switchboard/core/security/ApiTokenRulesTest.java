package org.switchboard.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.common.InvalidInputException;

/** The rules of personal API tokens (X-02, issue 18): names, expiry and how often a use is written. */
class ApiTokenRulesTest {

    /** 23:30 on 25 November in UTC, already 26 November at +03:00. */
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 25, 23, 30, 0, 0, ZoneOffset.UTC);

    private static List<Object> refusal(Runnable rule) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, rule::run);
        return List.of(refused.getMessageKey(), refused.getField());
    }

    @Test
    @DisplayName("X-02 issue 18: a token's name is trimmed, required, one line of at most 100 characters")
    void names() {
        assertEquals("CRM sync", ApiTokenRules.name("  CRM sync \t"));
        assertEquals("я".repeat(100), ApiTokenRules.name("я".repeat(100)));
        assertEquals(List.of("validation.required", "name"), refusal(() -> ApiTokenRules.name(null)));
        assertEquals(List.of("validation.required", "name"), refusal(() -> ApiTokenRules.name(" \u2003 ")));
        assertEquals(List.of("validation.tooLong", "name"), refusal(() -> ApiTokenRules.name("x".repeat(101))));
        assertEquals(List.of("validation.apiToken.nameOneLine", "name"),
                refusal(() -> ApiTokenRules.name("CRM\nsync")));
        assertEquals(List.of("validation.apiToken.nameOneLine", "name"),
                refusal(() -> ApiTokenRules.name("CRM\u0000sync")));
    }

    @Test
    @DisplayName("X-02 issue 18: a token works through its expiry day (UTC), which is today at the earliest and at "
            + "most ten years ahead; without one it works until revoked")
    void expiry() {
        assertNull(ApiTokenRules.expiresAt(null, NOW));
        OffsetDateTime today = ApiTokenRules.expiresAt(LocalDate.of(2026, 11, 25), NOW);
        assertEquals(OffsetDateTime.of(2026, 11, 26, 0, 0, 0, 0, ZoneOffset.UTC), today);
        assertEquals(today, ApiTokenRules.expiresAt(LocalDate.of(2026, 11, 25),
                NOW.withOffsetSameInstant(ZoneOffset.ofHours(3))), "the day is the UTC day, whatever the offset");
        assertEquals(List.of("validation.apiToken.expiresPast", "expiresOn"),
                refusal(() -> ApiTokenRules.expiresAt(LocalDate.of(2026, 11, 24), NOW)));
        assertEquals(OffsetDateTime.of(2036, 11, 26, 0, 0, 0, 0, ZoneOffset.UTC),
                ApiTokenRules.expiresAt(LocalDate.of(2036, 11, 25), NOW));
        assertEquals(List.of("validation.apiToken.expiresTooFar", "expiresOn"),
                refusal(() -> ApiTokenRules.expiresAt(LocalDate.of(2036, 11, 26), NOW)));
        assertEquals(List.of("validation.apiToken.expiresTooFar", "expiresOn"),
                refusal(() -> ApiTokenRules.expiresAt(LocalDate.MAX, NOW)));

        assertFalse(ApiTokenRules.expired(null, NOW));
        assertFalse(ApiTokenRules.expired(today, today.minusNanos(1000)), "the last moment of its day");
        assertTrue(ApiTokenRules.expired(today, today), "the first moment of the next day");
        assertTrue(ApiTokenRules.expired(today, today.plusYears(1)));
    }

    @Test
    @DisplayName("X-02 issue 18: a token's use is written the first time and then only once the last written one is "
            + "more than a minute old")
    void lastUse() {
        assertTrue(ApiTokenRules.lastUseStale(null, NOW));
        assertFalse(ApiTokenRules.lastUseStale(NOW, NOW));
        assertFalse(ApiTokenRules.lastUseStale(NOW.minusSeconds(60), NOW));
        assertTrue(ApiTokenRules.lastUseStale(NOW.minusSeconds(61), NOW));
        assertFalse(ApiTokenRules.lastUseStale(NOW.plusSeconds(5), NOW), "a clock of another node a little ahead");
    }
}
