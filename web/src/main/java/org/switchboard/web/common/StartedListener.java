package org.switchboard.web.common;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.switchboard.core.common.ApplicationStarted;

/** Tells the timers that the application has started once the web module's context is up (see ApplicationStarted). */
@WebListener
public class StartedListener implements ServletContextListener {

    @Inject
    private ApplicationStarted started;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        started.mark();
    }
}
