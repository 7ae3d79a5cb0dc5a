package org.switchboard.web.common;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Caps request bodies (issue 18): {@value #API_KEY} bytes on {@code /api} (default 32 MB: a reply with a 20 MB
 * file, base64 in JSON, fits) and {@value #HOOKS_KEY} on the providers' webhooks (default 1 MB: a Telegram update or
 * a Twilio form is a few kilobytes). A body whose {@code Content-Length} says more is answered 413 with a problem
 * before any of it is read; a body sent without a length (chunked) is counted as it is read and cut off at the cap,
 * and the request is answered 413 if nothing was answered yet.
 */
@WebFilter(urlPatterns = {"/api/*", "/hooks/*"})
public class RequestBodyLimit extends HttpFilter {

    @Serial
    private static final long serialVersionUID = 1L;
    public static final String API_KEY = "switchboard.api.max-body-bytes";
    public static final String HOOKS_KEY = "switchboard.hooks.max-body-bytes";
    private static final String EXCEEDED = RequestBodyLimit.class.getName() + ".exceeded";

    @Inject
    @ConfigProperty(name = API_KEY, defaultValue = "33554432")
    private long apiMax;

    @Inject
    @ConfigProperty(name = HOOKS_KEY, defaultValue = "1048576")
    private long hooksMax;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        long max = path.startsWith("/hooks/") ? hooksMax : apiMax;
        if (request.getContentLengthLong() > max) {
            tooLarge(request, response, max);
            return;
        }
        if (request.getContentLengthLong() >= 0) {
            chain.doFilter(request, response);
            return;
        }
        try {
            chain.doFilter(new Counted(request, max), response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (request.getAttribute(EXCEEDED) == null) {
                throw e;
            }
        }
        if (request.getAttribute(EXCEEDED) != null && !response.isCommitted()) {
            response.reset();
            tooLarge(request, response, max);
        }
    }

    private static void tooLarge(HttpServletRequest request, HttpServletResponse response, long max)
            throws IOException {
        Locale locale = Texts.firstSupported(Collections.list(request.getLocales()));
        response.setStatus(413);
        // The rest of the body is not read: the connection ends with this answer.
        response.setHeader("Connection", "close");
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Problems.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "error.bodyTooLarge",
                Texts.format(locale, "error.bodyTooLarge", max)).getEntity().toString());
    }

    /** A request whose body stops with an IOException after {@code max} bytes. */
    private static final class Counted extends HttpServletRequestWrapper {

        private final long max;
        private ServletInputStream counted;

        Counted(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new CountedStream(super.getInputStream(), this);
            }
            return counted;
        }

        void exceeded() throws IOException {
            setAttribute(EXCEEDED, Boolean.TRUE);
            throw new IOException("The request body is larger than " + max + " bytes");
        }
    }

    private static final class CountedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final Counted request;
        private long read;

        CountedStream(ServletInputStream in, Counted request) {
            this.in = in;
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > request.max) {
                request.exceeded();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
