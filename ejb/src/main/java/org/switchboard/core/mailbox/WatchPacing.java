package org.switchboard.core.mailbox;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a mailbox watch's thread shares with the rest (MB-02, MP-11): its stop, asked for from any thread and waking
 * a pause at once, and the wait after a broken connection: 5 s, doubling to 5 minutes, from 5 s again after a
 * connection that lasted a minute.
 */
final class WatchPacing {

    private static final Duration FIRST = Duration.ofSeconds(5);
    private static final Duration MAX = Duration.ofMinutes(5);
    private static final Duration LASTED = Duration.ofMinutes(1);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopping = lock.newCondition();
    private volatile boolean stopped;
    private Duration backoff = FIRST;

    boolean stopped() {
        return stopped;
    }

    /** Stops the watch: a pause in progress ends at once. */
    void stop() {
        stopped = true;
        lock.lock();
        try {
            stopping.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A connection served well: the next failure waits the first back-off. */
    void reset() {
        backoff = FIRST;
    }

    /**
     * The wait after a connection that began at {@code startedNanos} ({@link System#nanoTime}) broke: the first
     * back-off when it lasted, else the current one, which doubles for the next time.
     */
    Duration nextWait(long startedNanos) {
        if (Duration.ofNanos(System.nanoTime() - startedNanos).compareTo(LASTED) > 0) {
            backoff = FIRST;
        }
        Duration wait = backoff;
        backoff = backoff.multipliedBy(2).compareTo(MAX) > 0 ? MAX : backoff.multipliedBy(2);
        return wait;
    }

    /** Waits {@code wait}, less when the watch is stopped meanwhile; an interrupt stops it. */
    void pause(Duration wait) {
        lock.lock();
        try {
            long nanos = wait.toNanos();
            while (!stopped && nanos > 0) {
                nanos = stopping.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        } finally {
            lock.unlock();
        }
    }
}
