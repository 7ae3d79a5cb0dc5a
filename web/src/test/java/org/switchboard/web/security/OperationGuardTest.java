package org.switchboard.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.web.crm.ContactsResource;

/** The operation check of resource methods before their body is read (X-02, issue 18), with hand-written fakes. */
class OperationGuardTest {

    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(OperationGuardTest.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    /** The filters the guard registers for one resource method. */
    private static List<Object> registered(Class<?> resource, String method, Class<?>... parameters)
            throws NoSuchMethodException {
        Method resourceMethod = resource.getMethod(method, parameters);
        ResourceInfo info = fake(ResourceInfo.class, (proxy, called, args) ->
                "getResourceMethod".equals(called.getName()) ? resourceMethod : resource);
        List<Object> filters = new ArrayList<>();
        FeatureContext context = fake(FeatureContext.class, (proxy, called, args) -> {
            filters.add(args[0]);
            return proxy;
        });
        new OperationGuard().configure(info, context);
        return filters;
    }

    /** What the filter answers to a caller in these groups: the response it aborts with, or null to let them on. */
    private static Object answer(ContainerRequestFilter filter, Set<String> groups) throws Exception {
        SecurityContext security = fake(SecurityContext.class, (proxy, called, args) ->
                "isUserInRole".equals(called.getName()) ? groups.contains((String) args[0]) : null);
        Object[] aborted = new Object[1];
        ContainerRequestContext request = fake(ContainerRequestContext.class, (proxy, called, args) -> switch (
                called.getName()) {
            case "getSecurityContext" -> security;
            case "getAcceptableLanguages" -> List.of(Locale.ENGLISH);
            case "abortWith" -> {
                aborted[0] = args[0];
                yield null;
            }
            default -> throw new UnsupportedOperationException(called.getName());
        });
        filter.filter(request);
        return aborted[0];
    }

    @Test
    @DisplayName("X-02 issue 18: a method of a resource that names its operation gets a check that lets a holder on "
            + "(the refusal, a 403 problem, is built by the JAX-RS runtime: AuthorizationMatrixIT)")
    void classOperation() throws Exception {
        List<Object> filters = registered(RolesResource.class, "list");

        assertEquals(1, filters.size());
        assertNull(answer((ContainerRequestFilter) filters.get(0), Set.of("CanManageAdministration")));
        assertNull(answer((ContainerRequestFilter) registered(UserApiTokensResource.class, "list", long.class).get(0),
                Set.of("Administrators")));
    }

    @Test
    @DisplayName("X-02 issue 18: @PermitAll on a method lifts its class's operation (the caller's own account), and a "
            + "resource that names none is left to its service")
    void permitted() throws Exception {
        assertEquals(List.of(), registered(UsersResource.class, "me"));
        assertEquals(List.of(), registered(ContactsResource.class, "get", long.class, String.class));
    }
}
