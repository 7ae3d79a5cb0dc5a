package org.switchboard.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** X-02, issue 18 item 5: the pages' policy in web.xml, HSTS's condition, and the default policy of other answers. */
class SecurityHeadersFilterTest {

    private static final Pattern POLICY = Pattern.compile(
            "<param-name>primefaces\\.CSP_POLICY</param-name>\\s*<param-value>([^<]*)</param-value>");

    @Test
    @DisplayName("X-02 issue 18 item 5: the pages' policy runs no inline or eval'd script, ends in script-src (where "
            + "PrimeFaces appends the nonce) and frames only the application")
    void pagePolicy() throws IOException {
        String webXml = Files.readString(Path.of("src/main/webapp/WEB-INF/web.xml"));
        assertTrue(webXml.matches("(?s).*<param-name>primefaces\\.CSP</param-name>\\s*<param-value>true<.*"));
        Matcher found = POLICY.matcher(webXml);
        assertTrue(found.find(), "primefaces.CSP_POLICY in web.xml");
        String policy = found.group(1);
        assertFalse(policy.contains("\n"), "a header value is one line");
        Map<String, String> directives = new LinkedHashMap<>();
        Arrays.stream(policy.split(";")).map(String::strip).forEach(d -> directives.put(d.split(" ", 2)[0],
                d.contains(" ") ? d.split(" ", 2)[1] : ""));
        assertEquals("script-src", List.copyOf(directives.keySet()).get(directives.size() - 1), policy);
        assertEquals("'self'", directives.get("script-src"));
        assertEquals("'self'", directives.get("default-src"));
        assertEquals("'self'", directives.get("frame-ancestors"));
        assertEquals("'self'", directives.get("frame-src"));
        assertEquals("'self'", directives.get("child-src"));
        assertEquals("'none'", directives.get("object-src"));
        assertEquals("'self'", directives.get("base-uri"));
        assertEquals("'self'", directives.get("form-action"));
    }

    @Test
    @DisplayName("X-02 issue 18 item 5: HSTS only with an absolute https SiteUrl")
    void hstsCondition() {
        assertTrue(SecurityHeadersFilter.isHttps(Optional.of("https://crm.example.com/switchboard")));
        assertTrue(SecurityHeadersFilter.isHttps(Optional.of(" HTTPS://crm.example.com ")));
        assertFalse(SecurityHeadersFilter.isHttps(Optional.empty()));
        assertFalse(SecurityHeadersFilter.isHttps(Optional.of("http://crm.example.com/switchboard")));
        assertFalse(SecurityHeadersFilter.isHttps(Optional.of("crm.example.com")));
        assertFalse(SecurityHeadersFilter.isHttps(Optional.of("https://")));
        assertFalse(SecurityHeadersFilter.isHttps(Optional.of("https://exa mple.com")));
    }

    @Test
    @DisplayName("X-02 issue 18 item 5: an answer without a policy gets the default one when its body starts")
    void defaultPolicy() throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        var response = new SecurityHeadersFilter.DefaultPolicyResponse(response(headers));
        response.getWriter();
        assertEquals(List.of(SecurityHeadersFilter.DEFAULT_POLICY), headers.get(SecurityHeadersFilter.CSP));
    }

    @Test
    @DisplayName("X-02 issue 18 item 5: a policy of the answer's own is kept, before or after the body starts, and "
            + "never joined by a second one (the framed e-mail body sets its own)")
    void ownPolicy() throws IOException {
        Map<String, List<String>> before = new LinkedHashMap<>();
        var early = new SecurityHeadersFilter.DefaultPolicyResponse(response(before));
        early.setHeader(SecurityHeadersFilter.CSP, "sandbox; default-src 'none'");
        early.getOutputStream();
        early.defaultPolicyIfAbsent();
        assertEquals(List.of("sandbox; default-src 'none'"), before.get(SecurityHeadersFilter.CSP));

        Map<String, List<String>> after = new LinkedHashMap<>();
        var late = new SecurityHeadersFilter.DefaultPolicyResponse(response(after));
        late.flushBuffer();
        late.addHeader(SecurityHeadersFilter.CSP, "script-src 'self' 'nonce-abc';");
        assertEquals(List.of("script-src 'self' 'nonce-abc';"), after.get(SecurityHeadersFilter.CSP));
        late.addHeader(SecurityHeadersFilter.CSP, "frame-ancestors 'none'");
        assertEquals(2, after.get(SecurityHeadersFilter.CSP).size(), "policies of the answer's own add up");
    }

    @Test
    @DisplayName("X-02 issue 18 item 5: a download that adds nosniff itself does not send it twice")
    void fixedHeaderOnce() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        var response = new SecurityHeadersFilter.DefaultPolicyResponse(response(headers));
        SecurityHeadersFilter.FIXED.forEach(response::setHeader);
        response.addHeader("X-Content-Type-Options", "nosniff");
        assertEquals(List.of("nosniff"), headers.get("X-Content-Type-Options"));
    }

    @Test
    @DisplayName("X-02 issue 18 item 5: an answer that sends an error leaves the policy to its error page")
    void errorPage() throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        var response = new SecurityHeadersFilter.DefaultPolicyResponse(response(headers));
        response.sendError(404);
        assertFalse(headers.containsKey(SecurityHeadersFilter.CSP));
    }

    /** A response that keeps its headers in the map and is never committed. */
    private static HttpServletResponse response(Map<String, List<String>> headers) {
        return (HttpServletResponse) Proxy.newProxyInstance(SecurityHeadersFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setHeader" -> headers.put((String) args[0], new ArrayList<>(List.of((String) args[1])));
                    case "addHeader" -> headers.computeIfAbsent((String) args[0], n -> new ArrayList<>())
                            .add((String) args[1]);
                    case "containsHeader" -> headers.containsKey((String) args[0]);
                    case "getHeaders" -> headers.getOrDefault((String) args[0], List.of());
                    case "isCommitted" -> false;
                    case "getWriter" -> new PrintWriter(new ByteArrayOutputStream());
                    default -> null;
                });
    }
}
