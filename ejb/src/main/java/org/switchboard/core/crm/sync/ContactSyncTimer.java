package org.switchboard.core.crm.sync;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.core.common.ApplicationStarted;

/**
 * Ticks every ten seconds (EC-03): starts a background contact sync of each mailbox whose sync is asked for or due by
 * {@code MailboxSyncInterval}. Non-persistent: the schedule lives in the mailboxes' contact syncs, and on several
 * nodes the claim on each decides which node runs it.
 */
@Singleton
// Created at deployment, not by its first tick (see ChatTimer: Payara's undeploy and a singleton a tick creates).
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ContactSyncTimer {

    private static final Logger LOG = Logger.getLogger(ContactSyncTimer.class.getName());

    @Inject
    private ApplicationStarted started;

    @Inject
    private ContactSyncService syncs;

    /** A run this node was doing when it was killed resumes now, not when its claim expires. */
    @PostConstruct
    // Said on the method: Payara runs a singleton's @PostConstruct in a transaction unless the method says not to.
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void start() {
        try {
            syncs.releaseDeadClaims();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not release this node's earlier contact sync claims; they expire within "
                    + ContactSyncService.CLAIM.toSeconds() + " s", e);
        }
    }

    @Schedule(hour = "*", minute = "*", second = "5/10", persistent = false, info = "contact sync")
    public void tick() {
        if (!started.started()) {
            return;
        }
        try {
            syncs.dispatchDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Contact sync tick failed; the next tick retries", e);
        }
    }
}
