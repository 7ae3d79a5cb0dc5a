package org.switchboard.core.mailbox;

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
 * Ticks every 20 seconds (MB-03, X-03): gives every PENDING send older than a minute another attempt, so that a send
 * survives a restart and a server that was briefly unreachable. Non-persistent: the pending sends live in the
 * database, and on several nodes the claim on each e-mail decides which node sends it.
 */
@Singleton
// Created at deployment, not by its first tick (see ChatTimer).
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailSendTimer {

    private static final Logger LOG = Logger.getLogger(MailSendTimer.class.getName());

    @Inject
    private ApplicationStarted started;

    @Inject
    private MailSender sender;

    @Schedule(hour = "*", minute = "*", second = "*/20", persistent = false, info = "mail send retry")
    public void tick() {
        if (!started.started()) {
            return;
        }
        try {
            sender.retryDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Mail send tick failed; the next tick retries", e);
        }
    }
}
