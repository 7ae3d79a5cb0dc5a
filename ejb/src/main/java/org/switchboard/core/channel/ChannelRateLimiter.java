package org.switchboard.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Spaces a node's sends to a provider (TG-*, WA-*): each key (a bot, a Telegram chat, a WhatsApp number) has the time
 * its next send may start; a send reserves its slot and learns how long to wait for it. A provider's 429 pauses its key
 * for the time it asked. Node-local: with several nodes each keeps to the limits on its own.
 */
@ApplicationScoped
public class ChannelRateLimiter {

    private final ConcurrentMap<String, Long> nextFree = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> pausedUntil = new ConcurrentHashMap<>();

    /** Reserves the next slot of {@code key}, {@code interval} after the previous one; returns the wait until it. */
    public Duration reserve(String key, Duration interval) {
        long now = System.nanoTime();
        long[] start = new long[1];
        nextFree.compute(key, (k, free) -> {
            start[0] = free == null || free - now < 0 ? now : free;
            return start[0] + interval.toNanos();
        });
        return Duration.ofNanos(start[0] - now);
    }

    /** The wait before {@code key}'s next slot, without reserving it. */
    public Duration waitFor(String key) {
        Long free = nextFree.get(key);
        long now = System.nanoTime();
        return free == null || free - now <= 0 ? Duration.ZERO : Duration.ofNanos(free - now);
    }

    /** Nothing starts on {@code key} for {@code pause} (a provider's {@code retry_after} or {@code Retry-After}). */
    public void pause(String key, Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        nextFree.merge(key, until, (free, wanted) -> free - wanted < 0 ? wanted : free);
        pausedUntil.merge(key, until, (paused, wanted) -> paused - wanted < 0 ? wanted : paused);
    }

    /**
     * What is left of a pause of {@code key}: a send that reserved its slot before a 429 paused the key checks this
     * before it goes, so that one 429 stops the sends already waiting for their slots too.
     */
    public Duration pausedFor(String key) {
        Long until = pausedUntil.get(key);
        long now = System.nanoTime();
        return until == null || until - now <= 0 ? Duration.ZERO : Duration.ofNanos(until - now);
    }
}
