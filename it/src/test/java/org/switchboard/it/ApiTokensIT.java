package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URL;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * X-02, issue 18 item 3: personal API tokens on the deployed EAR. A token created over REST acts as its user with the
 * operations they hold at each call, statelessly; lists never show a secret; a revoked or malformed token, or one of a
 * disabled user, answers 401 with a Bearer challenge; another user's token is "not found"; members of Administrators
 * revoke anyone's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiTokensIT {

    private static final String TOKENS = "api/v1/users/me/tokens";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    private ApiClient admin;

    @BeforeEach
    void setUp() {
        admin = ApiClient.asAdmin(base);
    }

    @Test
    @DisplayName("X-02 issue 18: a token created with the password acts as its user without a session, with the "
            + "operations the user holds at each call: 403 without CanManageAdministration, 200 once granted")
    void tokenActsAsItsUserWithCurrentOperations() {
        JsonObject user = Fixtures.user(admin, Fixtures.unique("integrator"));
        ApiClient owner = ApiClient.as(base, user.getString("login"), Fixtures.PASSWORD);

        ApiResponse created = owner.post(TOKENS, name("CRM sync"));

        JsonObject record = created.assertCreated();
        String token = record.getString("token");
        assertTrue(token.matches("sbt_[A-Za-z0-9_-]{43}"), created::toString);
        assertEquals(List.of("CRM sync", token.substring(4, 12)),
                List.of(record.getString("name"), record.getString("prefix")), created::toString);
        ApiClient integration = bearer(token);
        ApiResponse me = integration.get("api/v1/users/me");
        assertEquals(200, me.status(), me::toString);
        assertEquals(user.getString("login"), me.object().getString("login"), me::toString);
        assertTrue(me.header("Set-Cookie").isEmpty(), "a token call opens no session: " + me.headers());
        ApiResponse before = integration.get("api/v1/settings");
        assertEquals(403, before.status(), before::toString);

        Fixtures.grantToUser(admin, "CanManageAdministration", user.getInt("id"));

        ApiResponse after = integration.get("api/v1/settings");
        assertEquals(200, after.status(), after::toString);
    }

    @Test
    @DisplayName("X-02 issue 18: the list and a token's record show its name and prefix, when it was created and last "
            + "used, never the token nor its hash")
    void listShowsNoSecret() {
        ApiClient owner = newUser("lister");
        String token = create(owner, "Reports").getString("token");
        long id = create(owner, "Backup").getJsonNumber("id").longValue();

        assertEquals(200, bearer(token).get("api/v1/users/me").status());
        ApiResponse list = owner.get(TOKENS);

        assertEquals(200, list.status(), list::toString);
        assertFalse(list.body().contains(token.substring(12)), "the list carries the token: " + list);
        List<JsonObject> tokens = list.array().getValuesAs(JsonObject.class);
        assertEquals(List.of("Backup", "Reports"), tokens.stream().map(t -> t.getString("name")).toList(),
                "newest first");
        for (JsonObject listed : tokens) {
            assertTrue(Set.of("id", "name", "prefix", "createdAt", "lastUsedAt", "expiresAt", "expired")
                    .containsAll(listed.keySet()), "only these fields: " + listed);
        }
        assertEquals(token.substring(4, 12), tokens.get(1).getString("prefix"));
        assertFalse(absent(tokens.get(1), "lastUsedAt"), "the use was recorded: " + list);
        assertTrue(absent(tokens.get(0), "lastUsedAt"), "never used: " + list);
        ApiResponse one = owner.get(TOKENS + "/" + id);
        assertEquals(200, one.status(), one::toString);
        assertEquals("Backup", one.object().getString("name"));
        assertFalse(one.object().containsKey("token"), one::toString);
    }

    @Test
    @DisplayName("X-02 issue 18: a revoked token answers 401 with a Bearer challenge and a problem at its next call")
    void revokedTokenRefused() {
        ApiClient owner = newUser("revoker");
        JsonObject created = create(owner, "Old integration");
        ApiClient integration = bearer(created.getString("token"));
        assertEquals(200, integration.get("api/v1/users/me").status());

        ApiResponse revoked = owner.delete(TOKENS + "/" + created.getJsonNumber("id").longValue());

        assertEquals(204, revoked.status(), revoked::toString);
        assertBearerRefused(integration.get("api/v1/users/me"));
        assertEquals(List.of(), owner.get(TOKENS).array(), "the list after revoking");
        owner.delete(TOKENS + "/" + created.getJsonNumber("id").longValue())
                .assertProblem(404, "error.notFound", null);
    }

    @Test
    @DisplayName("X-02 issue 18: a disabled user's token answers 401 at once, and works again when the user is "
            + "enabled again")
    void disabledUsersTokenRefused() {
        JsonObject user = Fixtures.user(admin, Fixtures.unique("leaver"));
        ApiClient integration = bearer(create(ApiClient.as(base, user.getString("login"), Fixtures.PASSWORD),
                "Nightly export").getString("token"));
        assertEquals(200, integration.get("api/v1/users/me").status());

        setEnabled(user.getInt("id"), false);

        assertBearerRefused(integration.get("api/v1/users/me"));
        setEnabled(user.getInt("id"), true);
        assertEquals(200, integration.get("api/v1/users/me").status());
    }

    @Test
    @DisplayName("X-02 issue 18: another user's token id is 404 to read and to revoke, as an unknown one, and the "
            + "token keeps working")
    void someoneElsesTokenNotFound() {
        ApiClient owner = newUser("owner");
        JsonObject created = create(owner, "Owner's token");
        long id = created.getJsonNumber("id").longValue();
        ApiClient stranger = newUser("stranger");

        stranger.delete(TOKENS + "/" + id).assertProblem(404, "error.notFound", null);
        stranger.get(TOKENS + "/" + id).assertProblem(404, "error.notFound", null);
        stranger.delete(TOKENS + "/987654321").assertProblem(404, "error.notFound", null);

        assertEquals(200, bearer(created.getString("token")).get("api/v1/users/me").status());
        assertEquals(1, owner.get(TOKENS).array().size());
    }

    @Test
    @DisplayName("X-02 issue 18: bad names and dates are 400 problems naming the field, a name used twice 409, and no "
            + "body 400, never a 500")
    void badInput() {
        ApiClient owner = newUser("careless");
        create(owner, "Twice");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();

        owner.post(TOKENS, JsonValue.EMPTY_JSON_OBJECT).assertProblem(400, "validation.required", "name");
        owner.post(TOKENS, name("   ")).assertProblem(400, "validation.required", "name");
        owner.post(TOKENS, name("x".repeat(101))).assertProblem(400, "validation.tooLong", "name");
        owner.post(TOKENS, name("two\nlines")).assertProblem(400, "validation.apiToken.nameOneLine", "name");
        owner.post(TOKENS, name(" twice ")).assertProblem(409, "error.apiToken.nameTaken", "name");
        owner.post(TOKENS, name("Dated", "tomorrow")).assertProblem(400, "validation.apiToken.date", "expiresOn");
        owner.post(TOKENS, name("Dated", yesterday))
                .assertProblem(400, "validation.apiToken.expiresPast", "expiresOn");
        owner.post(TOKENS, name("Dated", "9999-12-31"))
                .assertProblem(400, "validation.apiToken.expiresTooFar", "expiresOn");
        ApiResponse noBody = owner.send("POST", TOKENS, null);
        assertTrue(noBody.status() == 400 || noBody.status() == 415, noBody::toString);
        assertEquals("application/problem+json", noBody.contentType(), noBody::toString);

        JsonObject dated = create(owner, name("Dated", today));
        assertEquals(OffsetDateTime.of(LocalDate.parse(today).plusDays(1).atStartOfDay(), ZoneOffset.UTC)
                .toInstant(), OffsetDateTime.parse(dated.getString("expiresAt")).toInstant(),
                "works through the last day in UTC: " + dated);
        assertEquals(200, bearer(dated.getString("token")).get("api/v1/users/me").status());
        assertEquals(2, owner.get(TOKENS).array().size(), "only the two good ones were created");
    }

    @Test
    @DisplayName("X-02 issue 18: a malformed, unknown or empty Bearer token answers 401 with a Bearer challenge and a "
            + "problem; no credentials at all still get the Basic challenge")
    void malformedAndUnknownTokensRefused() {
        String unknown = "sbt_" + "A".repeat(43);
        for (String token : List.of("not-a-token", unknown, "", "sbt_short", unknown + "' OR '1'='1")) {
            assertBearerRefused(bearer(token).get("api/v1/users/me"));
        }
        ApiResponse anonymous = ApiClient.anonymous(base).get("api/v1/users/me");
        assertEquals(401, anonymous.status(), anonymous::toString);
        assertTrue(anonymous.header("WWW-Authenticate").orElse("").startsWith("Basic"), anonymous::toString);
    }

    @Test
    @DisplayName("X-02 issue 18: a token cannot create tokens (a leaked one would outlive its revocation), and a user "
            + "holds at most 20")
    void tokensAreCreatedWithThePasswordAndLimited() {
        ApiClient owner = newUser("hoarder");
        ApiClient integration = bearer(create(owner, "Token 1").getString("token"));

        integration.post(TOKENS, name("Successor")).assertProblem(403, "error.apiToken.byToken", null);
        for (int i = 2; i <= 20; i++) {
            create(owner, "Token " + i);
        }
        owner.post(TOKENS, name("Token 21")).assertProblem(409, "error.apiToken.limit", null);

        assertEquals(20, integration.get(TOKENS).array().size(), "a token may list its user's tokens");
    }

    @Test
    @DisplayName("X-02 issue 18: a member of Administrators lists and revokes any user's tokens; holding "
            + "CanManageAdministration alone is not enough, and a token of another user than the one named is 404")
    void administratorsRevokeAnyonesTokens() {
        JsonObject user = Fixtures.user(admin, Fixtures.unique("retired"));
        long userId = user.getJsonNumber("id").longValue();
        JsonObject created = create(ApiClient.as(base, user.getString("login"), Fixtures.PASSWORD), "Legacy");
        long tokenId = created.getJsonNumber("id").longValue();
        JsonObject deputy = Fixtures.user(admin, Fixtures.unique("deputy"));
        Fixtures.grantToUser(admin, "CanManageAdministration", deputy.getInt("id"));
        ApiClient asDeputy = ApiClient.as(base, deputy.getString("login"), Fixtures.PASSWORD);
        String userTokens = "api/v1/users/" + userId + "/tokens";

        assertEquals(403, asDeputy.get(userTokens).status());
        assertEquals(403, asDeputy.delete(userTokens + "/" + tokenId).status());
        ApiResponse listed = admin.get(userTokens);
        assertEquals(200, listed.status(), listed::toString);
        assertEquals(List.of("Legacy"), listed.array().getValuesAs(JsonObject.class).stream()
                .map(t -> t.getString("name")).toList());
        admin.delete("api/v1/users/" + deputy.getInt("id") + "/tokens/" + tokenId)
                .assertProblem(404, "error.notFound", null);
        admin.get("api/v1/users/987654321/tokens").assertProblem(404, "error.notFound", null);
        assertEquals(200, bearer(created.getString("token")).get("api/v1/users/me").status());

        ApiResponse revoked = admin.delete(userTokens + "/" + tokenId);

        assertEquals(204, revoked.status(), revoked::toString);
        assertBearerRefused(bearer(created.getString("token")).get("api/v1/users/me"));
        assertEquals(List.of("API_TOKEN_CREATED", "API_TOKEN_REVOKED"),
                Fixtures.journaledChanges(admin, "UserChanged", user.getString("login")).stream()
                        .filter(change -> change.startsWith("API_TOKEN")).sorted().toList(), "the audit trail");
    }

    @Test
    @DisplayName("X-02 issue 18: the OpenAPI document declares the Bearer scheme beside Basic, and the token endpoints")
    void openApiDeclaresBearer() {
        ApiResponse document = ApiClient.anonymous(base).header("Accept", "*/*").get("/openapi");

        assertEquals(200, document.status(), document::toString);
        assertTrue(declaresScheme(document.body(), "bearer"), document::toString);
        assertTrue(declaresScheme(document.body(), "basic"), document::toString);
        assertTrue(document.body().contains("/v1/users/me/tokens"), document::toString);
    }

    /** Whether an OpenAPI document, YAML or JSON as the server prefers, has a security scheme of that HTTP scheme. */
    private static boolean declaresScheme(String document, String scheme) {
        return Pattern.compile("scheme\"?\\s*:\\s*\"?" + scheme + "\\b").matcher(document).find();
    }

    /** Whether the field is missing or null: the servers' JSON-B may leave out a null field or write it. */
    private static boolean absent(JsonObject object, String field) {
        return !object.containsKey(field) || object.isNull(field);
    }

    private ApiClient newUser(String prefix) {
        return ApiClient.as(base, Fixtures.user(admin, Fixtures.unique(prefix)).getString("login"), Fixtures.PASSWORD);
    }

    private ApiClient bearer(String token) {
        return ApiClient.anonymous(base).header("Authorization", "Bearer " + UsedSecrets.remember(token));
    }

    private static JsonObject create(ApiClient owner, String name) {
        return create(owner, name(name));
    }

    private static JsonObject create(ApiClient owner, JsonObject body) {
        return owner.post(TOKENS, body).assertCreated();
    }

    private static JsonObject name(String name) {
        return Json.createObjectBuilder().add("name", name).build();
    }

    private static JsonObject name(String name, String expiresOn) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("name", name);
        return body.add("expiresOn", expiresOn).build();
    }

    private void setEnabled(int userId, boolean enabled) {
        JsonObject user = admin.get("api/v1/users/" + userId).object();
        ApiResponse changed = admin.put("api/v1/users/" + userId, Json.createObjectBuilder().add("enabled", enabled)
                .add("version", user.getJsonNumber("version").longValue()).build());
        assertEquals(200, changed.status(), changed::toString);
    }

    private static void assertBearerRefused(ApiResponse response) {
        assertEquals(401, response.status(), response::toString);
        assertTrue(response.header("WWW-Authenticate").orElse("").startsWith("Bearer"), response::toString);
        assertEquals("application/problem+json", response.contentType(), response::toString);
        assertEquals("error.apiToken.invalid", response.object().getString("code"), response::toString);
    }
}
