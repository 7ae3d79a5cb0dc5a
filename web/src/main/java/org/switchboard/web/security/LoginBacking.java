package org.switchboard.web.security;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.security.AuthenticationService;

/**
 * The login page: signs the visitor in through the application's authentication mechanism and sends them on
 * to the page they asked for, in the language they chose before; and signs them out.
 */
@Named
@RequestScoped
public class LoginBacking {

    @Inject
    private SecurityContext securityContext;

    @Inject
    private AuthenticationService authentication;

    @Inject
    private LocaleBacking localeBacking;

    private String login;

    private String password;

    public void signIn() throws IOException {
        HttpServletRequest request = Faces.getRequest();
        AuthenticationStatus status = securityContext.authenticate(request, Faces.getResponse(),
                withParams().credential(new FormCredential(login, password)).newAuthentication(true));
        if (status == AuthenticationStatus.SEND_CONTINUE) {
            Faces.responseComplete();
            return;
        }
        if (status != AuthenticationStatus.SUCCESS) {
            if (request.getAttribute(SwitchboardAuthenticationMechanism.THROTTLED) instanceof Duration wait) {
                long seconds = wait.toSeconds();
                if (seconds <= 120) {
                    Messages.addGlobalError("login.error.throttledSeconds", seconds);
                } else {
                    Messages.addGlobalError("login.error.throttledMinutes", (seconds + 59) / 60);
                }
            } else {
                Messages.addGlobalError("login.error.invalid");
            }
            Faces.validationFailed();
            return;
        }
        request.changeSessionId();
        localeBacking.applySaved(authentication.locale(login).orElse(null), Faces.getResponse());
        HttpSession session = request.getSession();
        Object original = session.getAttribute(SwitchboardAuthenticationMechanism.ORIGINAL_URL);
        session.removeAttribute(SwitchboardAuthenticationMechanism.ORIGINAL_URL);
        String target = original instanceof String url && url.startsWith(request.getContextPath() + "/")
                ? url : request.getContextPath() + "/";
        Faces.redirect(target);
    }

    public void signOut() throws IOException, jakarta.servlet.ServletException {
        Faces.getRequest().logout();
        Faces.invalidateSession();
        Faces.redirect(Faces.getRequestContextPath() + SwitchboardAuthenticationMechanism.LOGIN_PAGE);
    }

    public String getLogin() {
        return login;
    }

    public void setLogin(String login) {
        this.login = login;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
