package org.switchboard.core.events;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.core.common.ApplicationStarted;

/**
 * The outbox's clock: every second it marks what was published; every ten seconds it records that this node
 * is alive and has {@link OutboxRelay} publish the events left pending (this node's, and those of silent nodes).
 * Non-persistent: on several nodes each node ticks, and the journal rows' owners decide who publishes what.
 */
@Singleton
// Created at deployment, not by its first tick (see ChatTimer).
@Startup
// Its @PostConstruct writes to the schema that FlywayMigrator brings up to date.
@DependsOn("FlywayMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EventRelayTimer {

    private static final Logger LOG = Logger.getLogger(EventRelayTimer.class.getName());
    private static final int RELAY_EVERY = 10;

    private final AtomicBoolean running = new AtomicBoolean();
    private int ticks;

    @Inject
    private ApplicationStarted started;

    @Inject
    private OutboxRelay relay;

    @Inject
    private NodeHeartbeats heartbeats;

    /** The node's row exists from its start, before the first tick (see {@link NodeHeartbeats}). */
    @PostConstruct
    // Said on the method: Payara runs a singleton's @PostConstruct in a transaction unless the method itself says not
    // to, and this one's REQUIRES_NEW commit then failed (XA end refused, a pooled connection lost).
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void start() {
        beat();
    }

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "event relay")
    public void tick() {
        if (!started.started()) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            try {
                relay.markPublished();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Marking published events failed; the next tick retries", e);
            }
            // The heartbeat and the relay of events left behind fail apart: a node whose heartbeat fails still
            // relays its own pending events.
            if (ticks++ % RELAY_EVERY == 0) {
                beat();
                try {
                    relay.relayLeftBehind();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Relaying events left behind failed; the next relay tick retries", e);
                }
            }
        } finally {
            running.set(false);
        }
    }

    private void beat() {
        try {
            heartbeats.beat();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "This node's heartbeat failed; the next relay tick retries", e);
        }
    }
}
