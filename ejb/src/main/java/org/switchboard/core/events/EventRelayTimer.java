package org.switchboard.core.events;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The outbox's clock: every second it marks what was published; every ten seconds it records that this node
 * is alive and has {@link OutboxRelay} publish the events left pending (this node's, and those of silent nodes).
 * Non-persistent: on several nodes each node ticks, and the journal rows' owners decide who publishes what.
 */
@Singleton
// Created at deployment, not by its first tick (see ChatTimer).
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EventRelayTimer {

    private static final Logger LOG = Logger.getLogger(EventRelayTimer.class.getName());
    private static final int RELAY_EVERY = 10;

    private final AtomicBoolean running = new AtomicBoolean();
    private int ticks;

    @Inject
    private OutboxRelay relay;

    @Inject
    private NodeHeartbeats heartbeats;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "event relay")
    public void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            relay.markPublished();
            if (ticks++ % RELAY_EVERY == 0) {
                heartbeats.beat();
                relay.relayLeftBehind();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Event relay tick failed; the next tick retries", e);
        } finally {
            running.set(false);
        }
    }
}
