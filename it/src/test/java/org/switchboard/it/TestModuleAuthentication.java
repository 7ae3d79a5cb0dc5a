package org.switchboard.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The authentication of the in-container tests' web module ({@link Deployments#earWithTests(Class...)}): nobody signs
 * in there, Arquillian's test runner is called anonymously. The module needs a mechanism of its own because Payara
 * installs Jakarta Security's bridge into every web module of an application that has a mechanism, then looks the
 * mechanism up among the beans that module sees; the application's lives in its own web module, invisible to this
 * one, and each request failed with a NullPointerException in {@code HttpBridgeServerAuthModule.validateRequest}.
 */
@ApplicationScoped
public class TestModuleAuthentication implements HttpAuthenticationMechanism {

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        return context.doNothing();
    }
}
