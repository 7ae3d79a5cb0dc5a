package org.switchboard.web.chat;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the panels' push working after Switchboard is redeployed on a running Payara (CH-12). Mojarra's web socket
 * endpoint finds its session registry through a static field, {@code WebsocketSessionManager.instance}, set at the
 * first web socket a deployment opened; Mojarra is a module of the server, so the field outlives the deployment.
 * Seen on Payara: after a deployment in which an administrator had the chats panel open, the next deployment's
 * {@link PanelPush} found no session for any operator (0 for every push, logged) and their panels never showed a new
 * chat; with the field cleared when the application starts and stops they did (issue 18, stop 31 note). A redeploy
 * alone, with an operator's panel open before it, did not reproduce it, so what else it takes is not known. Clearing
 * makes the endpoint look the registry up again, lazily, in the deployment that runs. Where the field does not exist
 * (another Faces implementation, a later Mojarra) nothing is done.
 */
@WebListener
public class FacesPushAfterRedeploy implements ServletContextListener {

    static final String MANAGER = "com.sun.faces.push.WebsocketSessionManager";
    static final String FIELD = "instance";

    private static final Logger LOG = Logger.getLogger(FacesPushAfterRedeploy.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        forget("started");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        forget("stopped");
    }

    /** Clears Mojarra's cached registry, if this Mojarra caches one. */
    static void forget(String when) {
        Field instance = cachedRegistry(Thread.currentThread().getContextClassLoader());
        if (instance == null) {
            return;
        }
        try {
            if (instance.get(null) != null) {
                instance.set(null, null);
                LOG.info(() -> "Faces push: the web socket registry of an earlier deployment was forgotten as the "
                        + "application " + when);
            }
        } catch (IllegalAccessException | RuntimeException e) {
            LOG.log(Level.WARNING, "Faces push: the web socket registry of an earlier deployment could not be "
                    + "forgotten; after a redeploy, restart the server if the panels stop updating", e);
        }
    }

    /** The static field, accessible, or {@code null} when this Faces implementation has none. */
    static Field cachedRegistry(ClassLoader loader) {
        try {
            Field field = Class.forName(MANAGER, false, loader).getDeclaredField(FIELD);
            if (!Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
                return null;
            }
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null; // not Mojarra, or a Mojarra without the cache
        }
    }
}
