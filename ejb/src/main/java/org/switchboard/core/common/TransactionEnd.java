package org.switchboard.core.common;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Work to do when the caller's transaction ends: once it has committed (hand a message to a sender, start a fetch,
 * publish events), or whatever its outcome (forget a cached credential). Registered as an interposed synchronization,
 * so it runs after the transaction's resources are done.
 */
public final class TransactionEnd {

    private TransactionEnd() {
    }

    /** Runs the action once the current transaction has committed; not at all when it rolls back. */
    public static void afterCommit(TransactionSynchronizationRegistry transactions, Runnable action) {
        register(transactions, action, true);
    }

    /** Runs the action once the current transaction has ended, committed or rolled back. */
    public static void afterCompletion(TransactionSynchronizationRegistry transactions, Runnable action) {
        register(transactions, action, false);
    }

    private static void register(TransactionSynchronizationRegistry transactions, Runnable action,
            boolean committedOnly) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // everything happens after the completion
            }

            @Override
            public void afterCompletion(int status) {
                if (!committedOnly || status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
