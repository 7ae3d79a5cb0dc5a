package org.switchboard.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.Serial;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.switchboard.core.channel.SiteUrls;
import org.switchboard.web.common.Problems;
import org.switchboard.web.common.Texts;

/**
 * Refuses cross-site request forgery on the REST API (X-02, issue 18). A change ({@code POST}, {@code PUT},
 * {@code PATCH}, {@code DELETE}) on {@code /api/**} that the browser's session signs in, rather than an
 * {@code Authorization} header, is taken only from this application's own pages: its {@code Origin} is this
 * application's origin (scheme, host and port of the request as the server sees it, or of {@code SiteUrl} behind a
 * proxy), or, without {@code Origin}, it carries the header {@value #CUSTOM_HEADER}, which a form of another site
 * cannot send and its scripts can send only after a CORS preflight that this application never allows. Anything else
 * is a 403 problem. Requests with a Bearer token are not checked: programs send them, and another site's script cannot
 * set that header without the same preflight. HTTP Basic is checked by its {@code Origin} alone: a browser resends Basic
 * credentials that a user once typed into its prompt for {@code /api} (the API's 401 challenge) with another site's
 * form posts too, and it marks those with that site's {@code Origin}; programs send no {@code Origin}. A filter
 * of its own rather than part of the authentication mechanism, because it decides where a request came from, not who
 * sent it.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class CrossSiteRequestFilter extends HttpFilter {

    /** The header that lets the application's own scripts change things without an {@code Origin}. */
    public static final String CUSTOM_HEADER = "X-Requested-With";
    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(CrossSiteRequestFilter.class.getName());
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /** Enough of a refused origin to recognise it in the problem's detail. */
    private static final int ORIGIN_SHOWN_MAX = 200;

    @Inject
    private transient SiteUrls siteUrls;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String authorization = request.getHeader("Authorization");
        if (SAFE_METHODS.contains(request.getMethod()) || request.getUserPrincipal() == null
                || authorization != null && !isBasic(authorization)) {
            chain.doFilter(request, response);
            return;
        }
        String origin = request.getHeader("Origin");
        boolean allowed = authorization != null
                ? origin == null || fromThisApplication(origin, request)
                : origin == null ? isPresent(request.getHeader(CUSTOM_HEADER)) : fromThisApplication(origin, request);
        if (allowed) {
            chain.doFilter(request, response);
            return;
        }
        LOG.info(() -> "Refused a cross-site " + request.getMethod() + " " + request.getRequestURI() + " of "
                + request.getUserPrincipal().getName() + " from origin " + origin);
        refuse(request, response, origin);
    }

    private boolean fromThisApplication(String origin, HttpServletRequest request) {
        Optional<URI> uri = parse(origin);
        if (uri.isEmpty()) {
            return false;
        }
        if (sameOrigin(uri.get(), request.getScheme(), request.getServerName(), request.getServerPort())) {
            return true;
        }
        return siteUrls.configured().flatMap(CrossSiteRequestFilter::parse)
                .filter(site -> sameOrigin(uri.get(), site.getScheme(), site.getHost(), site.getPort())).isPresent();
    }

    /**
     * Whether an origin ({@code scheme://host[:port]}) is the one of that scheme, host and port; a missing port is
     * the scheme's default. Host names compare case-insensitively.
     */
    static boolean sameOrigin(URI origin, String scheme, String host, int port) {
        return origin.getScheme() != null && origin.getHost() != null && scheme != null && host != null
                && origin.getScheme().equalsIgnoreCase(scheme) && origin.getHost().equalsIgnoreCase(host)
                && port(origin.getScheme(), origin.getPort()) == port(scheme, port);
    }

    private static int port(String scheme, int port) {
        if (port >= 0) {
            return port;
        }
        return "https".equalsIgnoreCase(scheme) ? 443 : "http".equalsIgnoreCase(scheme) ? 80 : -1;
    }

    /** An absolute URI, or empty for anything else (the {@code null} origin of a sandboxed page). */
    private static Optional<URI> parse(String value) {
        try {
            URI uri = new URI(value.strip());
            return uri.isAbsolute() ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static boolean isBasic(String authorization) {
        return authorization.regionMatches(true, 0, "Basic ", 0, "Basic ".length());
    }

    private static boolean isPresent(String header) {
        return header != null && !header.isBlank();
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String origin)
            throws IOException {
        Locale locale = Texts.firstSupported(Collections.list(request.getLocales()));
        String code = origin == null ? "error.crossSite.noOrigin" : "error.crossSite.origin";
        String shown = origin == null || origin.length() <= ORIGIN_SHOWN_MAX
                ? origin : origin.substring(0, ORIGIN_SHOWN_MAX) + "…";
        String detail = Texts.format(locale, code, shown, CUSTOM_HEADER);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Problems.of(Response.Status.FORBIDDEN, code, detail).getEntity().toString());
    }
}
