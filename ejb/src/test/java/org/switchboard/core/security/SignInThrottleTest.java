package org.switchboard.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** X-02 issue 18: the sign-in throttle's delays, locks and what it forgets, on a clock the test moves. */
class SignInThrottleTest {

    private static final String ADDRESS = "192.0.2.10";

    private final MovableClock clock = new MovableClock();
    private final SignInThrottle throttle = new SignInThrottle(clock);
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(SignInThrottle.class.getName()).addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger(SignInThrottle.class.getName()).removeHandler(handler);
    }

    @Test
    @DisplayName("X-02 issue 18: five failures of a login are free, then each attempt waits 1, 2, 4, 8, 16 s, and the "
            + "tenth failure locks the login for 15 minutes")
    void delaysDoubleThenLock() {
        for (int i = 0; i < 5; i++) {
            fail("bob", ADDRESS);
        }
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Optional<Duration> wait = throttle.tryAttempt("bob", ADDRESS);
            assertTrue(wait.isPresent(), "attempt " + (6 + i) + " must wait");
            waits.add(wait.get().toSeconds());
            clock.move(wait.get());
            fail("bob", ADDRESS);
        }

        assertEquals(List.of(1L, 2L, 4L, 8L, 16L), waits);
        assertEquals(Optional.of(Duration.ofMinutes(15)), throttle.tryAttempt("bob", ADDRESS), "locked");
        clock.move(Duration.ofMinutes(14));
        assertEquals(Optional.of(Duration.ofMinutes(1)), throttle.tryAttempt("BOB ", ADDRESS),
                "still locked, whatever the case and spaces of the login");
        clock.move(Duration.ofMinutes(1));
        assertEquals(Optional.empty(), throttle.tryAttempt("bob", "198.51.100.7"), "the lock ends and is forgotten");
    }

    @Test
    @DisplayName("X-02 issue 18: attempts in flight count, so 32 parallel guesses at one login check at most five "
            + "passwords")
    void parallelGuessesCannotSlipThrough() {
        int allowed = 0;
        for (int i = 0; i < 32; i++) {
            if (throttle.tryAttempt("carol", "203.0.113." + i).isEmpty()) {
                allowed++;
            }
        }

        assertEquals(5, allowed);
    }

    @Test
    @DisplayName("X-02 issue 18: an address that fails with many logins is throttled for every login, also a right one "
            + "it has not tried")
    void sprayFromOneAddress() {
        for (int i = 0; i < 20; i++) {
            fail("user" + i, ADDRESS);
        }

        assertTrue(throttle.tryAttempt("someone-else", ADDRESS).isPresent(), "the address waits");
        assertTrue(throttle.tryAttempt("someone-else", "198.51.100.7").isEmpty(), "another address does not");
    }

    @Test
    @DisplayName("X-02 issue 18: a success clears its login's failures but not its address's, and an administrator's "
            + "reset clears the login's lock")
    void successAndResetClear() {
        for (int i = 0; i < 4; i++) {
            fail("dave", ADDRESS);
        }
        assertTrue(throttle.tryAttempt("dave", ADDRESS).isEmpty());
        throttle.succeeded("dave", ADDRESS);
        for (int i = 0; i < 4; i++) {
            fail("dave", ADDRESS);
        }
        assertTrue(throttle.tryAttempt("dave", ADDRESS).isEmpty(), "four again are free after the success");
        throttle.failed("dave", ADDRESS);
        for (int i = 0; i < 10; i++) {
            throttle.failed("erin", "198.51.100.7");
        }
        assertTrue(throttle.tryAttempt("erin", "198.51.100.8").isPresent(), "erin is locked");

        throttle.clear("erin");

        assertTrue(throttle.tryAttempt("erin", "198.51.100.8").isEmpty(), "the reset ended erin's lock");
    }

    @Test
    @DisplayName("X-02 issue 18: failures are forgotten 15 minutes after the last one")
    void failuresForgotten() {
        for (int i = 0; i < 5; i++) {
            fail("frank", ADDRESS);
        }
        assertTrue(throttle.tryAttempt("frank", ADDRESS).isPresent());

        clock.move(Duration.ofMinutes(15).plusSeconds(1));

        assertTrue(throttle.tryAttempt("frank", ADDRESS).isEmpty());
    }

    @Test
    @DisplayName("X-02 issue 18: failed and throttled sign-ins are logged at INFO with the login and the address, "
            + "control characters of a forged login replaced")
    void loggedWithLoginAndAddress() {
        for (int i = 0; i < 5; i++) {
            fail("grace\nFAKE LINE", ADDRESS);
        }
        throttle.tryAttempt("grace\nFAKE LINE", ADDRESS);

        List<String> messages = logged.stream().map(LogRecord::getMessage).toList();
        assertEquals(6, messages.size(), messages::toString);
        assertTrue(messages.get(0).contains("'grace?FAKE LINE'") && messages.get(0).contains(ADDRESS), messages::toString);
        assertTrue(messages.get(5).startsWith("Sign-in throttled"), messages::toString);
        assertFalse(messages.stream().anyMatch(m -> m.contains("\n")), messages::toString);
        assertTrue(logged.stream().allMatch(r -> r.getLevel().intValue() == java.util.logging.Level.INFO.intValue()));
    }

    private void fail(String login, String address) {
        assertEquals(Optional.empty(), throttle.tryAttempt(login, address), "attempt allowed");
        throttle.failed(login, address);
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-06T10:00:00Z");

        void move(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
