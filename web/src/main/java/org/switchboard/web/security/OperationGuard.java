package org.switchboard.web.security;

import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.List;
import java.util.logging.Logger;
import org.switchboard.web.common.Problems;
import org.switchboard.web.common.Texts;

/**
 * Checks the system operation of a resource method (X-02, issue 18) before its body is read, where the service's own
 * {@code @RolesAllowed} answers only after the resource has read and checked the body: AuthorizationMatrixIT found
 * callers without the operation told 400 "version: enter a value" instead of 403. A resource class or method says
 * its operation with {@code @RolesAllowed} like the service it calls ({@code @PermitAll} on a method lifts the
 * class's); the servers do not enforce it on a CDI resource, this filter does, and the service still guards itself.
 */
@Provider
public class OperationGuard implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        if (method.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        RolesAllowed allowed = method.isAnnotationPresent(RolesAllowed.class)
                ? method.getAnnotation(RolesAllowed.class)
                : resource.getResourceClass().getAnnotation(RolesAllowed.class);
        if (allowed != null) {
            context.register(new Check(List.of(allowed.value())));
        }
    }

    /**
     * Refuses a caller who holds none of the operations with the 403 problem the services' refusals give. Just before
     * {@link Priorities#AUTHORIZATION}: Payara's Jersey also checks {@code @RolesAllowed} on the resource at that
     * priority, and of two filters of one priority either may run first; its refusal is a bare 403 that names no
     * operation and is not logged (SecurityIT saw it once on Payara).
     */
    @Priority(Priorities.AUTHORIZATION - 1)
    public static final class Check implements ContainerRequestFilter {

        private static final Logger LOG = Logger.getLogger(OperationGuard.class.getName());

        private final List<String> operations;

        Check(List<String> operations) {
            this.operations = operations;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (operations.stream().noneMatch(request.getSecurityContext()::isUserInRole)) {
                // The refusal is recorded with the real caller, as the container's refusal of a service call was.
                Principal caller = request.getSecurityContext().getUserPrincipal();
                LOG.info(() -> "Refused " + request.getMethod() + " " + request.getUriInfo().getRequestUri().getPath() + " to "
                        + (caller == null ? "an unauthenticated caller" : "'" + caller.getName() + "'")
                        + ": it needs " + String.join(" or ", operations));
                request.abortWith(Problems.forbidden(Texts.firstSupported(request.getAcceptableLanguages())));
            }
        }
    }
}
