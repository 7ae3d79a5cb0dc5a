package org.switchboard.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import org.switchboard.core.security.AuthenticatedCaller;
import org.switchboard.core.security.AuthenticationService;
import org.switchboard.core.security.SignInThrottle;
import org.switchboard.web.common.ErrorServlet;
import org.switchboard.web.common.Problems;
import org.switchboard.web.common.Texts;

/**
 * One authentication mechanism that chooses by path (X-02): HTTP Basic for {@code /api/**} (a 401 with a
 * problem+json body when missing or wrong), the login page for everything else (a protected page redirects there and,
 * after sign-in, back). A signed-in browser session serves both.
 *
 * <p>The session keeps only the login; the caller's groups are read from the database on every request, so a
 * revoked operation or a disabled user takes effect at once. (The container's own session registration,
 * {@code @AutoApplySession}, was measured on Payara to lose the groups of about one request in 250 under concurrent
 * load; this mechanism does not use it.) Basic calls are stateless and create no session.
 *
 * <p>Issue 18: every password check first asks {@link SignInThrottle}. A throttled API call answers 429 with
 * {@code Retry-After}, a throttled login page says when to try again; neither spends a PBKDF2 run. A session also
 * keeps the user's session generation from its sign-in and ends when it changes (a changed or reset password, a
 * disabled account).
 *
 * <p>Issue 18: {@code /api/**} also takes {@code Authorization: Bearer} with a personal API token, which signs the
 * call in as the token's user with the groups they hold now, statelessly like Basic. A refused token (malformed,
 * unknown, revoked, expired, or its user disabled) answers 401 with a Bearer challenge. Tokens are not throttled:
 * each is 256 random bits, which no number of guesses finds.
 */
@ApplicationScoped
public class SwitchboardAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The session attribute that keeps the page a visitor asked for before signing in. */
    public static final String ORIGINAL_URL = "org.switchboard.web.security.originalUrl";
    /** The session attribute that keeps the login of the signed-in user. */
    static final String SIGNED_IN = "org.switchboard.web.security.login";
    /** The session attribute that keeps the session generation of the user when they signed in. */
    static final String GENERATION = "org.switchboard.web.security.generation";
    /** The request attribute that tells the login page how long a throttled visitor must wait (a Duration). */
    static final String THROTTLED = ErrorServlet.THROTTLED;
    /** The request attribute that marks a call signed in by a personal API token (a Boolean). */
    static final String BY_TOKEN = "org.switchboard.web.security.byToken";
    public static final String LOGIN_PAGE = "/login.xhtml";
    private static final String BASIC = "Basic ";

    @Inject
    private IdentityStoreHandler identityStores;

    @Inject
    private AuthenticationService authentication;

    @Inject
    private SignInThrottle throttle;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        // Issue 18 item 5: also the answers written here, before any filter runs.
        SecurityHeadersFilter.putHeaders(response, null);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean api = path.startsWith("/api/");
        Credential credential = context.getAuthParameters().getCredential();
        if (!api && context.isAuthenticationRequest() && credential != null) {
            return signIn(request, context, credential);
        }
        String header = request.getHeader("Authorization");
        if (api && header != null && header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return basic(header.substring(BASIC.length()).trim(), request, response, context);
        }
        if (api && ErrorServlet.isBearer(header)) {
            String[] schemeAndToken = header.strip().split("\\s+", 2);
            return bearer(schemeAndToken.length == 2 ? schemeAndToken[1] : "", request, response, context);
        }
        Optional<AuthenticationStatus> session = fromSession(request, context);
        if (session.isPresent()) {
            return session.get();
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (api) {
            return unauthorized(response);
        }
        String query = request.getQueryString();
        request.getSession().setAttribute(ORIGINAL_URL, request.getRequestURI() + (query == null ? "" : "?" + query));
        SecurityHeadersFilter.defaultPolicyIfAbsent(response);
        return context.redirect(request.getContextPath() + LOGIN_PAGE);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SIGNED_IN);
            session.removeAttribute(GENERATION);
        }
        HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
    }

    /** The login page's sign-in: remembers the login and its session generation in the session. */
    private AuthenticationStatus signIn(HttpServletRequest request, HttpMessageContext context, Credential credential) {
        CredentialValidationResult result = validate(credential, request);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        String login = result.getCallerPrincipal().getName();
        Optional<Integer> generation = authentication.sessionGeneration(login);
        if (generation.isEmpty()) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        remember(request.getSession(), login, generation.get());
        return context.notifyContainerAboutLogin(result);
    }

    /** Keeps a signed-in user in a browser session, also after they changed their own password. */
    public static void remember(HttpSession session, String login, int generation) {
        session.setAttribute(SIGNED_IN, login);
        session.setAttribute(GENERATION, generation);
    }

    /**
     * Checks a login and password unless the throttle refuses the attempt first; a refusal is kept in the request
     * ({@value #THROTTLED}) and gives {@link CredentialValidationResult#NOT_VALIDATED_RESULT}.
     */
    private CredentialValidationResult validate(Credential credential, HttpServletRequest request) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        String address = request.getRemoteAddr();
        Optional<Duration> wait = throttle.tryAttempt(login.getCaller(), address);
        if (wait.isPresent()) {
            request.setAttribute(THROTTLED, wait.get());
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        CredentialValidationResult result = CredentialValidationResult.INVALID_RESULT;
        try {
            result = identityStores.validate(credential);
        } finally {
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                throttle.succeeded(login.getCaller(), address);
            } else {
                throttle.failed(login.getCaller(), address);
            }
        }
        return result;
    }

    /** A request of a signed-in browser: the login from the session, the groups as they are now. */
    private Optional<AuthenticationStatus> fromSession(HttpServletRequest request, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        Object login = session == null ? null : session.getAttribute(SIGNED_IN);
        if (!(login instanceof String name) || !(session.getAttribute(GENERATION) instanceof Integer generation)) {
            return Optional.empty();
        }
        Optional<Set<String>> groups = authentication.sessionGroups(name, generation);
        if (groups.isEmpty()) {
            session.removeAttribute(SIGNED_IN);
            session.removeAttribute(GENERATION);
            return Optional.empty();
        }
        return Optional.of(context.notifyContainerAboutLogin(name, groups.get()));
    }

    private AuthenticationStatus basic(String encoded, HttpServletRequest request, HttpServletResponse response,
                                       HttpMessageContext context) {
        UsernamePasswordCredential credential = decode(encoded);
        CredentialValidationResult result = credential == null
                ? CredentialValidationResult.INVALID_RESULT : validate(credential, request);
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            return context.notifyContainerAboutLogin(result);
        }
        return request.getAttribute(THROTTLED) instanceof Duration wait
                ? tooManyAttempts(request, response, wait) : unauthorized(response);
    }

    /** A personal API token (issue 18): nothing is kept, every call brings its token. */
    private AuthenticationStatus bearer(String token, HttpServletRequest request, HttpServletResponse response,
                                        HttpMessageContext context) {
        Optional<AuthenticatedCaller> caller = authentication.authenticateToken(token);
        if (caller.isEmpty()) {
            SecurityHeadersFilter.defaultPolicyIfAbsent(response);
            try {
                ErrorServlet.problem(request, response, HttpServletResponse.SC_UNAUTHORIZED);
            } catch (IOException e) {
                // The client went away; the status is already set.
            }
            return AuthenticationStatus.SEND_FAILURE;
        }
        request.setAttribute(BY_TOKEN, Boolean.TRUE);
        return context.notifyContainerAboutLogin(caller.get().login(), caller.get().groups());
    }

    private static UsernamePasswordCredential decode(String encoded) {
        try {
            String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 1 ? null : new UsernamePasswordCredential(pair.substring(0, colon), pair.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** 429 with Retry-After: the throttle refused the attempt without checking the password (issue 18). */
    private static AuthenticationStatus tooManyAttempts(HttpServletRequest request, HttpServletResponse response,
                                                        Duration wait) {
        String key = "login.error.throttledSeconds";
        String detail = Texts.format(Texts.firstSupported(Collections.list(request.getLocales())), key,
                wait.toSeconds());
        SecurityHeadersFilter.defaultPolicyIfAbsent(response);
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(wait.toSeconds()));
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        try {
            response.getWriter().write(Problems.of(Response.Status.TOO_MANY_REQUESTS, key, detail).getEntity()
                    .toString());
        } catch (IOException e) {
            // The client went away; the status is already set.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static AuthenticationStatus unauthorized(HttpServletResponse response) {
        SecurityHeadersFilter.defaultPolicyIfAbsent(response);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"Switchboard\", charset=\"UTF-8\"");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        try {
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"Sign in with HTTP Basic: a valid Switchboard login and password.\"}");
        } catch (IOException e) {
            // The client went away; the status is already set.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
