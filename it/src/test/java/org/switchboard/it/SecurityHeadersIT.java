package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The browser's security headers on every page and every other response (X-02, issue 18 item 5). Each Facelets page
 * of the web module (read from its source folder, so a new page is tested without an entry here) is fetched signed
 * in as {@code admin} for its headers, and opened in Chromium, which must report no Content-Security-Policy
 * violation, while the page keeps no inline event handler or {@code javascript:} link that the policy would refuse
 * only when clicked. The login and error pages are also checked signed out; the REST API, the webhooks and the
 * resources get the default policy; HSTS follows {@code SiteUrl}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityHeadersIT {

    private static final String SECRET = "Mail-Secret-1";
    private static final String SITE_URL = "api/v1/settings/SiteUrl";
    private static final Path WEBAPP = Path.of("..", "web", "src", "main", "webapp");
    /** Pages that need a record: the query each gets, from the fixtures of {@link #fixtures()}. */
    private static final List<String> PAGES_WITH_A_RECORD = List.of("designer/role.xhtml", "designer/user.xhtml",
            "designer/operation.xhtml", "designer/setting.xhtml", "designer/mail/provider.xhtml",
            "panel/mailbox-settings.xhtml");
    /** Collects the violations Chromium reports, in every document, before any script of the page runs. */
    private static final String VIOLATION_LISTENER = "window.sbCspViolations = [];"
            + "document.addEventListener('securitypolicyviolation', function (e) {"
            + " window.sbCspViolations.push(e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile"
            + " + ':' + e.lineNumber + ' ' + (e.sample || ''));"
            + "});";
    /** Inline handlers and {@code javascript:} URLs, which the policy refuses only when they would run. */
    private static final String INLINE_CODE = "var found = [];"
            + "document.querySelectorAll('*').forEach(function (element) {"
            + " Array.prototype.forEach.call(element.attributes, function (attribute) {"
            + "  var name = attribute.name.toLowerCase();"
            + "  if (name.indexOf('on') === 0 || /^\\s*javascript:/i.test(attribute.value)) {"
            + "   found.push(element.tagName + '#' + element.id + ' ' + name + '=' + attribute.value);"
            + "  }"
            + " });"
            + "});"
            + "return found;";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()}).withPerMethodLifecycle(false);

    @RegisterExtension
    static final Browser browser = new Browser();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    private Pages pages;
    private ApiClient admin;

    @BeforeEach
    void setUp() {
        pages = new Pages(browser, base);
        admin = ApiClient.asAdmin(base);
        ((ChromeDriver) browser.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", VIOLATION_LISTENER));
    }

    @Test
    @DisplayName("X-02 issue 18 item 5: every page, signed in as admin, carries a nonce CSP without unsafe-inline or "
            + "unsafe-eval scripts that frames only itself, nosniff and Referrer-Policy, and Chromium reports no CSP "
            + "violation on it (an injected inline script would run, a page could be framed or sniffed)")
    void everyPageSignedIn() throws IOException {
        Map<String, String> urls = pageUrls(fixtures());
        ApiClient session = ApiClient.anonymous(base);
        assertEquals(302, session.signIn("admin", TestSettings.adminPassword()).status());
        pages.signIn("admin", TestSettings.adminPassword());

        List<String> problems = new ArrayList<>();
        urls.forEach((page, url) -> problems.addAll(check(session, page, url)));
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        assertProbeSeen();
    }

    @Test
    @DisplayName("X-02 issue 18 item 5: signed out, the login page, the error pages and the 404 of an unknown page "
            + "carry the headers and run under the policy without a violation")
    void publicPages() {
        pages.open("login.xhtml");
        browser.driver().manage().deleteAllCookies();
        ApiClient anonymous = ApiClient.anonymous(base);
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("login.xhtml", "login.xhtml");
        for (String error : List.of("403", "404", "500", "expired")) {
            urls.put("errors/" + error + ".xhtml", "errors/" + error + ".xhtml");
        }
        List<String> problems = new ArrayList<>();
        urls.forEach((page, url) -> problems.addAll(check(anonymous, page, url)));
        ApiResponse unknown = anonymous.send(html("errors/no-such-page.xhtml"));
        assertEquals(404, unknown.status(), unknown::toString);
        problems.addAll(headerProblems("unknown page (404 through ErrorServlet)", unknown, true));
        ApiResponse toLogin = anonymous.send(html("profile.xhtml"));
        assertEquals(302, toLogin.status(), toLogin::toString);
        problems.addAll(headerProblems("the redirect to the login page", toLogin, false));
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    @DisplayName("X-02 issue 18 item 5: REST answers, problems, webhooks and resources carry nosniff, Referrer-Policy, "
            + "X-Frame-Options and a CSP of their own that runs nothing and is framed nowhere (a JSON or file "
            + "response opened as a page could otherwise run or be framed)")
    void otherResponses() {
        ApiClient anonymous = ApiClient.anonymous(base);
        List<String> problems = new ArrayList<>();
        problems.addAll(headerProblems("health", anonymous.get("api/v1/health/live"), false));
        problems.addAll(headerProblems("a REST answer", admin.get("api/v1/roles"), false));
        ApiResponse missing = admin.get("api/v1/no-such-resource");
        assertEquals(404, missing.status(), missing::toString);
        problems.addAll(headerProblems("a REST problem", missing, false));
        ApiResponse refused = anonymous.get("api/v1/roles");
        assertEquals(401, refused.status(), refused::toString);
        problems.addAll(headerProblems("a refused REST call", refused, false));
        ApiResponse hook = anonymous.post("hooks/telegram/no-such-channel", Json.createObjectBuilder().build());
        problems.addAll(headerProblems("a webhook (" + hook.status() + ")", hook, false));
        ApiResponse script = anonymous.get("jakarta.faces.resource/core.js.xhtml?ln=primefaces");
        assertEquals(200, script.status(), script::toString);
        problems.addAll(headerProblems("a resource", script, false));
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    @DisplayName("X-02 issue 18 item 5: Strict-Transport-Security comes with an https SiteUrl and goes without one "
            + "(a first visit over http could otherwise be downgraded)")
    void hstsFollowsSiteUrl() {
        String original = admin.get(SITE_URL).object().getString("value", "");
        ApiClient anonymous = ApiClient.anonymous(base);
        try {
            setSiteUrl("https://switchboard.example.test/switchboard");
            Awaitility.await("HSTS with an https SiteUrl").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> anonymous.send(html("login.xhtml")).header("Strict-Transport-Security"),
                            value -> value.filter("max-age=31536000"::equals).isPresent());
            assertTrue(admin.get("api/v1/roles").header("Strict-Transport-Security").isPresent(), "on the API too");

            // SiteUrl is https or empty (TG-01 refuses an http one): empty is the "not https" there is.
            setSiteUrl("");
            Awaitility.await("no HSTS without an https SiteUrl").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> anonymous.send(html("login.xhtml")).header("Strict-Transport-Security"),
                            Optional::isEmpty);
        } finally {
            setSiteUrl(original);
        }
    }

    /** Sets {@code SiteUrl}; empty restores its default, which is empty. */
    private void setSiteUrl(String value) {
        ApiResponse saved;
        if (value.isEmpty()) {
            saved = admin.post(SITE_URL + "/restore-default", null);
        } else {
            JsonObject current = admin.get(SITE_URL).object();
            saved = admin.put(SITE_URL, Json.createObjectBuilder().add("value", value)
                    .add("version", current.getInt("version")).build());
        }
        assertEquals(200, saved.status(), saved::toString);
        assertEquals(value, saved.object().getString("value", ""), saved::toString);
    }

    /** The query of each page that needs a record: records of admin's own, made here. */
    private Map<String, String> fixtures() {
        LocalMail.Provider provider = LocalMail.provider(admin, MAIL, false, null);
        String address = Fixtures.unique("csp") + "@" + provider.domain();
        MAIL.setUser(address, address, SECRET);
        long mailbox = admin.post("api/v1/mailboxes", Json.createObjectBuilder().add("address", address)
                .add("password", SECRET).build()).assertCreated().getJsonNumber("id").longValue();
        long user = Fixtures.user(admin, Fixtures.unique("csp")).getJsonNumber("id").longValue();
        Map<String, String> queries = Map.of(
                "designer/role.xhtml", "id=" + Fixtures.administratorsRole(admin),
                "designer/user.xhtml", "id=" + user,
                "designer/operation.xhtml", "code=CanManageAdministration",
                "designer/setting.xhtml", "code=OmniChatNotificationSound",
                "designer/mail/provider.xhtml", "id=" + provider.id(),
                "panel/mailbox-settings.xhtml", "id=" + mailbox);
        assertEquals(PAGES_WITH_A_RECORD.stream().sorted().toList(), queries.keySet().stream().sorted().toList());
        return queries;
    }

    /** Every page of the web module (its .xhtml outside WEB-INF), as a URL with the query it needs. */
    private static Map<String, String> pageUrls(Map<String, String> queries) throws IOException {
        assertTrue(Files.isDirectory(WEBAPP), "the web module's pages are read from " + WEBAPP.toAbsolutePath());
        Map<String, String> urls = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(WEBAPP)) {
            files.map(file -> WEBAPP.relativize(file).toString().replace('\\', '/'))
                    .filter(page -> page.endsWith(".xhtml") && !page.startsWith("WEB-INF/"))
                    .sorted()
                    .forEach(page -> urls.put(page, queries.containsKey(page) ? page + "?" + queries.get(page) : page));
        }
        assertTrue(urls.keySet().containsAll(queries.keySet()), () -> "pages with a record not found: " + queries);
        assertTrue(urls.size() > 30, () -> "too few pages found: " + urls.keySet());
        return urls;
    }

    /** The problems of one page: its headers as an HTTP client gets them, and what Chromium found in it. */
    private List<String> check(ApiClient session, String page, String url) {
        List<String> problems = new ArrayList<>();
        ApiResponse fetched = session.send(html(url));
        // A page may send the browser on (index.xhtml to the panel); one that fails is a problem of its own.
        if (fetched.status() >= 400 && !page.startsWith("errors/")) {
            problems.add(page + ": status " + fetched.status() + " for " + url);
        }
        boolean redirect = fetched.status() >= 300 && fetched.status() < 400;
        problems.addAll(headerProblems(page + (redirect ? " (redirect)" : ""), fetched, !redirect));

        pages.open(url);
        browser.waitFor().until(driver -> "complete".equals(js().executeScript("return document.readyState")));
        List<?> violations = (List<?>) js().executeScript("return window.sbCspViolations || ['no listener']");
        violations.forEach(violation -> problems.add(page + ": Chromium reports " + violation));
        List<?> inline = (List<?>) js().executeScript(INLINE_CODE);
        inline.forEach(code -> problems.add(page + ": inline code " + code));
        return problems;
    }

    /**
     * The listener sees a violation: an inline script without the nonce, added to the page as an attacker's markup
     * would add it, is refused and reported (so that "no violation" above means something).
     */
    private void assertProbeSeen() {
        pages.open("profile.xhtml");
        browser.waitFor().until(driver -> "complete".equals(js().executeScript("return document.readyState")));
        js().executeScript("var s = document.createElement('script'); s.textContent = 'window.sbInjected = true;';"
                + "document.body.appendChild(s);");
        browser.waitFor().until(driver -> !((List<?>) js().executeScript("return window.sbCspViolations")).isEmpty());
        assertFalse(Boolean.TRUE.equals(js().executeScript("return window.sbInjected === true")),
                "an injected inline script must not run");
    }

    /**
     * The problems of one response's headers: a page's policy has a nonce and no unsafe script source and lets only
     * the application frame it; any other response's policy (a redirect's too) is the default one.
     */
    private static List<String> headerProblems(String what, ApiResponse response, boolean page) {
        List<String> problems = new ArrayList<>();
        expect(problems, what, response, "X-Content-Type-Options", "nosniff");
        expect(problems, what, response, "Referrer-Policy", "same-origin");
        expect(problems, what, response, "X-Frame-Options", "SAMEORIGIN");
        List<String> policies = response.headers().allValues("Content-Security-Policy");
        if (policies.size() != 1) {
            problems.add(what + ": " + policies.size() + " Content-Security-Policy headers " + policies);
            return problems;
        }
        Map<String, String> policy = directives(policies.get(0));
        if (!page) {
            if (!"'none'".equals(policy.get("default-src")) || !"'none'".equals(policy.get("frame-ancestors"))) {
                problems.add(what + ": policy " + policies.get(0));
            }
            return problems;
        }
        String scripts = policy.getOrDefault("script-src", policy.getOrDefault("default-src", ""));
        if (!scripts.contains("'nonce-") || scripts.contains("'unsafe-inline'") || scripts.contains("'unsafe-eval'")) {
            problems.add(what + ": script-src " + scripts);
        }
        Map<String, String> required = Map.of("frame-ancestors", "'self'", "object-src", "'none'",
                "base-uri", "'self'", "form-action", "'self'", "frame-src", "'self'");
        required.forEach((directive, value) -> {
            if (!value.equals(policy.get(directive))) {
                problems.add(what + ": " + directive + " " + policy.get(directive) + " in " + policies.get(0));
            }
        });
        return problems;
    }

    private static void expect(List<String> problems, String what, ApiResponse response, String header,
            String value) {
        Optional<String> found = response.header(header);
        if (!found.filter(value::equalsIgnoreCase).isPresent()) {
            problems.add(what + ": " + header + " " + found.orElse("missing"));
        }
    }

    private static Map<String, String> directives(String policy) {
        Map<String, String> directives = new LinkedHashMap<>();
        Arrays.stream(policy.split(";")).map(String::strip).filter(d -> !d.isEmpty()).forEach(d -> {
            String[] parts = d.split("\\s+", 2);
            directives.putIfAbsent(parts[0].toLowerCase(), parts.length > 1 ? parts[1].strip() : "");
        });
        return directives;
    }

    private HttpRequest html(String path) {
        return HttpRequest.newBuilder(Deployments.resolve(base, path)).header("Accept", "text/html").GET().build();
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser.driver();
    }
}
