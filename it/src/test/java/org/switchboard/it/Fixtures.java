package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

    /** The id of the system role Administrators. */
    public static long administratorsRole(ApiClient admin) {
        ApiResponse roles = admin.get("api/v1/roles");
        assertEquals(200, roles.status(), roles::toString);
        return roles.array().stream().map(r -> r.asJsonObject())
                .filter(r -> r.getString("name").equals("Administrators"))
                .findFirst().orElseThrow().getJsonNumber("id").longValue();
    }

    // Chats (CH-02, CH-06, CH-07, CH-11): the chat settings REST and the inbound endpoint, their shapes in one place.

    /** A "To all" queue served by one fresh operator, with an active CUSTOM channel in a language. */
    public record ChatSetup(long queueId, long channelId, String operator, long operatorId) {
    }

    /** Creates a {@link ChatSetup}: a fresh operator (no roles) alone in a new TO_ALL queue with a new channel. */
    public static ChatSetup toAllQueue(ApiClient admin, String language) {
        String operator = unique("operator");
        long operatorId = user(admin, operator).getJsonNumber("id").longValue();
        long queueId = chatQueue(admin, unique("Queue"), "TO_ALL", null).getJsonNumber("id").longValue();
        queueOperators(admin, queueId, new long[] {operatorId}, new long[0]);
        long channelId = customChannel(admin, unique("Channel"), queueId, language).getJsonNumber("id").longValue();
        return new ChatSetup(queueId, channelId, operator, operatorId);
    }

    /** Creates a chat queue: {@code routingRule} TO_ALL or LEAST_BUSY, timeout in minutes or {@code null}. */
    public static JsonObject chatQueue(ApiClient admin, String name, String routingRule, Integer completionMinutes) {
        var body = Json.createObjectBuilder().add("name", name).add("routingRule", routingRule);
        if (completionMinutes == null) {
            body.addNull("completionTimeoutMinutes");
        } else {
            body.add("completionTimeoutMinutes", completionMinutes);
        }
        ApiResponse created = admin.post("api/v1/chat-queues", body.build());
        assertEquals(201, created.status(), created::toString);
        return created.object();
    }

    /** Makes exactly these users and roles the queue's operators (CH-06). */
    public static void queueOperators(ApiClient admin, long queueId, long[] userIds, long[] roleIds) {
        JsonArrayBuilder users = Json.createArrayBuilder();
        for (long userId : userIds) {
            users.add(userId);
        }
        JsonArrayBuilder roles = Json.createArrayBuilder();
        for (long roleId : roleIds) {
            roles.add(roleId);
        }
        ApiResponse put = admin.put("api/v1/chat-queues/" + queueId + "/operators",
                Json.createObjectBuilder().add("userIds", users).add("roleIds", roles).build());
        assertTrue(put.status() == 200 || put.status() == 204, put::toString);
    }

    /** Creates an active channel of the CUSTOM provider (fed through {@code api/v1/inbound}) bound to the queue. */
    public static JsonObject customChannel(ApiClient admin, String name, long queueId, String language) {
        ApiResponse created = admin.post("api/v1/channels", Json.createObjectBuilder().add("provider", "CUSTOM")
                .add("name", name).add("active", true).add("queueId", queueId).add("language", language).build());
        assertEquals(201, created.status(), created::toString);
        return created.object();
    }

    /** Creates a chat action shown to the queue's operators that starts the named process (CH-07). */
    public static JsonObject chatAction(ApiClient admin, String title, long queueId, String process) {
        ApiResponse created = admin.post("api/v1/chat-actions", Json.createObjectBuilder().add("title", title)
                .add("queueId", queueId).add("process", process).build());
        assertEquals(201, created.status(), created::toString);
        return created.object();
    }

    /** Creates a quick-reply template in a language (CH-11). */
    public static JsonObject quickReply(ApiClient admin, String language, String title, String body) {
        ApiResponse created = admin.post("api/v1/quick-replies", Json.createObjectBuilder().add("language", language)
                .add("title", title).add("body", body).build());
        assertEquals(201, created.status(), created::toString);
        return created.object();
    }

    /** Posts a client's message to a CUSTOM channel; it is routed asynchronously (poll for the chat). */
    public static void inbound(ApiClient admin, long channelId, String senderId, String senderName, String text) {
        ApiResponse accepted = admin.post("api/v1/inbound", Json.createObjectBuilder()
                .add("type", "InboundChatMessage").add("channelId", channelId)
                .add("messageId", UUID.randomUUID().toString())
                .add("sender", Json.createObjectBuilder().add("id", senderId).add("name", senderName))
                .add("text", text).add("sentAt", Instant.now().toString()).build());
        assertEquals(202, accepted.status(), accepted::toString);
    }

    /** The id of the newest chat whose messages contain the text, as {@code client} sees it; {@code null} if none. */
    public static Long chatWithText(ApiClient client, String text) {
        ApiResponse found = client.get("api/v1/chats?max=5&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
        assertEquals(200, found.status(), found::toString);
        JsonArray chats = found.object().getJsonArray("chats");
        return chats.isEmpty() ? null : chats.getJsonObject(0).getJsonNumber("id").longValue();
    }
}
