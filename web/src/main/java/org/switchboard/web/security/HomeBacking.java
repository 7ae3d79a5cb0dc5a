package org.switchboard.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.switchboard.core.common.Operations;

/** The start page's only decision: administrators go to the designer, everybody else to their profile. */
@Named
@RequestScoped
public class HomeBacking {

    @Inject
    private SecurityContext security;

    public String start() {
        return security.isCallerInRole(Operations.CAN_MANAGE_ADMINISTRATION)
                ? "/designer/settings?faces-redirect=true" : "/profile?faces-redirect=true";
    }
}
