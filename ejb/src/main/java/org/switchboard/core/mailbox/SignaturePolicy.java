package org.switchboard.core.mailbox;

import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * What a mailbox signature may contain (MB-11): the formatting, blocks, links and inline styles of a rich-text
 * editor, and pictures, pasted ones included (PNG, JPEG, GIF or WebP as {@code data:} URIs) or by https address.
 * Everything else (scripts, event handlers, other {@code data:} URIs, forms, frames) is removed, so a signature is
 * safe to show and to send.
 */
public final class SignaturePolicy {

    private static final Pattern IMAGE_SOURCE = Pattern.compile(
            "(?:https://\\S+)|(?:data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\\s]+)");

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.LINKS)
            .and(Sanitizers.STYLES).and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder()
                    .allowUrlProtocols("https", "data")
                    .allowElements("img")
                    .allowAttributes("src").matching(IMAGE_SOURCE).onElements("img")
                    .allowAttributes("alt", "width", "height").onElements("img")
                    .allowElements("span", "br")
                    .allowAttributes("class").matching(Pattern.compile("ql-[a-z0-9-]+(?:\\s+ql-[a-z0-9-]+)*"))
                    .globally()
                    .toFactory());

    private SignaturePolicy() {
    }

    /** The signature with only what the policy allows; {@code null} stays {@code null}. */
    public static String sanitize(String html) {
        return html == null ? null : POLICY.sanitize(html);
    }
}
