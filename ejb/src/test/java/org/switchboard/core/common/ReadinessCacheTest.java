package org.switchboard.core.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 18: readiness polled many times a second checks the database and the broker once a second. */
class ReadinessCacheTest {

    @Test
    @DisplayName("X-02 issue 18: 1,000 readiness requests within a second open one database and broker check; the "
            + "next second checks again and sees a change")
    void checksOncePerSecond() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger brokerDown = new AtomicInteger();
        ReadinessCache cache = new ReadinessCache(() -> {
            checks.incrementAndGet();
            return brokerDown.get() == 0 ? new Readiness(true, Map.of("database", "UP", "broker", "UP"))
                    : new Readiness(false, Map.of("database", "UP", "broker", "DOWN: JMSException"));
        }, now::get);

        for (int i = 0; i < 1_000; i++) {
            assertTrue(cache.current().up());
            now.addAndGet(TimeUnit.MICROSECONDS.toNanos(900));
        }
        assertEquals(1, checks.get(), "one check for 0.9 s of requests");

        brokerDown.set(1);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        assertFalse(cache.current().up(), "a second later the change shows");
        assertEquals(2, checks.get());
    }
}
