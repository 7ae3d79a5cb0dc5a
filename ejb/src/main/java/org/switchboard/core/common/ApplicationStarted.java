package org.switchboard.core.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;

/**
 * Whether the application has finished starting: the web module marks it when its context is up, and the timers do
 * nothing before that, so that no tick works on a half-started application (the EJB module's timers start ticking
 * while the web module still loads). A CDI bean, not an EJB: the timers ask it every tick, and on Payara a singleton
 * EJB's business method that a timer called before a REQUIRES_NEW call broke that call's commit (XA end refused, a
 * pooled connection lost).
 */
@ApplicationScoped
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
