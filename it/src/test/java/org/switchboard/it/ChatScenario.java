package org.switchboard.it;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URL;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds chat set-ups over REST for the chat ITs: queues with operators, Custom (JMS) channels, operators who sign in
 * as themselves, inbound messages; and reads chats back. Everything is named uniquely, so tests stay independent.
 */
final class ChatScenario {

    final URL base;
    final ApiClient admin;

    ChatScenario(URL base) {
        this.base = base;
        this.admin = ApiClient.asAdmin(base);
    }

    /** A fresh enabled user, returned as a client signed in as them. */
    Operator operator(String prefix) {
        String login = Fixtures.unique(prefix);
        JsonObject user = Fixtures.user(admin, login);
        return new Operator(user.getJsonNumber("id").longValue(), login,
                ApiClient.as(base, login, Fixtures.PASSWORD));
    }

    record Operator(long id, String login, ApiClient api) {
    }

    long queue(String rule, Integer completionMinutes, Operator... operators) {
        JsonArrayBuilder users = Json.createArrayBuilder();
        for (Operator operator : operators) {
            users.add(operator.id());
        }
        return queue(rule, completionMinutes, users, Json.createArrayBuilder());
    }

    /** A queue whose operators are given only as roles (CH-06): it is served by whoever is a member. */
    long queueOfRoles(String rule, long... roleIds) {
        JsonArrayBuilder roles = Json.createArrayBuilder();
        for (long roleId : roleIds) {
            roles.add(roleId);
        }
        return queue(rule, null, Json.createArrayBuilder(), roles);
    }

    private long queue(String rule, Integer completionMinutes, JsonArrayBuilder userIds, JsonArrayBuilder roleIds) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("name", Fixtures.unique("queue"))
                .add("routingRule", rule);
        if (completionMinutes == null) {
            body.addNull("completionTimeoutMinutes");
        } else {
            body.add("completionTimeoutMinutes", completionMinutes);
        }
        ApiResponse created = admin.post("api/v1/chat-queues", body.build());
        assertEquals(201, created.status(), created::toString);
        long id = created.object().getJsonNumber("id").longValue();
        ApiResponse set = admin.put("api/v1/chat-queues/" + id + "/operators", Json.createObjectBuilder()
                .add("userIds", userIds).add("roleIds", roleIds).build());
        assertEquals(200, set.status(), set::toString);
        return id;
    }

    /** A fresh organisational role with these members (CH-06), such as "Call centre managers". */
    long role(Operator... members) {
        long roleId = id(Fixtures.role(admin, Fixtures.unique("Call centre managers")));
        for (Operator member : members) {
            ApiResponse added = admin.put("api/v1/roles/" + roleId + "/members/" + member.id(),
                    JsonValue.EMPTY_JSON_OBJECT);
            assertEquals(200, added.status(), added::toString);
        }
        return roleId;
    }

    void removeFromRole(long roleId, Operator member) {
        ApiResponse removed = admin.delete("api/v1/roles/" + roleId + "/members/" + member.id());
        assertEquals(200, removed.status(), removed::toString);
    }

    long channel(long queueId, boolean active) {
        return channel(queueId, active, "en");
    }

    /** A Custom channel whose chats are answered in the language (CH-11: its quick replies). */
    long channel(long queueId, boolean active, String language) {
        ApiResponse created = admin.post("api/v1/channels", Json.createObjectBuilder().add("provider", "CUSTOM")
                .add("name", Fixtures.unique("channel")).add("active", active).add("queueId", queueId)
                .add("language", language).build());
        assertEquals(201, created.status(), created::toString);
        return created.object().getJsonNumber("id").longValue();
    }

    /** A chat action shown to the queue's operators that starts the named process (CH-07). */
    long chatAction(String title, long queueId, String process) {
        ApiResponse created = admin.post("api/v1/chat-actions", Json.createObjectBuilder().add("title", title)
                .add("queueId", queueId).add("process", process).build());
        assertEquals(201, created.status(), created::toString);
        return id(created.object());
    }

    /** A quick-reply template in a language (CH-11). */
    long quickReply(String language, String title, String body) {
        ApiResponse created = admin.post("api/v1/quick-replies", Json.createObjectBuilder().add("language", language)
                .add("title", title).add("body", body).build());
        assertEquals(201, created.status(), created::toString);
        return id(created.object());
    }

    /** Posts an inbound message over REST (queued, processed asynchronously); returns its provider id. */
    String inbound(long channelId, String sender, String text) {
        String messageId = "m-" + UUID.randomUUID();
        inbound(channelId, sender, text, messageId);
        return messageId;
    }

    void inbound(long channelId, String sender, String text, String messageId) {
        ApiResponse posted = admin.post("api/v1/inbound", message(channelId, sender, text, messageId));
        assertEquals(202, posted.status(), posted::toString);
    }

    static JsonObject message(long channelId, String sender, String text, String messageId) {
        return message(channelId, sender, "Client " + sender, text, messageId);
    }

    /** An inbound message of a sender whose name the test chooses (the customer writes it in the messenger). */
    static JsonObject message(long channelId, String sender, String senderName, String text, String messageId) {
        return Json.createObjectBuilder().add("type", "InboundChatMessage").add("channelId", channelId)
                .add("messageId", messageId)
                .add("sender", Json.createObjectBuilder().add("id", sender).add("name", senderName))
                .add("text", text).build();
    }

    /** Posts a new client's message on the channel and returns the id of the chat it opened, once routed. */
    long openChat(long channelId, String text) {
        inbound(channelId, Fixtures.unique("client"), text);
        return id(awaitChat(channelId, text));
    }

    /** The newest chat of the channel whose last message or contact matches the text, once it exists. */
    JsonObject awaitChat(long channelId, String text) {
        return await().atMost(ofSeconds(20)).pollInterval(ofSeconds(0).plusMillis(100))
                .until(() -> findChat(channelId, text), Optional::isPresent).orElseThrow();
    }

    Optional<JsonObject> findChat(long channelId, String text) {
        ApiResponse found = admin.get("api/v1/chats?channelId=" + channelId + "&text="
                + java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(200, found.status(), found::toString);
        List<JsonObject> chats = found.object().getJsonArray("chats").stream().map(JsonValue::asJsonObject).toList();
        return chats.stream().findFirst();
    }

    JsonObject chat(long chatId) {
        ApiResponse detail = admin.get("api/v1/chats/" + chatId);
        assertEquals(200, detail.status(), detail::toString);
        return detail.object();
    }

    JsonObject summary(long chatId) {
        return chat(chatId).getJsonObject("chat");
    }

    /** The chat's summary once it has the status (routing and timeouts act asynchronously). */
    JsonObject awaitStatus(long chatId, String status) {
        return await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> summary(chatId), s -> status.equals(s.getString("status")));
    }

    String status(long chatId) {
        return summary(chatId).getString("status");
    }

    /** Sets a system setting; a test that calls it restores the default afterwards ({@link #restoreDefault}). */
    void setting(String code, String value) {
        JsonObject current = admin.get("api/v1/settings/" + code).object();
        ApiResponse saved = admin.put("api/v1/settings/" + code, Json.createObjectBuilder().add("value", value)
                .add("version", current.getInt("version")).build());
        assertEquals(200, saved.status(), saved::toString);
    }

    void restoreDefault(String code) {
        JsonObject current = admin.get("api/v1/settings/" + code).object();
        ApiResponse restored = admin.post("api/v1/settings/" + code + "/restore-default?version="
                + current.getInt("version"), JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(200, restored.status(), restored::toString);
    }

    static long id(JsonObject object) {
        return object.getJsonNumber("id").longValue();
    }
}
