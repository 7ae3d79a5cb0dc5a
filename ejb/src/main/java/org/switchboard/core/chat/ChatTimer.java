package org.switchboard.core.chat;

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
import org.switchboard.core.common.ApplicationStarted;

/**
 * Ticks every second (CH-04, CH-05, CH-08): asks {@link ChatTimeouts} for the work that fell due. Non-persistent: the
 * deadlines live in the chats, so a restart loses nothing, and on several nodes each node ticks while the rows decide
 * who does the work.
 */
@Singleton
// Created at deployment, not by its first tick: Payara's undeploy walks the singletons created so far without a lock,
// and one created by a tick meanwhile failed it (ConcurrentModificationException); every later deployment of the
// application then refused all sign-ins.
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ChatTimer {

    private static final Logger LOG = Logger.getLogger(ChatTimer.class.getName());

    private final AtomicBoolean running = new AtomicBoolean();

    @Inject
    private ApplicationStarted started;

    @Inject
    private ChatTimeouts timeouts;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "chat timeouts")
    public void tick() {
        if (!started.started()) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            timeouts.processDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Chat timer tick failed; the next tick retries", e);
        } finally {
            running.set(false);
        }
    }
}
