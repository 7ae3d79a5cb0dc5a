package org.switchboard.core.mailbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.owasp.html.AttributePolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlStreamEventReceiver;
import org.owasp.html.PolicyFactory;

/**
 * The HTML body of a received e-mail as the panel shows it (MB-02, issue 18 item 6): scripts, handlers, forms,
 * frames, {@code <base>} and {@code <meta>} removed; {@code cid:} references pointing at the e-mail's own inline
 * files; remote (http, https, protocol-relative) images, backgrounds, stylesheets and CSS {@code url()} /
 * {@code @import} counted and removed unless remote content is allowed for this view; links opening in a new
 * window without opener or referrer. The response's Content-Security-Policy enforces the same; this keeps the
 * document free of what that policy would block and tells the panel whether to offer "Show remote images".
 */
public final class EmailHtmlRewriter {

    private static final Pattern DATA_IMAGE = Pattern.compile(
            "data:image/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=]+", Pattern.CASE_INSENSITIVE);
    /** What browsers strip from or ignore in a URL before they read its scheme. */
    private static final Pattern URL_NOISE = Pattern.compile("[\\x00-\\x20\\x7f]+");
    private static final Pattern CSS_URL = Pattern.compile(
            "url\\(\\s*(?:\"([^\"]*)\"|'([^']*)'|([^)\"'\\s]*))\\s*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CSS_IMPORT = Pattern.compile("@import[^;]*;?", Pattern.CASE_INSENSITIVE);
    private static final Pattern CSS_IMAGE_SET = Pattern.compile("image-set|@font-face|expression",
            Pattern.CASE_INSENSITIVE);

    private static final String[] ELEMENTS = {"a", "abbr", "b", "big", "blockquote", "br", "caption", "center",
        "cite", "code", "col", "colgroup", "dd", "del", "div", "dl", "dt", "em", "font", "h1", "h2", "h3", "h4", "h5",
        "h6", "hr", "i", "img", "ins", "kbd", "li", "link", "ol", "p", "pre", "q", "s", "small", "span", "strike",
        "strong", "style", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul"};
    private static final String[] PRESENTATION = {"align", "valign", "width", "height", "bgcolor", "border",
        "cellpadding", "cellspacing", "colspan", "rowspan", "dir", "lang", "title", "color", "face", "size", "alt",
        "class", "id", "span", "start", "type", "nowrap"};

    private EmailHtmlRewriter() {
    }

    /** The rewritten document and how many remote references the body has (left out unless allowed). */
    public record Result(String html, int remote) {
    }

    /**
     * Rewrites an e-mail's HTML body.
     *
     * @param html the body as received; {@code null} is an empty document
     * @param inlineFiles the e-mail's files by Content-ID (without angle brackets)
     * @param fileUrl the URL of an inline file by its id, for {@code cid:} references
     * @param remoteAllowed whether remote images and styles stay (the user asked for them)
     */
    public static Result rewrite(String html, Map<String, Long> inlineFiles,
            LongFunction<String> fileUrl, boolean remoteAllowed) {
        if (html == null || html.isBlank()) {
            return new Result("", 0);
        }
        Urls urls = new Urls(inlineFiles, fileUrl, remoteAllowed);
        AttributePolicy image = (element, attribute, value) -> urls.image(value);
        PolicyFactory policy = new HtmlPolicyBuilder()
                .allowElements(ELEMENTS)
                .allowTextIn("style")
                .allowAttributes(PRESENTATION).globally()
                .allowStyling()
                .allowUrlsInStyles(image)
                .allowUrlProtocols("http", "https", "mailto", "data", "cid")
                .allowAttributes("src").matching(image).onElements("img")
                .allowAttributes("background").matching(image).onElements("table", "td", "th", "tr", "div")
                .allowAttributes("srcset").matching((element, attribute, value) -> urls.srcset(value))
                .onElements("img")
                .allowAttributes("href").matching((element, attribute, value) -> urls.link(value)).onElements("a")
                .allowAttributes("href").matching((element, attribute, value) -> urls.stylesheet(value))
                .onElements("link")
                .allowAttributes("rel").matching((element, attribute, value) -> "stylesheet").onElements("link")
                .allowAttributes("target").matching((element, attribute, value) -> "_blank").onElements("a")
                .allowWithoutAttributes("span", "font")
                .requireRelsOnLinks("noopener", "noreferrer")
                .withPreprocessor(receiver -> new Preprocessor(receiver, urls))
                .toFactory();
        String rewritten = policy.sanitize(html);
        return new Result(rewritten, urls.remote);
    }

    /** Decides each URL of the document and counts the remote ones it leaves out. */
    private static final class Urls {

        private final Map<String, Long> inlineFiles;
        private final LongFunction<String> fileUrl;
        private final boolean remoteAllowed;
        private int remote;

        Urls(Map<String, Long> inlineFiles, LongFunction<String> fileUrl, boolean remoteAllowed) {
            this.inlineFiles = inlineFiles;
            this.fileUrl = fileUrl;
            this.remoteAllowed = remoteAllowed;
        }

        /** An image source: an inline file, a small data image, or a remote one when allowed; nothing else. */
        String image(String value) {
            String url = URL_NOISE.matcher(value).replaceAll("");
            String lower = url.toLowerCase(Locale.ROOT);
            if (lower.startsWith("cid:")) {
                return inline(url.substring(4));
            }
            if (DATA_IMAGE.matcher(url).matches()) {
                return url;
            }
            return remote(url);
        }

        /** A remote URL as it may stay, or {@code null} (counted) when remote content is not allowed. */
        private String remote(String url) {
            String lower = url.toLowerCase(Locale.ROOT);
            boolean isRemote = lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("//")
                    || lower.startsWith("\\\\") || lower.startsWith("/\\") || lower.startsWith("\\/");
            if (!isRemote) {
                // A relative URL would reach this application with the reader's cookies: never.
                return null;
            }
            remote++;
            if (!remoteAllowed) {
                return null;
            }
            return lower.startsWith("http") ? url : null;
        }

        private String inline(String reference) {
            String id = URLDecoder.decode(reference.replace("+", "%2B"), StandardCharsets.UTF_8);
            if (id.startsWith("<") && id.endsWith(">")) {
                id = id.substring(1, id.length() - 1);
            }
            Long file = inlineFiles.get(id);
            if (file == null) {
                for (Map.Entry<String, Long> entry : inlineFiles.entrySet()) {
                    if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(id)) {
                        file = entry.getValue();
                    }
                }
            }
            return file == null ? null : fileUrl.apply(file);
        }

        /** Each candidate of a {@code srcset} decided as an image; the attribute goes when none stays. */
        String srcset(String value) {
            List<String> kept = new ArrayList<>();
            for (String candidate : value.split(",")) {
                String[] parts = candidate.strip().split("\\s+", 2);
                if (parts[0].isEmpty()) {
                    continue;
                }
                String url = parts[0].toLowerCase(Locale.ROOT).startsWith("data:") ? null : image(parts[0]);
                if (url != null && !url.contains(",")) {
                    kept.add(parts.length > 1 ? url + " " + parts[1] : url);
                }
            }
            return kept.isEmpty() ? null : String.join(", ", kept);
        }

        /** A link target: web and mail addresses only. */
        String link(String value) {
            String url = URL_NOISE.matcher(value).replaceAll("");
            String lower = url.toLowerCase(Locale.ROOT);
            return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:")
                    ? url : null;
        }

        /** A remote stylesheet's address, kept only when remote content is allowed. */
        String stylesheet(String value) {
            String url = URL_NOISE.matcher(value).replaceAll("");
            return remote(url);
        }

        /**
         * The text of a {@code <style>} element: {@code url()} decided as an image, {@code @import} kept only when
         * remote content is allowed. CSS escapes could hide a {@code url(} from this reading, so a style sheet with
         * a backslash, {@code image-set}, {@code @font-face} or {@code expression} is left out whole.
         */
        String css(String text) {
            if (text.indexOf('\\') >= 0 || CSS_IMAGE_SET.matcher(text).find()) {
                if (text.toLowerCase(Locale.ROOT).contains("http") || text.contains("//")) {
                    remote++;
                }
                return "";
            }
            StringBuilder out = new StringBuilder();
            Matcher imports = CSS_IMPORT.matcher(text);
            while (imports.find()) {
                String rule = imports.group();
                imports.appendReplacement(out, Matcher.quoteReplacement(remoteAllowed ? rule : ""));
                remote++;
            }
            imports.appendTail(out);
            Matcher urls = CSS_URL.matcher(out.toString());
            StringBuilder result = new StringBuilder();
            while (urls.find()) {
                String url = urls.group(1) != null ? urls.group(1) : urls.group(2) != null ? urls.group(2)
                        : urls.group(3);
                String kept = image(url);
                String replacement = kept == null || kept.contains("\"") || kept.contains("'") ? "none"
                        : "url(\"" + kept + "\")";
                urls.appendReplacement(result, Matcher.quoteReplacement(replacement));
            }
            urls.appendTail(result);
            return result.toString();
        }
    }

    /**
     * Before the policy: every link gets {@code target="_blank"}, {@code <link>} is kept only as a style sheet, and
     * the text of {@code <style>} elements is rewritten as CSS.
     */
    private static final class Preprocessor implements HtmlStreamEventReceiver {

        private final HtmlStreamEventReceiver next;
        private final Urls urls;
        private boolean inStyle;

        Preprocessor(HtmlStreamEventReceiver next, Urls urls) {
            this.next = next;
            this.urls = urls;
        }

        @Override
        public void openDocument() {
            next.openDocument();
        }

        @Override
        public void closeDocument() {
            next.closeDocument();
        }

        @Override
        public void openTag(String element, List<String> attributes) {
            String name = element.toLowerCase(Locale.ROOT);
            if ("a".equals(name)) {
                List<String> withTarget = new ArrayList<>();
                for (int i = 0; i + 1 < attributes.size(); i += 2) {
                    if (!"target".equalsIgnoreCase(attributes.get(i))) {
                        withTarget.add(attributes.get(i));
                        withTarget.add(attributes.get(i + 1));
                    }
                }
                withTarget.add("target");
                withTarget.add("_blank");
                next.openTag(element, withTarget);
                return;
            }
            if ("link".equals(name) && !stylesheet(attributes)) {
                return;
            }
            if ("style".equals(name)) {
                inStyle = true;
            }
            next.openTag(element, attributes);
        }

        private static boolean stylesheet(List<String> attributes) {
            for (int i = 0; i + 1 < attributes.size(); i += 2) {
                if ("rel".equalsIgnoreCase(attributes.get(i))
                        && attributes.get(i + 1).toLowerCase(Locale.ROOT).contains("stylesheet")) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void closeTag(String element) {
            if ("style".equalsIgnoreCase(element)) {
                inStyle = false;
            }
            next.closeTag(element);
        }

        @Override
        public void text(String text) {
            next.text(inStyle ? urls.css(text) : text);
        }
    }
}
