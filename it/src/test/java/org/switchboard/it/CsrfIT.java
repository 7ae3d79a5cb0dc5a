package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * X-02, issue 18: another site's page driving the REST API with the session of a user signed in to the panel
 * (cross-site request forgery), bodies of a media type an endpoint does not take, and the session cookie's attributes
 * on the wire. The browser is played by {@link ApiClient} signed in through the login page, which sends what a
 * browser would: the session cookie, and the {@code Origin} of the page that made the request.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CsrfIT {

    private static final String EVIL = "https://evil.example";
    private static final String ROLES = "api/v1/roles";
    private static final String CUSTOM_HEADER = "X-Requested-With";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    /** A user who may manage administration, and a browser signed in as them through the login page. */
    private record SignedIn(JsonObject user, long grantId, ApiClient browser) {
    }

    private SignedIn signedIn() {
        ApiClient admin = ApiClient.asAdmin(base);
        JsonObject user = Fixtures.user(admin, Fixtures.unique("csrf"));
        long grant = Fixtures.grantToUser(admin, "CanManageAdministration", user.getInt("id"))
                .getJsonNumber("id").longValue();
        ApiClient browser = ApiClient.anonymous(base);
        ApiResponse signIn = browser.signIn(user.getString("login"), Fixtures.PASSWORD);
        assertEquals(302, signIn.status(), signIn::toString);
        ApiResponse me = browser.get("api/v1/users/me");
        assertEquals(200, me.status(), () -> "the session alone signs the browser in: " + me);
        return new SignedIn(user, grant, browser);
    }

    /** A request with a JSON body (or none) and exactly the extra headers given (name, value, …). */
    private static ApiResponse send(ApiClient client, String method, String path, JsonValue body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(client.resolve(path)).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build());
    }

    private static JsonObject role(String name) {
        return Json.createObjectBuilder().add("name", name).build();
    }

    private boolean roleExists(String name) {
        return ApiClient.asAdmin(base).get(ROLES).array().stream()
                .anyMatch(r -> r.asJsonObject().getString("name").equals(name));
    }

    private String ownOrigin() {
        return base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
    }

    private static void assertRefused(ApiResponse response, String code) {
        response.assertProblem(403, code, null);
        String detail = response.object().getString("detail");
        assertTrue(detail.startsWith("Cross-site request refused"), response::toString);
    }

    @Test
    @DisplayName("X-02 issue 18: another site's page cannot POST, PUT or DELETE on the API with a signed-in user's "
            + "session: 403 and nothing changed")
    void crossSiteChangesRefused() {
        SignedIn manager = signedIn();
        ApiClient admin = ApiClient.asAdmin(base);
        long id = manager.user().getJsonNumber("id").longValue();
        String role = Fixtures.unique("csrf role");

        ApiResponse post = send(manager.browser(), "POST", ROLES, role(role), "Origin", EVIL);
        ApiResponse put = send(manager.browser(), "PUT", "api/v1/users/" + id, Json.createObjectBuilder()
                .add("displayName", "Taken over").add("version", manager.user().getInt("version")).build(),
                "Origin", EVIL);
        ApiResponse delete = send(manager.browser(), "DELETE",
                "api/v1/operations/CanManageAdministration/grants/" + manager.grantId(), null, "Origin", EVIL);
        // Look-alikes of this application's origin: a sandboxed page ("null"), another port, another host.
        List<String> others = List.of("null", base.getProtocol() + "://" + base.getHost() + ":" + (base.getPort() + 1),
                base.getProtocol() + "://" + base.getHost() + ".evil.example:" + base.getPort());
        List<ApiResponse> lookAlikes = others.stream()
                .map(origin -> send(manager.browser(), "POST", ROLES, role(role), "Origin", origin)).toList();

        assertRefused(post, "error.crossSite.origin");
        assertTrue(post.object().getString("detail").contains(EVIL), post::toString);
        assertRefused(put, "error.crossSite.origin");
        assertRefused(delete, "error.crossSite.origin");
        lookAlikes.forEach(response -> assertRefused(response, "error.crossSite.origin"));
        assertFalse(roleExists(role), "no role was created");
        assertEquals("Test " + manager.user().getString("login"),
                admin.get("api/v1/users/" + id).object().getString("displayName"), "the user is unchanged");
        assertEquals(200, manager.browser().get("api/v1/settings").status(), "the grant is still there");
        assertEquals(200, send(manager.browser(), "GET", "api/v1/users/me", null, "Origin", EVIL).status(),
                "reading is not a change: a GET from another site's page is answered (CORS keeps the answer from it)");
    }

    @Test
    @DisplayName("X-02 issue 18: a change with the session and no Origin needs the header X-Requested-With, which a "
            + "cross-site form cannot send")
    void noOriginNeedsCustomHeader() {
        SignedIn manager = signedIn();
        String refusedRole = Fixtures.unique("csrf role");
        String acceptedRole = Fixtures.unique("csrf role");

        ApiResponse bare = send(manager.browser(), "POST", ROLES, role(refusedRole));
        ApiResponse withHeader = send(manager.browser(), "POST", ROLES, role(acceptedRole),
                CUSTOM_HEADER, "XMLHttpRequest");

        assertRefused(bare, "error.crossSite.noOrigin");
        assertTrue(bare.object().getString("detail").contains(CUSTOM_HEADER), bare::toString);
        assertFalse(roleExists(refusedRole), "no role was created");
        withHeader.assertCreated();
    }

    @Test
    @DisplayName("X-02 issue 18: a change with the session from this application's own origin, or from SiteUrl's, "
            + "is accepted")
    void ownOriginAccepted() {
        SignedIn manager = signedIn();
        ApiClient admin = ApiClient.asAdmin(base);
        ProviderFakes.siteUrl(admin);
        URI site = URI.create(admin.get("api/v1/settings/SiteUrl").object().getString("value"));
        String siteOrigin = site.getScheme() + "://" + site.getRawAuthority();

        ApiResponse own = send(manager.browser(), "POST", ROLES, role(Fixtures.unique("csrf role")),
                "Origin", ownOrigin());
        ApiResponse upperCase = send(manager.browser(), "POST", ROLES, role(Fixtures.unique("csrf role")),
                "Origin", ownOrigin().toUpperCase(Locale.ROOT));
        ApiResponse behindProxy = send(manager.browser(), "POST", ROLES, role(Fixtures.unique("csrf role")),
                "Origin", siteOrigin);

        own.assertCreated();
        upperCase.assertCreated();
        behindProxy.assertCreated();
    }

    @Test
    @DisplayName("X-02 issue 18: API clients with HTTP Basic are not affected by the cross-site check")
    void basicNotAffected() {
        ApiClient admin = ApiClient.asAdmin(base);
        String role = Fixtures.unique("csrf role");

        ApiResponse created = admin.post(ROLES, role(role));

        created.assertCreated();
        ApiResponse deleted = admin.delete(ROLES + "/" + created.object().getInt("id"));
        assertEquals(204, deleted.status(), deleted::toString);
    }

    @Test
    @DisplayName("X-02 issue 18: HTTP Basic credentials a browser resends with another site's request are refused "
            + "by that request's Origin")
    void basicFromAnotherSiteRefused() {
        ApiClient admin = ApiClient.asAdmin(base);
        String role = Fixtures.unique("csrf basic role");

        assertRefused(send(admin, "POST", ROLES, role(role), "Origin", EVIL), "error.crossSite.origin");
        assertFalse(roleExists(role));
        ApiResponse own = send(admin, "POST", ROLES, role(role), "Origin", ownOrigin());
        own.assertCreated();
        assertEquals(204, admin.delete(ROLES + "/" + own.object().getInt("id")).status());
    }

    @Test
    @DisplayName("X-02 issue 18: a body of a media type the endpoint does not take (a form's text/plain or "
            + "urlencoded) is a 415 problem")
    void wrongMediaTypeRefused() {
        ApiClient admin = ApiClient.asAdmin(base);
        String json = role(Fixtures.unique("csrf role")).toString();

        ApiResponse text = admin.send(HttpRequest.newBuilder(admin.resolve(ROLES)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        ApiResponse form = admin.send(HttpRequest.newBuilder(admin.resolve("api/v1/settings/SimultaneousChats"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString("value=7")).build());
        ApiResponse inbound = admin.send(HttpRequest.newBuilder(admin.resolve("api/v1/inbound"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        text.assertProblem(415, "error.http.415", null);
        form.assertProblem(415, "error.http.415", null);
        inbound.assertProblem(415, "error.http.415", null);
    }

    @Test
    @DisplayName("X-02 issue 18: over http the session cookie of the login is HttpOnly and SameSite=Lax (no other "
            + "site's request carries it), not Secure")
    void sessionCookieOverHttp() {
        String cookie = signInCookie(ApiClient.anonymous(base));

        assertTrue(hasAttribute(cookie, "HttpOnly"), cookie);
        assertTrue(hasAttribute(cookie, "SameSite=Lax"), cookie);
        assertFalse(hasAttribute(cookie, "Secure"), cookie);
    }

    @Test
    @DisplayName("X-02 issue 18: over https the session cookie of the login is Secure as well, HttpOnly and "
            + "SameSite=Lax")
    void sessionCookieOverHttps() {
        String cookie = signInCookie(ApiClient.anonymousOverTls(base));

        assertTrue(hasAttribute(cookie, "Secure"), cookie);
        assertTrue(hasAttribute(cookie, "HttpOnly"), cookie);
        assertTrue(hasAttribute(cookie, "SameSite=Lax"), cookie);
    }

    /** Signs a new user in with the browser: the session cookie the login sets, once the session is seen to work. */
    private String signInCookie(ApiClient browser) {
        JsonObject user = Fixtures.user(ApiClient.asAdmin(base), Fixtures.unique("cookie"));
        String cookie = sessionCookie(browser.signIn(user.getString("login"), Fixtures.PASSWORD));
        assertEquals(200, browser.get("api/v1/users/me").status(), () -> "the session works: " + cookie);
        return cookie;
    }

    /** The one {@code Set-Cookie} of the session in a sign-in's answer (it changes the session id). */
    private static String sessionCookie(ApiResponse signIn) {
        assertEquals(302, signIn.status(), signIn::toString);
        List<String> cookies = signIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).toList();
        assertEquals(1, cookies.size(), () -> "one session cookie: " + signIn.headers().map());
        return cookies.get(0);
    }

    private static boolean hasAttribute(String cookie, String attribute) {
        return Arrays.stream(cookie.split(";")).skip(1).map(String::trim)
                .anyMatch(a -> a.equalsIgnoreCase(attribute));
    }
}
