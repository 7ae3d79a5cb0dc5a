package org.switchboard.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serial;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.core.channel.SiteUrls;

/**
 * Puts the browser's security headers on every response of the application (X-02, issue 18 item 5): pages, their
 * resources, {@code /api}, {@code /hooks} and the error pages (the filter also runs on the container's error
 * dispatch, after a reset response lost what it had):
 * <ul>
 * <li>{@code X-Content-Type-Options: nosniff}, so that an uploaded file is never run as a script or a page;</li>
 * <li>{@code Referrer-Policy: same-origin}: links to other sites (in e-mails, on contact cards) do not tell them which
 * record, search or host of the installation the user came from; the application's own requests keep it;</li>
 * <li>{@code X-Frame-Options: SAMEORIGIN} for browsers without CSP's {@code frame-ancestors};</li>
 * <li>{@code Strict-Transport-Security} when {@code SiteUrl} is https: the installation is meant to be reached over
 * https only (browsers ignore the header on plain http);</li>
 * <li>a {@code Content-Security-Policy} of {@value #DEFAULT_POLICY} for a response that brings none of its own. Faces
 * pages bring theirs, with the nonce of the request (PrimeFaces' CSP, {@code primefaces.CSP} in web.xml), and so does
 * an endpoint that serves content to be framed: the policy is decided when the response starts its body, and one set
 * later replaces this default, so that a response never carries two.</li>
 * </ul>
 * The authentication mechanism runs before filters and answers some requests itself: it puts the same headers there.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true, dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class SecurityHeadersFilter extends HttpFilter {

    /** The policy of a response without one of its own: it runs nothing, loads nothing and is framed nowhere. */
    public static final String DEFAULT_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /** The header of the policy. */
    public static final String CSP = "Content-Security-Policy";
    /** HSTS's value: a year, the host alone (other hosts of the domain may serve other things). */
    public static final String HSTS = "max-age=31536000";
    /** The headers every response gets as they are; an endpoint that adds one of them again replaces it. */
    static final Map<String, String> FIXED = Map.of("X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "same-origin", "X-Frame-Options", "SAMEORIGIN");
    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SecurityHeadersFilter.class.getName());
    /** How long {@code SiteUrl} is taken as read: every resource passes here, and a setting is a database read. */
    private static final long SITE_URL_MAX_AGE_NANOS = 5_000_000_000L;

    /** Whether {@code SiteUrl} was https when last read, and when (shared with the authentication mechanism). */
    private static volatile Boolean siteOnHttps;
    private static volatile long siteReadAt;

    @Inject
    private transient SiteUrls siteUrls;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        putHeaders(response, siteUrls);
        DefaultPolicyResponse wrapped = new DefaultPolicyResponse(response);
        chain.doFilter(request, wrapped);
        if (!wrapped.errorSent && !request.isAsyncStarted()) {
            wrapped.defaultPolicyIfAbsent();
        }
    }

    /**
     * Puts the fixed headers and HSTS on a response. Also called by the authentication mechanism, which runs before
     * any filter and answers some requests itself (a refused REST call, the redirect to the login page); it passes no
     * {@code siteUrls} and HSTS follows the last reading. Reading the setting there (an EJB call before the caller is
     * established) made Payara's pushes to a signed-in user's panel go missing now and then (ChatPanelUiIT).
     */
    static void putHeaders(HttpServletResponse response, SiteUrls siteUrls) {
        FIXED.forEach(response::setHeader);
        if (siteOnHttps(siteUrls)) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
    }

    /** Gives an answer that the authentication mechanism writes itself {@link #DEFAULT_POLICY}, unless it has one. */
    static void defaultPolicyIfAbsent(HttpServletResponse response) {
        if (!response.isCommitted() && !response.containsHeader(CSP)) {
            response.setHeader(CSP, DEFAULT_POLICY);
        }
    }

    /**
     * Whether {@code SiteUrl} is an https address, as read at most {@link #SITE_URL_MAX_AGE_NANOS} ago; without
     * {@code siteUrls}, as last read (the authentication mechanism does not read settings: see {@link #putHeaders}).
     */
    private static boolean siteOnHttps(SiteUrls siteUrls) {
        long now = System.nanoTime();
        Boolean known = siteOnHttps;
        if (siteUrls == null || known != null && now - siteReadAt < SITE_URL_MAX_AGE_NANOS) {
            return known != null && known;
        }
        try {
            known = isHttps(siteUrls.configured());
        } catch (RuntimeException e) {
            // The database may be away (the health endpoint still answers): keep what was known.
            LOG.log(Level.FINE, "SiteUrl not read for HSTS", e);
            return known != null && known;
        }
        siteOnHttps = known;
        siteReadAt = now;
        return known;
    }

    /** Whether a {@code SiteUrl} is an absolute https address. */
    static boolean isHttps(Optional<String> siteUrl) {
        return siteUrl.map(SecurityHeadersFilter::uri).filter(uri -> uri.getHost() != null)
                .filter(uri -> "https".equalsIgnoreCase(uri.getScheme())).isPresent();
    }

    private static URI uri(String value) {
        try {
            return new URI(value.strip());
        } catch (URISyntaxException e) {
            return URI.create("invalid:/");
        }
    }

    /**
     * The response as the application writes it: gets {@link #DEFAULT_POLICY} when its body starts without a policy,
     * and loses it again when a policy of the response's own comes after; a fixed header added again (a download's
     * {@code nosniff}) is not sent twice.
     */
    static final class DefaultPolicyResponse extends HttpServletResponseWrapper {

        private boolean errorSent;

        DefaultPolicyResponse(HttpServletResponse response) {
            super(response);
        }

        void defaultPolicyIfAbsent() {
            SecurityHeadersFilter.defaultPolicyIfAbsent((HttpServletResponse) getResponse());
        }

        /** Whether the response's policy is the default one of this filter (from this or an earlier dispatch). */
        private boolean defaultPolicyOnly() {
            return getHeaders(CSP).stream().allMatch(DEFAULT_POLICY::equals);
        }

        @Override
        public void addHeader(String name, String value) {
            boolean fixed = FIXED.keySet().stream().anyMatch(name::equalsIgnoreCase);
            if (fixed || CSP.equalsIgnoreCase(name) && defaultPolicyOnly()) {
                super.setHeader(name, value);
            } else {
                super.addHeader(name, value);
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            defaultPolicyIfAbsent();
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            defaultPolicyIfAbsent();
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            defaultPolicyIfAbsent();
            super.flushBuffer();
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            defaultPolicyIfAbsent();
            super.sendRedirect(location);
        }

        /** The error page that the container renders next brings its own policy, or gets this one there. */
        @Override
        public void sendError(int status) throws IOException {
            errorSent = true;
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            errorSent = true;
            super.sendError(status, message);
        }
    }
}
