package org.switchboard.core.common;

import jakarta.ejb.EJBContext;
import java.security.Principal;

/** Names the caller of a service method for audit columns and events; {@value #SYSTEM} when nobody is signed in. */
public final class Callers {

    /** The actor recorded for work done by the application itself (start-up, timers, message consumers). */
    public static final String SYSTEM = "system";

    private Callers() {
    }

    /** The caller's login, or {@value #SYSTEM} for an unauthenticated call (Payara: null/ANONYMOUS, WildFly: anonymous). */
    public static String login(EJBContext context) {
        Principal principal = context.getCallerPrincipal();
        if (principal == null) {
            return SYSTEM;
        }
        String name = principal.getName();
        if (name == null || name.isBlank() || "ANONYMOUS".equals(name) || "anonymous".equals(name)) {
            return SYSTEM;
        }
        return name;
    }
}
