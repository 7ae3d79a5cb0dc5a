package org.switchboard.core.chat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The back-off of a reply's sends after transient failures ({@link ChannelSender#backoff}). */
class ChannelSenderTest {

    @Test
    @DisplayName("CH-12: the n-th back-off lies in [base/2, base], base = min(2 s * 2^(n-1), 5 min), and is jittered")
    void backoff() {
        for (int failures = 1; failures <= 30; failures++) {
            long base = Math.min(2000L << Math.min(failures - 1, 30), Duration.ofMinutes(5).toMillis());
            Set<Duration> seen = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                Duration wait = ChannelSender.backoff(failures);
                long millis = wait.toMillis();
                int n = failures;
                assertTrue(millis >= base / 2 && millis <= base, () -> "backoff(" + n + ") = " + wait);
                seen.add(wait);
            }
            assertTrue(seen.size() > 1, "no jitter for " + failures + " failures");
        }
        assertTrue(ChannelSender.backoff(1).compareTo(Duration.ofSeconds(2)) <= 0);
        assertTrue(ChannelSender.backoff(Integer.MAX_VALUE).compareTo(Duration.ofMinutes(5)) <= 0);
        assertTrue(ChannelSender.backoff(Integer.MAX_VALUE).compareTo(Duration.ofMinutes(2).plusSeconds(30)) >= 0);
    }
}
