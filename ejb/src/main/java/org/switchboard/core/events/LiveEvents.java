package org.switchboard.core.events;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outbox's events that this node's publisher has in hand: committed and waiting to be published, or
 * published and not yet marked so. They are not left behind, however old: under a backlog the publisher can be later
 * than {@link OutboxRelay#LEFT_BEHIND}, and relaying its events too published them twice and added load to the
 * backlog (seen on WildFly: throughput fell to a tenth). Events that the publisher gives up (a failed send, a refused
 * task) go back to the relay.
 */
final class LiveEvents {

    private final Set<Long> ids = ConcurrentHashMap.newKeySet();

    /** The publisher has the events in hand. */
    void taken(Collection<Long> journalIds) {
        ids.addAll(journalIds);
    }

    /** The publisher is done with the events: marked published, or given up and so left to the relay. */
    void released(Collection<Long> journalIds) {
        ids.removeAll(journalIds);
    }

    /** Of the pending events the journal lists, those that no publisher of this node has in hand. */
    List<Long> leftBehind(List<Long> pending) {
        return pending.stream().filter(id -> !ids.contains(id)).toList();
    }

    int size() {
        return ids.size();
    }
}
