package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpRequest;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * X-02 on the deployed EAR: users, roles and system operations; the caller's operations decide what a page, a REST
 * endpoint and a service method allow.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {

    private static final String DESIGNER_PAGE = "designer/settings.xhtml";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    @Test
    @DisplayName("X-02 the API without credentials answers 401 with a Basic challenge and a problem body")
    void apiNeedsCredentials() {
        ApiResponse response = ApiClient.anonymous(base).get("api/v1/users/me");

        assertEquals(401, response.status(), response::toString);
        assertTrue(response.header("WWW-Authenticate").orElse("").startsWith("Basic"), response::toString);
        assertEquals("application/problem+json", response.contentType(), response::toString);
        assertEquals(401, response.object().getInt("status"));
    }

    @Test
    @DisplayName("X-02 a wrong password and a disabled user are refused with 401")
    void wrongPasswordAndDisabledUserRefused() {
        ApiClient admin = ApiClient.asAdmin(base);
        assertEquals(401, ApiClient.as(base, "admin", "not-the-password").get("api/v1/users/me").status());
        JsonObject user = Fixtures.user(admin, Fixtures.unique("gone"));
        ApiClient client = ApiClient.as(base, user.getString("login"), Fixtures.PASSWORD);
        assertEquals(200, client.get("api/v1/users/me").status());

        ApiResponse disabled = admin.put("api/v1/users/" + user.getInt("id"), Json.createObjectBuilder()
                .add("enabled", false).add("version", user.getInt("version")).build());

        assertEquals(200, disabled.status(), disabled::toString);
        assertFalse(disabled.object().getBoolean("enabled"));
        assertEquals(401, ApiClient.as(base, user.getString("login"), Fixtures.PASSWORD)
                .get("api/v1/users/me").status());
    }

    @Test
    @DisplayName("X-02 the first start created admin, a member of Administrators, who holds every operation")
    void adminHoldsEveryOperation() {
        ApiResponse me = ApiClient.asAdmin(base).get("api/v1/users/me");

        assertEquals(200, me.status(), me::toString);
        assertTrue(me.object().getBoolean("administrator"), me::toString);
        ApiResponse holders = ApiClient.asAdmin(base).get("api/v1/operations/CanManageChats/holders");
        assertTrue(holders.array().stream().map(h -> h.asJsonObject())
                .anyMatch(h -> h.getString("login").equals("admin") && h.getString("how").equals("ADMINISTRATOR")),
                holders::toString);
    }

    @Test
    @DisplayName("X-02 X-05 the catalogue holds every operation the requirements name")
    void catalogue() {
        ApiResponse catalogue = ApiClient.asAdmin(base).get("api/v1/operations");

        assertEquals(200, catalogue.status(), catalogue::toString);
        assertEquals(java.util.List.of("CanManageAdministration", "CanManageChats", "CanConnectSharedMailbox",
                        "CanManageSharedMailboxSync", "CanActOnBehalfOfUsers"),
                catalogue.array().stream().map(o -> o.asJsonObject().getString("code")).toList());
    }

    @Test
    @DisplayName("X-02 a caller without the operation is refused 403 with the problem error.forbidden, by the "
            + "resource's guard before its service")
    void serviceRefusesCallerWithoutOperation() {
        JsonObject clerk = Fixtures.user(ApiClient.asAdmin(base), Fixtures.unique("clerk"));
        ApiClient client = ApiClient.as(base, clerk.getString("login"), Fixtures.PASSWORD);

        ApiResponse settings = client.get("api/v1/settings");
        ApiResponse users = client.post("api/v1/users", Json.createObjectBuilder().add("login", "x").build());

        assertEquals(403, settings.status(), settings::toString);
        assertEquals("application/problem+json", settings.contentType(), settings::toString);
        assertEquals("error.forbidden", settings.object().getString("code"));
        assertEquals(403, users.status(), users::toString);
        assertEquals(200, client.get("api/v1/users/me").status(), "a signed-in user may read their own account");
    }

    @Test
    @DisplayName("X-02 an operation granted to a role reaches its members; granted to a user, that user")
    void grantsThroughRoleAndDirect() {
        ApiClient admin = ApiClient.asAdmin(base);
        JsonObject role = Fixtures.role(admin, Fixtures.unique("Settings keepers"));
        Fixtures.grantToRole(admin, "CanManageAdministration", role.getInt("id"));
        JsonObject member = Fixtures.user(admin, Fixtures.unique("member"), role.getInt("id"));
        JsonObject direct = Fixtures.user(admin, Fixtures.unique("direct"));
        Fixtures.grantToUser(admin, "CanManageAdministration", direct.getInt("id"));

        ApiResponse viaRole = ApiClient.as(base, member.getString("login"), Fixtures.PASSWORD).get("api/v1/settings");
        ApiResponse viaGrant = ApiClient.as(base, direct.getString("login"), Fixtures.PASSWORD).get("api/v1/settings");

        assertEquals(200, viaRole.status(), viaRole::toString);
        assertEquals(200, viaGrant.status(), viaGrant::toString);
        ApiResponse holders = admin.get("api/v1/operations/CanManageAdministration/holders");
        assertTrue(holders.body().contains("\"" + member.getString("login") + "\""), holders::toString);
        assertTrue(holders.body().contains("\"" + direct.getString("login") + "\""), holders::toString);
    }

    @Test
    @DisplayName("X-02 revoking a grant takes the operation away at the next sign-in")
    void revokeTakesOperationAway() {
        ApiClient admin = ApiClient.asAdmin(base);
        JsonObject user = Fixtures.user(admin, Fixtures.unique("revoked"));
        JsonObject grant = Fixtures.grantToUser(admin, "CanManageAdministration", user.getInt("id"));
        assertEquals(200, ApiClient.as(base, user.getString("login"), Fixtures.PASSWORD).get("api/v1/settings").status());

        ApiResponse revoked = admin.delete("api/v1/operations/CanManageAdministration/grants/" + grant.getInt("id"));

        assertEquals(204, revoked.status(), revoked::toString);
        assertEquals(403, ApiClient.as(base, user.getString("login"), Fixtures.PASSWORD)
                .get("api/v1/settings").status());
    }

    @Test
    @DisplayName("X-02 a designer page sends an anonymous visitor to the login page")
    void anonymousVisitorGoesToLogin() {
        ApiClient anonymous = ApiClient.anonymous(base).header("Accept", "text/html");

        ApiResponse page = anonymous.get(DESIGNER_PAGE);

        assertEquals(302, page.status(), page::toString);
        assertTrue(page.header("Location").orElse("").endsWith("/login.xhtml"), page::toString);
    }

    @Test
    @DisplayName("X-02 the last enabled administrator can be neither disabled nor removed from Administrators")
    void lastAdministratorProtected() {
        ApiClient admin = ApiClient.asAdmin(base);
        long adminId = admin.get("api/v1/users/me").object().getJsonNumber("id").longValue();
        long administrators = Fixtures.administratorsRole(admin);
        // Other tests may have made administrators of their own, as this colleague stands for: they are disabled for
        // this test, so that admin is the last enabled one, and enabled again afterwards.
        long colleague = Fixtures.user(admin, Fixtures.unique("colleague"), administrators).getJsonNumber("id")
                .longValue();
        List<Long> others = admin.get("api/v1/roles/" + administrators).object().getJsonArray("members").stream()
                .map(JsonValue::asJsonObject).filter(m -> m.getBoolean("enabled"))
                .map(m -> m.getJsonNumber("id").longValue()).filter(id -> id != adminId).toList();
        // Only someone who manages users without being an administrator could try to disable admin or take the role.
        JsonObject deputy = Fixtures.user(admin, Fixtures.unique("deputy"));
        long grant = Fixtures.grantToUser(admin, "CanManageAdministration", deputy.getInt("id"))
                .getJsonNumber("id").longValue();
        ApiClient asDeputy = ApiClient.as(base, deputy.getString("login"), Fixtures.PASSWORD);
        JsonObject before = admin.get("api/v1/users/" + adminId).object();
        try {
            others.forEach(id -> setEnabled(admin, id, false));

            change(admin, adminId, "enabled", JsonValue.FALSE).assertProblem(409, "error.user.disableSelf", "enabled");
            admin.delete("api/v1/roles/" + administrators + "/members/" + adminId)
                    .assertProblem(409, "error.user.lastAdministrator", null);
            change(asDeputy, adminId, "enabled", JsonValue.FALSE)
                    .assertProblem(409, "error.user.lastAdministrator", "enabled");
            change(asDeputy, adminId, "roleIds", JsonValue.EMPTY_JSON_ARRAY)
                    .assertProblem(409, "error.user.lastAdministrator", "roleIds");
        } finally {
            // Put admin back first, should the rule ever let it go: every other test signs in as admin.
            JsonObject after = asDeputy.get("api/v1/users/" + adminId).object();
            if (!after.getBoolean("enabled") || !after.getBoolean("administrator")) {
                ApiResponse restored = asDeputy.put("api/v1/users/" + adminId, Json.createObjectBuilder()
                        .add("enabled", true).add("roleIds", roleIds(before))
                        .add("version", after.getJsonNumber("version").longValue()).build());
                assertEquals(200, restored.status(), restored::toString);
            }
            others.forEach(id -> setEnabled(admin, id, true));
            assertEquals(204, admin.delete("api/v1/operations/CanManageAdministration/grants/" + grant).status());
        }
        for (long id : List.of(adminId, colleague)) {
            JsonObject restored = admin.get("api/v1/users/" + id).object();
            assertEquals(List.of(true, true),
                    List.of(restored.getBoolean("enabled"), restored.getBoolean("administrator")), restored::toString);
        }
        admin.delete("api/v1/roles/" + administrators).assertProblem(409, "error.role.systemDelete", null);
    }

    /** Changes one field of a user through {@code PUT /users/{id}}, at the user's current version. */
    private static ApiResponse change(ApiClient client, long userId, String field, JsonValue value) {
        JsonObject user = client.get("api/v1/users/" + userId).object();
        return client.put("api/v1/users/" + userId, Json.createObjectBuilder().add(field, value)
                .add("version", user.getJsonNumber("version").longValue()).build());
    }

    private static void setEnabled(ApiClient admin, long userId, boolean enabled) {
        ApiResponse changed = change(admin, userId, "enabled", enabled ? JsonValue.TRUE : JsonValue.FALSE);
        assertEquals(200, changed.status(), changed::toString);
    }

    private static JsonArray roleIds(JsonObject user) {
        JsonArrayBuilder ids = Json.createArrayBuilder();
        user.getJsonArray("roles").forEach(r -> ids.add(r.asJsonObject().getJsonNumber("id").longValue()));
        return ids.build();
    }

    @Test
    @DisplayName("X-02 user input errors are 4xx problems naming the field, never a 500")
    void badUserInput() {
        ApiClient admin = ApiClient.asAdmin(base);
        String login = Fixtures.unique("dup");
        Fixtures.user(admin, login);

        ApiResponse taken = admin.post("api/v1/users", Json.createObjectBuilder().add("login", login)
                .add("displayName", "Again").add("password", Fixtures.PASSWORD).build());
        ApiResponse weak = admin.post("api/v1/users", Json.createObjectBuilder().add("login", Fixtures.unique("weak"))
                .add("displayName", "Weak").add("password", "short").build());
        ApiResponse badLogin = admin.post("api/v1/users", Json.createObjectBuilder().add("login", "Bad Login!")
                .add("displayName", "Bad").add("password", Fixtures.PASSWORD).build());
        ApiResponse noBody = admin.send("POST", "api/v1/users", null);
        ApiResponse notJson = admin.send(HttpRequest.newBuilder(admin.resolve("api/v1/users"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\": ")).build());
        ApiResponse unknown = admin.get("api/v1/users/987654321");

        assertProblem(409, "login", taken);
        assertProblem(400, "password", weak);
        assertProblem(400, "login", badLogin);
        assertTrue(noBody.status() == 400 || noBody.status() == 415, noBody::toString);
        assertEquals(400, notJson.status(), notJson::toString);
        assertEquals("application/problem+json", notJson.contentType(), notJson::toString);
        assertEquals(404, unknown.status(), unknown::toString);
        assertEquals("application/problem+json", unknown.contentType(), unknown::toString);
    }

    @Test
    @DisplayName("X-02 issue 18: a missing or null locale, and JSON nested 5,000 deep on any endpoint, are 400 "
            + "problems, never a 500")
    void malformedBodiesAreProblems() {
        ApiClient admin = ApiClient.asAdmin(base);
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        ApiResponse empty = admin.put("api/v1/users/me/locale", JsonValue.EMPTY_JSON_OBJECT);
        ApiResponse nullLocale = admin.put("api/v1/users/me/locale",
                Json.createObjectBuilder().addNull("locale").build());
        List<ApiResponse> deeplyNested = List.of(raw(admin, "PUT", "api/v1/users/me/locale", deep),
                raw(admin, "POST", "api/v1/inbound", deep), raw(admin, "POST", "api/v1/users", deep));

        assertProblem(400, "locale", empty);
        assertProblem(400, "locale", nullLocale);
        for (ApiResponse response : deeplyNested) {
            assertEquals(400, response.status(), response::toString);
            assertEquals("application/problem+json", response.contentType(), response::toString);
            assertFalse(response.body().contains("Exception"), response::toString);
        }
    }

    @Test
    @DisplayName("X-02 issue 18: responses do not name the server, its version or Java (Server, X-Powered-By)")
    void serverNotNamed() {
        ApiResponse api = ApiClient.asAdmin(base).get("api/v1/users/me");
        ApiClient anonymous = ApiClient.anonymous(base);
        ApiResponse page = anonymous.send(HttpRequest.newBuilder(anonymous.resolve("login.xhtml")).GET().build());

        for (ApiResponse response : List.of(api, page)) {
            for (String header : List.of("Server", "X-Powered-By")) {
                String value = response.header(header).orElse("");
                assertFalse(value.matches("(?i).*(payara|glassfish|wildfly|undertow|jboss|java|servlet|jsp|\\d).*"),
                        header + ": " + value + " names the server");
            }
        }
    }

    /** Sends a body as it is, however malformed. */
    private static ApiResponse raw(ApiClient api, String method, String path, String body) {
        return api.send(HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "application/json")
                .header("Accept", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    @Test
    @DisplayName("X-02 an e-mail the service lets through but the entity's Bean Validation refuses is a 400 problem "
            + "naming the field, on create and on update, in the caller's language; nothing is saved")
    void entityConstraintIsProblem() {
        ApiClient admin = ApiClient.asAdmin(base);
        // UserService only asks for "x@y.z"; User's @Email also refuses a comma in an unquoted local part (RFC 5322).
        String refused = "first,last@example.com";
        String login = Fixtures.unique("bv");
        JsonObject user = Fixtures.user(admin, Fixtures.unique("bv"));

        ApiResponse created = admin.post("api/v1/users", Json.createObjectBuilder().add("login", login)
                .add("displayName", "Bean Validation").add("email", refused).add("password", Fixtures.PASSWORD)
                .build());
        ApiResponse updated = admin.put("api/v1/users/" + user.getInt("id"), Json.createObjectBuilder()
                .add("email", refused).add("version", user.getInt("version")).build());
        ApiResponse inRussian = ApiClient.asAdmin(base).header("Accept-Language", "ru")
                .put("api/v1/users/" + user.getInt("id"), Json.createObjectBuilder()
                        .add("email", refused).add("version", user.getInt("version")).build());

        created.assertProblem(400, "validation.constraint", "email");
        updated.assertProblem(400, "validation.constraint", "email");
        inRussian.assertProblem(400, "validation.constraint", "email");
        assertEquals(1, created.object().getJsonArray("errors").size(), created::toString);
        assertEquals("urn:switchboard:problem:validation.constraint", created.object().getString("type"));
        assertEquals(400, created.object().getInt("status"));
        assertFalse(created.body().contains("Exception"), created::toString);
        assertTrue(inRussian.object().getJsonArray("errors").getJsonObject(0).getString("message")
                .matches(".*\\p{IsCyrillic}.*"), inRussian::toString);
        assertTrue(admin.get("api/v1/users").array().stream()
                .noneMatch(u -> u.asJsonObject().getString("login").equals(login)), "the refused user was not saved");
        ApiResponse unchanged = admin.get("api/v1/users/" + user.getInt("id"));
        assertEquals(user.getInt("version"), unchanged.object().getInt("version"), unchanged::toString);
        assertFalse(refused.equals(unchanged.object().getString("email", null)), unchanged::toString);
    }

    private static void assertProblem(int status, String field, ApiResponse response) {
        assertEquals(status, response.status(), response::toString);
        assertEquals("application/problem+json", response.contentType(), response::toString);
        JsonObject error = response.object().getJsonArray("errors").getJsonObject(0);
        assertEquals(field, error.getString("field"), response::toString);
        assertFalse(error.getString("message").isBlank(), response::toString);
    }
}
