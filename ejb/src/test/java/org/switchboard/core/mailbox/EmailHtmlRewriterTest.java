package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MB-02 issue 18 item 6: a received HTML body without remote content until asked, with its own inline images. */
class EmailHtmlRewriterTest {

    private static final Map<String, Long> FILES = Map.of("logo@mail.example", 7L, "Part.1", 8L);

    private static EmailHtmlRewriter.Result blocked(String html) {
        return EmailHtmlRewriter.rewrite(html, FILES, id -> "/sb/api/v1/mailboxes/emails/3/inline/" + id, false);
    }

    private static EmailHtmlRewriter.Result allowed(String html) {
        return EmailHtmlRewriter.rewrite(html, FILES, id -> "/sb/api/v1/mailboxes/emails/3/inline/" + id, true);
    }

    private static void assertNoRemote(EmailHtmlRewriter.Result result) {
        String lower = result.html().toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("tracker") || lower.contains("evil"), result.html());
    }

    @Test
    @DisplayName("MB-02 issue 18 item 6: a remote image is left out and counted; allowed, it stays")
    void remoteImage() {
        EmailHtmlRewriter.Result result = blocked("<p>Hi</p><img src=\"https://tracker.example/p.gif\" alt=\"x\">");
        assertNoRemote(result);
        assertEquals(1, result.remote());
        assertTrue(result.html().startsWith("<p>Hi</p>"), result.html());
        EmailHtmlRewriter.Result shown = allowed("<img src=\"https://tracker.example/p.gif\">");
        assertTrue(shown.html().contains("src=\"https://tracker.example/p.gif\""), shown.html());
        assertEquals(1, shown.remote(), "counted though kept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<img src=\"//tracker.example/p.gif\">", "<img src=\"HTTPS://TRACKER.example/p.gif\">",
        "<img src=\"\\\\tracker.example/p.gif\">",
        "<table background=\"http://tracker.example/bg.png\"><tr><td>x</td></tr></table>",
        "<div style=\"background-image:url('http://tracker.example/a.png')\">x</div>",
        "<div style=\"background:u\\72l(http://tracker.example/a.png)\">x</div>",
        "<div style=\"background: url( &quot;http://tracker.example/a.png&quot; )\">x</div>",
        "<style>p { background: URL( \"http://tracker.example/a.png\" ) }</style><p>x</p>",
        "<style>@import url(https://tracker.example/s.css);</style><p>x</p>",
        "<style>@import 'https://tracker.example/s.css';</style><p>x</p>",
        "<style>p { background: u\\72l(http://tracker.example/a.png) }</style><p>x</p>",
        "<link rel=\"stylesheet\" href=\"https://tracker.example/s.css\"><p>x</p>",
        "<img srcset=\"https://tracker.example/a.png 1x, https://tracker.example/b.png 2x\">"})
    @DisplayName("MB-02 issue 18 item 6: remote content in every disguise is left out and counted")
    void remoteInDisguise(String html) {
        EmailHtmlRewriter.Result result = blocked(html);
        assertNoRemote(result);
        assertTrue(result.remote() >= 1, result + " counted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<img src=\" ht&#9;tps://evil.example/p.gif\">",
        "<base href=\"https://evil.example/\"><img src=\"a.png\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
        "<script>fetch('https://evil.example')</script>", "<img src=\"x\" onerror=\"fetch('//evil.example')\">",
        "<form action=\"https://evil.example\"><input name=\"a\"></form>",
        "<iframe src=\"https://evil.example\"></iframe>", "<object data=\"https://evil.example\"></object>",
        "<a href=\"javascript:fetch('//evil.example')\">x</a>", "<svg><image href=\"https://evil.example\"/></svg>"})
    @DisplayName("MB-02 issue 18 item 6: base, meta refresh, scripts, handlers, forms and frames are removed")
    void activeContentRemoved(String html) {
        String out = blocked(html).html();
        assertNoRemote(blocked(html));
        assertFalse(out.contains("<base") || out.contains("<meta") || out.contains("<script")
                || out.contains("onerror") || out.contains("<form") || out.contains("<iframe")
                || out.contains("a.png") || out.contains("javascript"), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<img src=\"cid:logo@mail.example\">", "<img src=\"CID:logo@mail.example\">",
        "<img src=\"cid:LOGO@MAIL.EXAMPLE\">", "<img src=\"cid:logo%40mail.example\">",
        "<img src=\"cid:&lt;logo@mail.example&gt;\">"})
    @DisplayName("MB-02 issue 18 item 6: a cid: image points at the e-mail's own inline file")
    void cidImage(String html) {
        EmailHtmlRewriter.Result result = blocked(html);
        assertTrue(result.html().contains("src=\"/sb/api/v1/mailboxes/emails/3/inline/7\""), result.html());
        assertEquals(0, result.remote());
    }

    @Test
    @DisplayName("MB-02 issue 18 item 6: a cid: background and a cid: URL in a style sheet point at the inline file")
    void cidBackgrounds() {
        String out = blocked("<style>td { background: url(cid:Part.1) }</style><table><tr>"
                + "<td background=\"cid:Part.1\" style=\"background-image: url('cid:logo@mail.example')\">x</td>"
                + "</tr></table>").html();
        assertTrue(out.contains("url(\"/sb/api/v1/mailboxes/emails/3/inline/8\")"), out);
        assertTrue(out.contains("background=\"/sb/api/v1/mailboxes/emails/3/inline/8\""), out);
        assertTrue(out.contains("/sb/api/v1/mailboxes/emails/3/inline/7"), out);
    }

    @Test
    @DisplayName("MB-02 issue 18 item 6: an unknown cid: and a relative URL are dropped, not counted as remote")
    void unknownReferences() {
        EmailHtmlRewriter.Result result = blocked("<img src=\"cid:other@x\"><img src=\"/sb/api/v1/users\">");
        assertFalse(result.html().contains("src="), result.html());
        assertEquals(0, result.remote());
    }

    @Test
    @DisplayName("MB-02 issue 18 item 6: links open in a new window without opener or referrer")
    void links() {
        String out = blocked("<a href=\"https://shop.example/offer\" target=\"_self\" rel=\"opener\">Offer</a>"
                + "<a href=\"mailto:bob@example.org\">Bob</a>").html();
        assertTrue(out.contains("href=\"https://shop.example/offer\""), out);
        assertEquals(2, out.split("target=\"_blank\"", -1).length - 1, out);
        // The sanitizer writes the two rels in either order.
        assertEquals(2, out.split("rel=\"(noopener noreferrer|noreferrer noopener)\"", -1).length - 1, out);
        assertFalse(out.contains("_self") || out.contains("\"opener"), out);
    }

    @Test
    @DisplayName("MB-02 issue 18 item 6: allowed remote content keeps images, srcset, style sheets and imports")
    void remoteAllowed() {
        EmailHtmlRewriter.Result result = allowed("<link rel=\"stylesheet\" href=\"https://cdn.example/s.css\">"
                + "<style>@import url(https://cdn.example/t.css); p { background: url(https://cdn.example/a.png) }"
                + "</style><img srcset=\"https://cdn.example/a.png 1x, https://cdn.example/b.png 2x\">");
        String out = result.html();
        assertTrue(out.contains("href=\"https://cdn.example/s.css\""), out);
        assertTrue(out.contains("@import url(\"https://cdn.example/t.css\");"), out);
        assertTrue(out.contains("url(\"https://cdn.example/a.png\")"), out);
        assertTrue(out.contains("https://cdn.example/b.png 2x"), out);
        assertTrue(result.remote() >= 5, result + ": each remote reference counted though kept");
    }

    @Test
    @DisplayName("MB-02 issue 18 item 6: a style element cannot be closed early to inject markup")
    void styleBreakout() {
        String out = blocked("<style>p{color:red}</style ><img src=x onerror=alert(1)>"
                + "<style>/*</style><script>alert(2)</script>*/</style>").html();
        assertFalse(out.contains("<script") || out.contains("onerror"), out);
    }
}
