package org.switchboard.web.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MB-02 issue 18 item 6: the policy a received HTML body is served under. */
class EmailHtmlDocumentTest {

    @Test
    @DisplayName("MB-02 issue 18 item 6: without remote content only inline styles and data:/own images load; no "
            + "script, font, form, base or foreign framing")
    void remoteHidden() {
        assertEquals("default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; font-src 'none'; "
                + "frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
                EmailHtmlDocument.contentSecurityPolicy(false));
    }

    @Test
    @DisplayName("MB-02 issue 18 item 6: remote content asked for adds http(s) images, styles and fonts, nothing else")
    void remoteShown() {
        assertEquals("default-src 'none'; img-src 'self' data: https: http:; style-src 'unsafe-inline' https: http:; "
                + "font-src https: http:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
                EmailHtmlDocument.contentSecurityPolicy(true));
    }
}
