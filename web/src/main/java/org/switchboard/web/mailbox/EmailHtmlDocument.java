package org.switchboard.web.mailbox;

import jakarta.ws.rs.core.Response;
import org.switchboard.core.mailbox.EmailHtml;

/**
 * The response that carries a received e-mail's HTML body into the panel's sandboxed frame (MB-02, issue 18 item 6).
 * Its own Content-Security-Policy is the real enforcement: nothing loads but the document's inline styles and
 * {@code data:} images, unless the reader asked for remote content; no script, form, {@code <base>} or framing by
 * another site. The body itself was rewritten by the service to match.
 */
public final class EmailHtmlDocument {

    private EmailHtmlDocument() {
    }

    /** The policy of the document: remote images, styles and fonts only when {@code remote}. */
    public static String contentSecurityPolicy(boolean remote) {
        String remoteSources = remote ? " https: http:" : "";
        return "default-src 'none'; img-src 'self' data:" + remoteSources + "; style-src 'unsafe-inline'"
                + remoteSources + "; font-src" + (remote ? remoteSources : " 'none'")
                + "; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";
    }

    /** The body as a whole UTF-8 document, never cached, never sniffed, sending no referrer. */
    public static Response of(EmailHtml html) {
        String document = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "<meta name=\"referrer\" content=\"no-referrer\"></head><body>" + html.html() + "</body></html>";
        return Response.ok(document, "text/html; charset=UTF-8")
                .header("Content-Security-Policy", contentSecurityPolicy(html.remoteShown()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "private, no-store")
                .build();
    }
}
