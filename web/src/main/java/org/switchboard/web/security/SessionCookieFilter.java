package org.switchboard.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serial;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.switchboard.core.channel.SiteUrls;

/**
 * Completes the session cookie (X-02, issue 18): {@code SameSite=Lax}, so that other sites' requests (their forms'
 * POSTs, their frames, their scripts) do not carry it, and {@code Secure} when the browser is on https, so that it
 * never travels over plain http afterwards, while the local run over http keeps working. The browser is on https when
 * the request came over https, or when it was addressed to the host and port of an https {@code SiteUrl} (a proxy in
 * front ended TLS). {@code HttpOnly} comes from web.xml.
 *
 * <p>Neither server applies Servlet 6's cookie attributes of web.xml, and the servlet API has no setting per request,
 * so the cookie is completed where the application creates a session or changes its id (the sign-in): a container
 * that keeps the cookie as a header (Payara, which marks https requests' cookies {@code Secure} itself) has that
 * header completed in place; one that keeps it apart (WildFly) gets it issued again, which replaces its own, without
 * its route suffix ({@code .node}), which a single node does not need. A session that the authentication mechanism
 * creates before this filter (the page a visitor asked for before signing in) keeps the container's cookie until the
 * sign-in changes its id.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SessionCookieFilter extends HttpFilter {

    /** The {@code SameSite} mode of the session cookie: sent on links from other sites, not on their POSTs. */
    public static final String SAME_SITE = "Lax";
    @Serial
    private static final long serialVersionUID = 1L;
    private static final String SET_COOKIE = "Set-Cookie";
    private static final String DEFAULT_NAME = "JSESSIONID";
    private static final int HTTPS_PORT = 443;

    @Inject
    private transient SiteUrls siteUrls;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(new SessionRequest(request, response), response);
    }

    /**
     * Whether the browser that sent a request is on https: the request came over https, or its {@code Host} header
     * names the host and port of an https {@code SiteUrl} (a missing port being https's).
     *
     * @param host    the request's {@code Host} header, may be null
     * @param siteUrl {@code SiteUrl}, if set (read only when the request itself is not over https)
     */
    static boolean browserOnHttps(boolean requestSecure, String host, Supplier<Optional<String>> siteUrl) {
        if (requestSecure) {
            return true;
        }
        Optional<URI> addressed = Optional.ofNullable(host).flatMap(value -> uri("https://" + value.strip()))
                .filter(uri -> uri.getHost() != null);
        if (addressed.isEmpty()) {
            return false;
        }
        return siteUrl.get().flatMap(SessionCookieFilter::uri)
                .filter(site -> "https".equalsIgnoreCase(site.getScheme()) && site.getHost() != null)
                .filter(site -> site.getHost().equalsIgnoreCase(addressed.get().getHost())
                        && httpsPort(site) == httpsPort(addressed.get()))
                .isPresent();
    }

    /** A {@code Set-Cookie} header with {@code SameSite} (unless it names one) and, if asked, {@code Secure}. */
    static String completed(String header, boolean secure) {
        String result = header;
        if (!hasAttribute(header, "SameSite")) {
            result += "; SameSite=" + SAME_SITE;
        }
        if (secure && !hasAttribute(header, "Secure")) {
            result += "; Secure";
        }
        return result;
    }

    private static boolean hasAttribute(String header, String name) {
        return Arrays.stream(header.split(";")).skip(1).map(attribute -> attribute.split("=", 2)[0].strip())
                .anyMatch(name::equalsIgnoreCase);
    }

    private static int httpsPort(URI uri) {
        return uri.getPort() < 0 ? HTTPS_PORT : uri.getPort();
    }

    private static Optional<URI> uri(String value) {
        try {
            return Optional.of(new URI(value));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The request as the application sees it: completes the session cookie where the container issues it. */
    private final class SessionRequest extends HttpServletRequestWrapper {

        private final HttpServletResponse response;
        private String completedId;

        SessionRequest(HttpServletRequest request, HttpServletResponse response) {
            super(request);
            this.response = response;
        }

        @Override
        public HttpSession getSession() {
            return getSession(true);
        }

        @Override
        public HttpSession getSession(boolean create) {
            HttpSession session = super.getSession(create);
            if (session != null && session.isNew()) {
                complete(session.getId());
            }
            return session;
        }

        @Override
        public String changeSessionId() {
            String id = super.changeSessionId();
            complete(id);
            return id;
        }

        private void complete(String id) {
            if (id.equals(completedId) || response.isCommitted()) {
                return;
            }
            completedId = id;
            SessionCookieConfig config = getServletContext().getSessionCookieConfig();
            String name = config.getName() == null ? DEFAULT_NAME : config.getName();
            boolean secure = browserOnHttps(isSecure(), getHeader("Host"), siteUrls::configured);
            List<String> headers = new ArrayList<>(response.getHeaders(SET_COOKIE));
            for (int i = 0; i < headers.size(); i++) {
                if (headers.get(i).startsWith(name + "=" + id)) {
                    headers.set(i, completed(headers.get(i), secure));
                    response.setHeader(SET_COOKIE, headers.get(0));
                    headers.stream().skip(1).forEach(header -> response.addHeader(SET_COOKIE, header));
                    return;
                }
            }
            Cookie cookie = new Cookie(name, id);
            cookie.setPath(config.getPath() != null ? config.getPath()
                    : getContextPath().isEmpty() ? "/" : getContextPath());
            if (config.getDomain() != null) {
                cookie.setDomain(config.getDomain());
            }
            cookie.setHttpOnly(config.isHttpOnly());
            cookie.setSecure(secure);
            cookie.setAttribute("SameSite", SAME_SITE);
            response.addCookie(cookie);
        }
    }
}
