package org.switchboard.web.common;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.Serial;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;

/**
 * The error page of every status the container itself sends: a REST caller gets {@code application/problem+json}
 * (WildFly's security layer answers a refused Basic login by {@code sendError}), a browser the error page in its
 * language. Never a stack trace. A 401 challenges the scheme the caller tried: Bearer for a personal API token
 * (issue 18), Basic otherwise.
 */
@WebServlet("/errors/status")
public class ErrorServlet extends HttpServlet {

    @Serial
    private static final long serialVersionUID = 1L;
    /** The request attribute in which the sign-in throttle leaves how long to wait (a {@link Duration}). */
    public static final String THROTTLED = "org.switchboard.web.security.throttled";
    private static final int TOO_MANY_REQUESTS = 429;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path && path.startsWith(request.getContextPath() + "/api/")) {
            problem(request, response, status);
            return;
        }
        String page = switch (status) {
            case HttpServletResponse.SC_FORBIDDEN, HttpServletResponse.SC_UNAUTHORIZED -> "/errors/403.xhtml";
            case HttpServletResponse.SC_NOT_FOUND, HttpServletResponse.SC_METHOD_NOT_ALLOWED -> "/errors/404.xhtml";
            default -> "/errors/500.xhtml";
        };
        request.getRequestDispatcher(page).forward(request, response);
    }

    /**
     * Answers a REST call with a problem of that status in the caller's language. A 401 to a call that brought a
     * Bearer token says that the token was refused and challenges Bearer (RFC 6750), so that both servers answer the
     * same whether the authentication mechanism wrote the answer or the container's error dispatch did.
     */
    public static void problem(HttpServletRequest request, HttpServletResponse response, int status)
            throws IOException {
        Locale locale = Texts.firstSupported(Collections.list(request.getLocales()));
        Response.Status type = Response.Status.fromStatusCode(status);
        boolean bearer = status == HttpServletResponse.SC_UNAUTHORIZED && isBearer(request.getHeader("Authorization"));
        String key = bearer ? "error.apiToken.invalid" : "error.http." + status;
        String detail = Texts.format(locale, key);
        String title = type == null ? "Error" : type.getReasonPhrase();
        if (detail.equals(key)) {
            key = "error.unexpected";
            detail = title;
        }
        if (status == TOO_MANY_REQUESTS && request.getAttribute(THROTTLED) instanceof Duration wait) {
            // Issue 18: WildFly sends the sign-in throttle's 429 here; it keeps its wait and Retry-After.
            key = "login.error.throttledSeconds";
            detail = Texts.format(locale, key, wait.toSeconds());
            response.setHeader("Retry-After", Long.toString(wait.toSeconds()));
        }
        response.setStatus(status);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", bearer ? "Bearer realm=\"Switchboard\", error=\"invalid_token\""
                    : "Basic realm=\"Switchboard\", charset=\"UTF-8\"");
        }
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Problems.of(type == null ? Response.Status.INTERNAL_SERVER_ERROR : type, key, detail)
                .getEntity().toString());
    }

    /**
     * Whether an {@code Authorization} header names the Bearer scheme (issue 18), with a token or without one (a
     * server drops the trailing space of "Bearer ").
     */
    public static boolean isBearer(String authorization) {
        return authorization != null && authorization.strip().split("\\s+", 2)[0].equalsIgnoreCase("Bearer");
    }
}
