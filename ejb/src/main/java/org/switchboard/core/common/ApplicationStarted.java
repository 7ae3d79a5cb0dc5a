package org.switchboard.core.common;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;

/**
 * Whether the application has finished starting: the web module marks it when its context is up. The timers do
 * nothing before that: on Payara a timer's transaction that ran while the web module was still loading found the
 * transaction manager naming another transaction at its commit (XA end refused, a pooled connection lost each time,
 * the pool dry after about 30 deployments).
 */
@Singleton
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ApplicationStarted {

    private static final Logger LOG = Logger.getLogger(ApplicationStarted.class.getName());

    private volatile boolean started;

    /** The application serves from now on. */
    public void mark() {
        if (!started) {
            started = true;
            LOG.fine("Application started: the timers work from now on");
        }
    }

    /** Whether the application has finished starting. */
    public boolean started() {
        return started;
    }
}
