package org.switchboard.core.mailbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mailboxes whose sync runs on this node right now (MB-02): the sync timer renews their claims every tick, so
 * that a claim lives exactly as long as its run, and expires within {@link MailboxSyncService#CLAIM} of the node
 * dying with it.
 */
@ApplicationScoped
public class MailboxSyncRuns {

    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    void started(long mailboxId) {
        running.add(mailboxId);
    }

    void ended(long mailboxId) {
        running.remove(mailboxId);
    }

    /** A snapshot of the running mailboxes' ids. */
    List<Long> ids() {
        return List.copyOf(running);
    }
}
