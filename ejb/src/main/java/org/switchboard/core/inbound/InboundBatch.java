package org.switchboard.core.inbound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The inbound items processed in one transaction, as the handlers see it: how many there are, a place for what
 * a handler reads once per batch and shares between its messages, and work to do once the batch has committed.
 */
public final class InboundBatch {

    private static final Logger LOG = Logger.getLogger(InboundBatch.class.getName());

    private final int size;
    private final Map<Object, Object> shared = new HashMap<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    public InboundBatch(int size) {
        this.size = size;
    }

    /** More than one item: the handlers may trust what this node remembers (a single item trusts the database). */
    public boolean isBatch() {
        return size > 1;
    }

    /** The value a handler keeps for the whole batch under its key, created on first use. */
    @SuppressWarnings("unchecked")
    public <T> T shared(Object key, Supplier<T> create) {
        return (T) shared.computeIfAbsent(key, k -> create.get());
    }

    /** Runs the action once the batch's transaction has committed (not at all if it rolls back). */
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /** The batch committed: runs what the handlers asked for; one failing action does not stop the others. */
    void committed() {
        for (Runnable action : afterCommit) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "An action after an inbound batch's commit failed", e);
            }
        }
    }
}
