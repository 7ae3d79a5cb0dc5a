package org.switchboard.core.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Graph's limit of concurrent requests per app and mailbox (MB-02, EC-01), one for the whole application: the mail
 * and the contact client take their calls' slots here, so that together they never have more than
 * {@value #CONCURRENT_PER_MAILBOX} requests of one mailbox running at Graph, however the mailbox is reached.
 */
@ApplicationScoped
public class GraphRequestSlots {

    /** Graph's throttling limit for Outlook: 4 concurrent requests per app per mailbox. */
    public static final int CONCURRENT_PER_MAILBOX = 4;
    /** How long a call waits for a slot of its mailbox before it counts as unavailable. */
    private static final Duration SLOT_WAIT = Duration.ofMinutes(2);

    private final ConcurrentMap<String, Semaphore> slots = new ConcurrentHashMap<>();

    /**
     * One of the mailbox's slots, once free; the caller releases it when the answer has been read.
     *
     * @throws GraphException {@link GraphException.Outcome#UNAVAILABLE} when none came free in time
     */
    public Semaphore acquire(GraphMailbox mailbox) {
        Semaphore slot = slots.computeIfAbsent(mailbox.limitKey(), k -> new Semaphore(CONCURRENT_PER_MAILBOX, true));
        try {
            if (!slot.tryAcquire(SLOT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new GraphException(GraphException.Outcome.UNAVAILABLE, "The mailbox's "
                        + CONCURRENT_PER_MAILBOX + " Graph request slots stayed busy for " + SLOT_WAIT.toMinutes()
                        + " minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(GraphException.Outcome.UNAVAILABLE, "Interrupted while waiting for a Graph slot");
        }
        return slot;
    }
}
