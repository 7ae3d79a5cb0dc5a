package org.switchboard.core.inbound;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit for the inbound queue's consumers. Each consumer thread hands in its message and waits; one of
 * the waiting threads at a time (the leader) takes everything handed in so far and processes it in one transaction,
 * then completes all of their futures. A consumer returns, and so acknowledges its JMS message, only after its
 * message is committed: nothing is lost. Under load the batches grow by themselves up to the number of consumers;
 * alone, a message is processed at once.
 */
@ApplicationScoped
public class InboundBatcher {

    private static final Logger LOG = Logger.getLogger(InboundBatcher.class.getName());
    static final int BATCH_MAX = 200;
    private static final int RETRIES = 3;
    private static final long FOLLOWER_WAIT_MILLIS = 20;

    private final ConcurrentLinkedQueue<InboundItem> pending = new ConcurrentLinkedQueue<>();
    private final ReentrantLock leader = new ReentrantLock();

    @Inject
    private InboundProcessor processor;

    /** Processes the item, possibly together with others; returns once it is committed (or dead-lettered). */
    public void submit(InboundItem item) {
        pending.add(item);
        while (!item.done().isDone()) {
            if (leader.tryLock()) {
                try {
                    // Lead until nothing is waiting: hand-overs between threads cost more than they save.
                    while (!pending.isEmpty()) {
                        runOneBatch();
                    }
                } finally {
                    leader.unlock();
                }
            } else {
                try {
                    // The leader completes this item; the timeout only covers an item added as a leader stopped.
                    item.done().get(FOLLOWER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // not done yet (or failed: reported below); try to lead
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while the inbound message was processed", e);
                }
            }
        }
        item.done().join();
    }

    private void runOneBatch() {
        List<InboundItem> batch = new ArrayList<>();
        InboundItem next;
        while (batch.size() < BATCH_MAX && (next = pending.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            processor.processBatch(batch);
            batch.forEach(i -> i.done().complete(null));
        } catch (EJBException | IllegalStateException e) {
            // A conflict or a constraint in one message must not cost the others: each alone, then dead letter.
            LOG.log(Level.FINE, "Batch of " + batch.size() + " failed; retrying one by one", e);
            batch.forEach(this::processAlone);
        }
    }

    private void processAlone(InboundItem item) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= RETRIES; attempt++) {
            try {
                processor.processBatch(List.of(item));
                item.done().complete(null);
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        try {
            processor.failed(item, describe(last));
            item.done().complete(null);
        } catch (RuntimeException e) {
            // Not even a dead letter can be stored (database down?): fail, so that the broker redelivers.
            LOG.log(Level.WARNING, "Inbound " + item.type() + " could not be stored nor dead-lettered", e);
            item.done().completeExceptionally(e);
        }
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
