package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;

/**
 * Records the integration tests need, created through the REST API as {@code admin}. Names are unique per call, so
 * tests stay independent on a server whose database outlives a test class.
 */
public final class Fixtures {

    /** The password every fixture user gets. */
    public static final String PASSWORD = "Fixture-Pass-1";

    private Fixtures() {
    }

    /** A lower-case name that no other test uses, such as {@code clerk-3f9a1c2b}. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates an enabled user with {@link #PASSWORD} in the given roles and returns it as the API shows it. */
    public static JsonObject user(ApiClient admin, String login, long... roleIds) {
        JsonArrayBuilder roles = Json.createArrayBuilder();
        for (long roleId : roleIds) {
            roles.add(roleId);
        }
        ApiResponse created = admin.post("api/v1/users", Json.createObjectBuilder()
                .add("login", login).add("displayName", "Test " + login).add("password", PASSWORD)
                .add("roleIds", roles).build());
        assertEquals(201, created.status(), created::toString);
        return created.object();
    }

    public static JsonObject role(ApiClient admin, String name) {
        ApiResponse created = admin.post("api/v1/roles", Json.createObjectBuilder().add("name", name).build());
        assertEquals(201, created.status(), created::toString);
        return created.object();
    }

    public static JsonObject grantToRole(ApiClient admin, String operation, long roleId) {
        ApiResponse granted = admin.post("api/v1/operations/" + operation + "/grants",
                Json.createObjectBuilder().add("roleId", roleId).build());
        assertEquals(201, granted.status(), granted::toString);
        return granted.object();
    }

    public static JsonObject grantToUser(ApiClient admin, String operation, long userId) {
        ApiResponse granted = admin.post("api/v1/operations/" + operation + "/grants",
                Json.createObjectBuilder().add("userId", userId).build());
        assertEquals(201, granted.status(), granted::toString);
        return granted.object();
    }

    /** The {@code data} of each journaled event of that type about that subject (the events API). */
    public static List<JsonObject> journaled(ApiClient admin, String type, String subject) {
        return admin.get("api/v1/events?type=" + type + "&max=500").object().getJsonArray("events").stream()
                .map(JsonValue::asJsonObject)
                .filter(e -> subject.equals(e.getString("subject")))
                .map(e -> Json.createReader(new StringReader(e.getString("payload"))).readObject().getJsonObject("data"))
                .toList();
    }

    /** The {@code data.change} of each journaled event of that type about that subject (the events API). */
    public static List<String> journaledChanges(ApiClient admin, String type, String subject) {
        return admin.get("api/v1/events?type=" + type + "&max=500").object().getJsonArray("events").stream()
                .map(JsonValue::asJsonObject)
                .filter(e -> subject.equals(e.getString("subject")))
                .map(e -> Json.createReader(new StringReader(e.getString("payload"))).readObject())
                .map(body -> body.getJsonObject("data").getString("change"))
                .toList();
    }

    /** The id of the system role Administrators. */
    public static long administratorsRole(ApiClient admin) {
        ApiResponse roles = admin.get("api/v1/roles");
        assertEquals(200, roles.status(), roles::toString);
        return roles.array().stream().map(r -> r.asJsonObject())
                .filter(r -> r.getString("name").equals("Administrators"))
                .findFirst().orElseThrow().getJsonNumber("id").longValue();
    }
}
