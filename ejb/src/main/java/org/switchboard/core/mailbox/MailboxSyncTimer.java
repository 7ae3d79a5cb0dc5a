package org.switchboard.core.mailbox;

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
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.core.common.ApplicationStarted;

/**
 * Ticks every ten seconds (MB-02): renews the claims of this node's running syncs, then starts a background sync of
 * each mailbox that is due, by {@code MailboxSyncInterval} or because its owner asked. At its start it releases the
 * claims an earlier run of this node left behind, and the mail spools it left. Each tick also starts and stops the IMAP IDLE watches
 * ({@link MailboxIdleWatchers}). Non-persistent: the schedule lives in the mailboxes, and
 * on several nodes the claim on each mailbox decides which node syncs it.
 */
@Singleton
// Created at deployment, not by its first tick (see ChatTimer).
@Startup
// Its @PostConstruct writes to the schema that FlywayMigrator brings up to date.
@DependsOn("FlywayMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailboxSyncTimer {

    private static final Logger LOG = Logger.getLogger(MailboxSyncTimer.class.getName());

    @Inject
    private ApplicationStarted started;

    @Inject
    private MailboxSyncService syncs;

    @Inject
    private ImapConnections connections;

    @Inject
    private MailboxIdleWatchers watchers;

    /**
     * A sync this node was running when it crashed resumes now, not when its claim expires, and the files it was
     * spooling are deleted.
     */
    @PostConstruct
    // Said on the method: Payara runs a singleton's @PostConstruct in a transaction unless the method itself says not
    // to, and this one's REQUIRES_NEW commit then failed (XA end refused, a pooled connection lost).
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void start() {
        try {
            syncs.releaseDeadClaims();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not release this node's earlier sync claims; they expire within "
                    + MailboxSyncService.CLAIM.toSeconds() + " s", e);
        }
        syncs.clearSpoolLeftovers();
    }

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false, info = "mailbox sync")
    public void tick() {
        if (!started.started()) {
            return;
        }
        try {
            syncs.renewClaims();
            syncs.dispatchDue();
            connections.closeExpired();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Mailbox sync tick failed; the next tick retries", e);
        }
        try {
            watchers.refresh();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Updating the IMAP IDLE watches failed; the next tick retries", e);
        }
    }
}
