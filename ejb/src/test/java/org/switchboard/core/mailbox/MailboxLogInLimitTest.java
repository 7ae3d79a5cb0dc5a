package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.common.TooManyAttemptsException;

/** Issue 18: the mailbox wizard's log-ins are limited per user. */
class MailboxLogInLimitTest {

    private Instant now = Instant.parse("2026-12-06T10:00:00Z");
    private final MailboxLogInLimit limit = new MailboxLogInLimit(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    @DisplayName("MB-01 issue 18: after ten refused log-ins in ten minutes a user waits until the oldest is ten "
            + "minutes old; other users do not")
    void tenRefusedLogInsThenWait() {
        for (int i = 0; i < 10; i++) {
            limit.check("mallory");
            limit.failed("mallory");
            now = now.plusSeconds(30);
        }

        TooManyAttemptsException refused = assertThrows(TooManyAttemptsException.class, () -> limit.check("mallory"));
        assertEquals("password", refused.getField());
        assertEquals(300, refused.getRetryAfterSeconds(), "the first failure, five minutes ago, ends in five");
        assertEquals(5L, refused.getArguments().get(0), "minutes in the message");
        assertDoesNotThrow(() -> limit.check("alice"));
        now = now.plusSeconds(300);
        assertDoesNotThrow(() -> limit.check("mallory"), "the oldest failure is ten minutes old");
    }
}
