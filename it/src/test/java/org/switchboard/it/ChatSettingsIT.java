package org.switchboard.it;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chat settings over REST on the deployed EAR (CH-02, CH-06, CH-07, CH-10, CH-11, CH-13, CH-14, CH-15, X-02):
 * chat queues with operators, channels, chat actions and quick replies, and who may change them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatSettingsIT {

    private static final String QUEUES = "api/v1/chat-queues";
    private static final String CHANNELS = "api/v1/channels";
    private static final String ACTIONS = "api/v1/chat-actions";
    private static final String REPLIES = "api/v1/quick-replies";
    private static final String PAGE = "designer/chat/chat-settings.xhtml";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    private ApiClient admin() {
        return ApiClient.asAdmin(base);
    }

    private static JsonObject created(ApiResponse response) {
        assertEquals(201, response.status(), response::toString);
        assertTrue(response.header("Location").orElse("").endsWith("/" + response.object().getInt("id")),
                response::toString);
        return response.object();
    }

    private static JsonObject queue(ApiClient client, String name) {
        return created(client.post(QUEUES, Json.createObjectBuilder().add("name", name).add("routingRule", "TO_ALL")
                .build()));
    }

    private static JsonObject channel(ApiClient client, String name, long queueId) {
        return created(client.post(CHANNELS, Json.createObjectBuilder().add("provider", "CUSTOM").add("name", name)
                .add("queueId", queueId).add("language", "en").build()));
    }

    private static JsonObjectBuilder timeoutBody(String name, JsonValue timeout) {
        return Json.createObjectBuilder().add("name", name).add("routingRule", "TO_ALL")
                .add("completionTimeoutMinutes", timeout);
    }

    private static void assertProblem(int status, String code, String field, ApiResponse response) {
        assertEquals(status, response.status(), response::toString);
        assertEquals("application/problem+json", response.contentType(), response::toString);
        assertEquals(code, response.object().getString("code"), response::toString);
        if (field != null) {
            JsonObject error = response.object().getJsonArray("errors").getJsonObject(0);
            assertEquals(field, error.getString("field"), response::toString);
            assertFalse(error.getString("message").isBlank(), response::toString);
        }
    }

    @Test
    @DisplayName("CH-02 CH-13 a chat queue is created with 201 and Location, changed with its version, and deleted")
    void queueLifecycle() {
        ApiClient admin = admin();
        String name = Fixtures.unique("1st line support");
        JsonObject queue = created(admin.post(QUEUES, timeoutBody(name, Json.createValue(30)).build()));
        assertEquals(name, queue.getString("name"));
        assertEquals("TO_ALL", queue.getString("routingRule"));
        assertEquals(30, queue.getInt("completionTimeoutMinutes"));
        String path = QUEUES + "/" + queue.getInt("id");

        ApiResponse changed = admin.put(path, Json.createObjectBuilder().add("name", name + " (day)")
                .add("routingRule", "LEAST_BUSY").add("completionTimeoutMinutes", "")
                .add("version", queue.getInt("version")).build());
        ApiResponse stale = admin.put(path, Json.createObjectBuilder().add("name", name)
                .add("routingRule", "TO_ALL").add("version", queue.getInt("version") - 1).build());

        assertEquals(200, changed.status(), changed::toString);
        assertEquals(name + " (day)", changed.object().getString("name"));
        assertEquals("LEAST_BUSY", changed.object().getString("routingRule"));
        assertFalse(changed.object().containsKey("completionTimeoutMinutes")
                && !changed.object().isNull("completionTimeoutMinutes"), "CH-05 empty = never: " + changed);
        assertProblem(409, "error.concurrentChange", null, stale);
        assertTrue(admin.get(QUEUES).body().contains("\"" + name + " (day)\""));
        ApiResponse deleted = admin.delete(path);
        assertEquals(204, deleted.status(), deleted::toString);
        assertProblem(404, "error.notFound", null, admin.get(path));
    }

    @Test
    @DisplayName("CH-13 completion timeout 0, -1, 1.5 and \"abc\" are refused with 400 on the field; 1 and empty are taken")
    void completionTimeoutValidated() {
        ApiClient admin = admin();
        for (JsonValue bad : List.of(Json.createValue(0), Json.createValue(-1), Json.createValue(1.5),
                Json.createValue("abc"), Json.createValue(10_081))) {
            ApiResponse refused = admin.post(QUEUES, timeoutBody(Fixtures.unique("timeout"), bad).build());
            assertProblem(400, "validation.chatQueue.completionTimeout", "completionTimeoutMinutes", refused);
            assertTrue(refused.object().getString("detail").contains("whole number of minutes"), refused::toString);
        }
        JsonObject one = created(admin.post(QUEUES, timeoutBody(Fixtures.unique("timeout"), Json.createValue(1))
                .build()));
        JsonObject never = created(admin.post(QUEUES, timeoutBody(Fixtures.unique("timeout"), JsonValue.NULL)
                .build()));
        assertEquals(1, one.getInt("completionTimeoutMinutes"));
        assertTrue(!never.containsKey("completionTimeoutMinutes") || never.isNull("completionTimeoutMinutes"));
    }

    @Test
    @DisplayName("CH-02 queue and channel names are required and unique regardless of case")
    void namesRequiredAndUnique() {
        ApiClient admin = admin();
        String name = Fixtures.unique("Sales");
        JsonObject queue = queue(admin, name);
        String channelName = Fixtures.unique("Web chat");
        channel(admin, channelName, queue.getInt("id"));

        assertProblem(409, "error.chatQueue.nameTaken", "name", admin.post(QUEUES, Json.createObjectBuilder()
                .add("name", "  " + name.toUpperCase() + " ").add("routingRule", "TO_ALL").build()));
        assertProblem(400, "validation.required", "name", admin.post(QUEUES, Json.createObjectBuilder()
                .add("name", "   ").add("routingRule", "TO_ALL").build()));
        assertProblem(400, "validation.tooLong", "name", admin.post(QUEUES, Json.createObjectBuilder()
                .add("name", "x".repeat(101)).add("routingRule", "TO_ALL").build()));
        assertProblem(409, "error.channel.nameTaken", "name", admin.post(CHANNELS, Json.createObjectBuilder()
                .add("provider", "CUSTOM").add("name", channelName.toUpperCase()).add("queueId", queue.getInt("id"))
                .add("language", "en").build()));
    }

    @Test
    @DisplayName("CH-06 a queue's operators are users and roles, replaced as a set; unknown ones are refused")
    void operators() {
        ApiClient admin = admin();
        JsonObject role = Fixtures.role(admin, Fixtures.unique("Call centre managers"));
        JsonObject user = Fixtures.user(admin, Fixtures.unique("operator"));
        JsonObject queue = queue(admin, Fixtures.unique("Operators"));
        String path = QUEUES + "/" + queue.getInt("id") + "/operators";

        ApiResponse both = admin.put(path, Json.createObjectBuilder()
                .add("userIds", Json.createArrayBuilder().add(user.getInt("id")))
                .add("roleIds", Json.createArrayBuilder().add(role.getInt("id"))).build());
        assertEquals(200, both.status(), both::toString);
        assertEquals(Map.of("USER", user.getString("login"), "ROLE", role.getString("name")),
                both.object().getJsonArray("operators").stream().map(JsonValue::asJsonObject)
                        .collect(Collectors.toMap(o -> o.getString("kind"), o -> o.getString("name"))));

        ApiResponse roleOnly = admin.put(path, Json.createObjectBuilder().add("userIds", Json.createArrayBuilder())
                .add("roleIds", Json.createArrayBuilder().add(role.getInt("id"))).build());
        assertEquals(200, roleOnly.status(), roleOnly::toString);
        assertEquals(List.of(role.getString("name")), roleOnly.object().getJsonArray("operators").stream()
                .map(o -> o.asJsonObject().getString("name")).toList());
        assertEquals(roleOnly.object().getJsonArray("operators"),
                admin.get(QUEUES + "/" + queue.getInt("id")).object().getJsonArray("operators"));

        assertProblem(400, "validation.chatQueue.unknownUser", "userIds", admin.put(path, Json.createObjectBuilder()
                .add("userIds", Json.createArrayBuilder().add(987_654_321L)).build()));
        ApiResponse candidates = admin.get(QUEUES + "/operator-candidates");
        assertTrue(candidates.body().contains("\"" + user.getString("login") + "\""), candidates::toString);
    }

    @Test
    @DisplayName("CH-10 CH-11 CH-14 a Custom (JMS) channel is created bound to a queue, changed and deleted")
    void channelLifecycle() {
        ApiClient admin = admin();
        JsonObject queue = queue(admin, Fixtures.unique("Support"));
        JsonObject other = queue(admin, Fixtures.unique("Support RU"));
        String name = Fixtures.unique("Shop chat");
        JsonObject channel = channel(admin, name, queue.getInt("id"));
        assertEquals("CUSTOM", channel.getString("provider"));
        assertTrue(channel.getBoolean("active"));
        assertEquals(queue.getString("name"), channel.getString("queueName"));
        String path = CHANNELS + "/" + channel.getInt("id");

        ApiResponse changed = admin.put(path, Json.createObjectBuilder().add("name", name).add("active", false)
                .add("queueId", other.getInt("id")).add("language", "ru")
                .add("version", channel.getInt("version")).build());

        assertEquals(200, changed.status(), changed::toString);
        assertFalse(changed.object().getBoolean("active"));
        assertEquals(other.getInt("id"), changed.object().getInt("queueId"));
        assertEquals("ru", changed.object().getString("language"));
        assertProblem(400, "validation.chat.language", "language", admin.put(path, Json.createObjectBuilder()
                .add("name", name).add("queueId", other.getInt("id")).add("language", "de")
                .add("version", changed.object().getInt("version")).build()));
        assertEquals(204, admin.delete(path).status());
        assertProblem(404, "error.notFound", null, admin.get(path));
    }

    @Test
    @DisplayName("CH-14 a channel without a queue, or with an unknown one, is refused on the queue field")
    void channelNeedsQueue() {
        ApiClient admin = admin();

        ApiResponse none = admin.post(CHANNELS, Json.createObjectBuilder().add("provider", "CUSTOM")
                .add("name", Fixtures.unique("Orphan")).add("language", "en").build());
        ApiResponse unknown = admin.post(CHANNELS, Json.createObjectBuilder().add("provider", "CUSTOM")
                .add("name", Fixtures.unique("Orphan")).add("queueId", 987_654_321L).add("language", "en").build());

        assertProblem(400, "validation.chat.queueRequired", "queueId", none);
        assertProblem(400, "validation.chat.unknownQueue", "queueId", unknown);
    }

    @Test
    @DisplayName("CH-10 CH-15 FB-02 \"+\" offers Telegram, WhatsApp, Facebook Messenger and Custom (JMS); a Facebook "
            + "channel without its page is refused with where pages are added; a Telegram channel without a token is "
            + "refused on the token")
    void availableProviders() {
        ApiClient admin = admin();
        JsonObject queue = queue(admin, Fixtures.unique("Messenger queue"));

        ApiResponse providers = admin.get(CHANNELS + "/providers");
        ApiResponse facebook = admin.post(CHANNELS, Json.createObjectBuilder().add("provider", "FACEBOOK")
                .add("name", Fixtures.unique("Page")).add("queueId", queue.getInt("id")).add("language", "en").build());
        ApiResponse telegram = admin.post(CHANNELS, Json.createObjectBuilder().add("provider", "TELEGRAM")
                .add("name", Fixtures.unique("Bot")).add("queueId", queue.getInt("id")).add("language", "en").build());

        assertEquals(200, providers.status(), providers::toString);
        assertEquals(List.of("TELEGRAM", "WHATSAPP", "FACEBOOK", "CUSTOM"), providers.array().stream()
                .map(p -> ((jakarta.json.JsonString) p).getString()).toList());
        assertProblem(409, "error.facebook.signInToAdd", null, facebook);
        assertEquals("Facebook channels are added by signing in to Facebook: Designer → Chat settings → \"+\" → "
                + "Facebook Messenger.", facebook.object().getString("detail"));
        assertProblem(400, "validation.required", "botToken", telegram);
    }

    @Test
    @DisplayName("CH-10 a channel with a chat cannot be deleted (deactivate it instead), nor its queue")
    void channelWithChatKept() {
        ApiClient admin = admin();
        ChatScenario scenario = new ChatScenario(base);
        long queueId = scenario.queue("TO_ALL", null);
        long channelId = scenario.channel(queueId, true);
        String channelName = admin.get(CHANNELS + "/" + channelId).object().getString("name");
        String text = Fixtures.unique("hello");
        scenario.inbound(channelId, Fixtures.unique("client"), text);
        await().atMost(ofSeconds(30)).pollInterval(ofMillis(250)).until(() -> chatCreatedOn(admin, channelId));
        String path = CHANNELS + "/" + channelId;

        ApiResponse english = admin.delete(path);
        ApiResponse russian = admin.send(HttpRequest.newBuilder(admin.resolve(path)).DELETE()
                .header("Accept", "application/json").header("Accept-Language", "ru").build());
        ApiResponse queueInUse = admin.delete(QUEUES + "/" + queueId);

        assertProblem(409, "error.channel.hasChats", null, english);
        assertEquals("This channel has chats and cannot be deleted. Deactivate it instead.",
                english.object().getString("detail"));
        assertEquals("В этом канале есть чаты, удалить его нельзя. Деактивируйте его.",
                russian.object().getString("detail"), russian::toString);
        assertProblem(409, "error.chatQueue.usedByChannels", null, queueInUse);
        assertTrue(queueInUse.object().getString("detail").contains(channelName), queueInUse::toString);
        JsonObject current = admin.get(path).object();
        ApiResponse deactivated = admin.put(path, Json.createObjectBuilder().add("name", channelName)
                .add("active", false).add("queueId", queueId).add("language", "en")
                .add("version", current.getInt("version")).build());
        assertEquals(200, deactivated.status(), deactivated::toString);
        assertFalse(deactivated.object().getBoolean("active"));
    }

    @Test
    @DisplayName("CH-07 a chat action \"Create case\" starting CreateCaseFromChat is created, changed and deleted; "
            + "its queue cannot be deleted meanwhile")
    void actionLifecycle() {
        ApiClient admin = admin();
        JsonObject queue = queue(admin, Fixtures.unique("Cases"));
        ApiResponse processes = admin.get(ACTIONS + "/processes");
        assertTrue(processes.body().contains("\"CreateCaseFromChat\""), processes::toString);

        JsonObject action = created(admin.post(ACTIONS, Json.createObjectBuilder().add("title", "Create case")
                .add("process", "CreateCaseFromChat").add("queueId", queue.getInt("id")).build()));
        assertEquals(queue.getString("name"), action.getString("queueName"));
        ApiResponse queueInUse = admin.delete(QUEUES + "/" + queue.getInt("id"));
        ApiResponse unknownProcess = admin.post(ACTIONS, Json.createObjectBuilder().add("title", "Drop")
                .add("process", "DropEverything").add("queueId", queue.getInt("id")).build());
        ApiResponse sameTitle = admin.post(ACTIONS, Json.createObjectBuilder().add("title", "CREATE CASE")
                .add("process", "CreateCaseFromChat").add("queueId", queue.getInt("id")).build());
        String path = ACTIONS + "/" + action.getInt("id");
        ApiResponse renamed = admin.put(path, Json.createObjectBuilder().add("title", "Create a case")
                .add("process", "CreateCaseFromChat").add("queueId", queue.getInt("id"))
                .add("version", action.getInt("version")).build());

        assertProblem(409, "error.chatQueue.usedByActions", null, queueInUse);
        assertTrue(queueInUse.object().getString("detail").contains("Create case"), queueInUse::toString);
        assertProblem(400, "validation.chatAction.process", "process", unknownProcess);
        assertProblem(409, "error.chatAction.titleTaken", "title", sameTitle);
        assertEquals(200, renamed.status(), renamed::toString);
        assertEquals("Create a case", renamed.object().getString("title"));
        assertEquals(204, admin.delete(path).status());
        assertEquals(204, admin.delete(QUEUES + "/" + queue.getInt("id")).status(), "a queue no longer used goes");
    }

    @Test
    @DisplayName("CH-11 quick replies are kept per language: created, changed, deleted; other languages refused")
    void quickReplies() {
        ApiClient admin = admin();
        String title = Fixtures.unique("Greeting");
        JsonObject english = created(admin.post(REPLIES, Json.createObjectBuilder().add("language", "en")
                .add("title", title).add("body", "Hello! How can I help?").build()));
        JsonObject russian = created(admin.post(REPLIES, Json.createObjectBuilder().add("language", "ru")
                .add("title", title).add("body", "Здравствуйте! Чем могу помочь?").build()));

        ApiResponse twice = admin.post(REPLIES, Json.createObjectBuilder().add("language", "en")
                .add("title", title.toUpperCase()).add("body", "Hi").build());
        ApiResponse german = admin.post(REPLIES, Json.createObjectBuilder().add("language", "de")
                .add("title", title).add("body", "Hallo").build());
        ApiResponse changed = admin.put(REPLIES + "/" + english.getInt("id"), Json.createObjectBuilder()
                .add("language", "en").add("title", title).add("body", "Hi there!")
                .add("version", english.getInt("version")).build());

        assertProblem(409, "error.quickReply.titleTaken", "title", twice);
        assertProblem(400, "validation.chat.language", "language", german);
        assertEquals(200, changed.status(), changed::toString);
        assertEquals("Hi there!", changed.object().getString("body"));
        assertEquals("Здравствуйте! Чем могу помочь?",
                admin.get(REPLIES + "/" + russian.getInt("id")).object().getString("body"));
        assertEquals(204, admin.delete(REPLIES + "/" + english.getInt("id")).status());
        assertEquals(204, admin.delete(REPLIES + "/" + russian.getInt("id")).status());
    }

    @Test
    @DisplayName("X-03 CH-06 every change publishes ChatSettingsChanged, operators included")
    void changesPublished() {
        ApiClient admin = admin();
        String name = Fixtures.unique("Published");
        JsonObject queue = queue(admin, name);
        admin.put(QUEUES + "/" + queue.getInt("id") + "/operators", Json.createObjectBuilder()
                .add("roleIds", Json.createArrayBuilder().add(Fixtures.administratorsRole(admin))).build());
        admin.delete(QUEUES + "/" + queue.getInt("id"));

        List<String> changes = await().atMost(ofSeconds(30)).pollInterval(ofMillis(250)).until(
                () -> journaled(admin, name), list -> list.size() == 3);

        assertEquals(List.of("CREATED", "DELETED", "OPERATORS_CHANGED"), changes.stream().sorted().toList());
    }

    /** Whether the event journal holds a ChatCreated of the channel (the inbound message is processed async). */
    private static boolean chatCreatedOn(ApiClient admin, long channelId) {
        return admin.get("api/v1/events?type=ChatCreated&max=500").object().getJsonArray("events").stream()
                .map(e -> Json.createReader(new StringReader(e.asJsonObject().getString("payload"))).readObject())
                .anyMatch(body -> body.getJsonObject("data").getJsonNumber("channelId").longValue() == channelId);
    }

    /** The {@code change} of each journaled ChatSettingsChanged about a queue of that name. */
    private static List<String> journaled(ApiClient admin, String name) {
        return admin.get("api/v1/events?type=ChatSettingsChanged&max=500").object().getJsonArray("events").stream()
                .map(JsonValue::asJsonObject)
                .filter(e -> name.equals(e.getString("subject")))
                .map(e -> Json.createReader(new StringReader(e.getString("payload"))).readObject())
                .peek(body -> assertEquals("QUEUE", body.getJsonObject("data").getString("entity")))
                .map(body -> body.getJsonObject("data").getString("change"))
                .toList();
    }

    @Test
    @DisplayName("X-02 a user without CanManageChats gets 403 on every chat-settings endpoint and on the page")
    void refusedWithoutOperation() {
        ApiClient admin = admin();
        JsonObject queue = queue(admin, Fixtures.unique("Guarded"));
        String login = Fixtures.unique("clerk");
        Fixtures.user(admin, login);
        ApiClient clerk = ApiClient.as(base, login, Fixtures.PASSWORD);
        JsonObject anyBody = Json.createObjectBuilder().add("name", "x").add("version", 0).build();

        for (String path : List.of(QUEUES, CHANNELS, ACTIONS, REPLIES, CHANNELS + "/providers",
                ACTIONS + "/processes", QUEUES + "/operator-candidates", QUEUES + "/" + queue.getInt("id"))) {
            assertProblem(403, "error.forbidden", null, clerk.get(path));
        }
        for (String path : List.of(QUEUES, CHANNELS, ACTIONS, REPLIES)) {
            assertProblem(403, "error.forbidden", null, clerk.post(path, anyBody));
            assertProblem(403, "error.forbidden", null, clerk.put(path + "/1", anyBody));
            assertProblem(403, "error.forbidden", null, clerk.delete(path + "/1"));
        }
        assertProblem(403, "error.forbidden", null, clerk.put(QUEUES + "/" + queue.getInt("id") + "/operators",
                Json.createObjectBuilder().build()));
        assertEquals(200, admin.get(QUEUES + "/" + queue.getInt("id")).status(), "nothing changed");
        assertEquals(403, signedIn(login).get(PAGE).status());
    }

    @Test
    @DisplayName("X-02 CH-01 a holder of CanManageChats only (no administrator) opens and changes the chat settings, "
            + "and nothing else of the designer")
    void chatManagerWithoutAdministration() {
        ApiClient admin = admin();
        String login = Fixtures.unique("chatmanager");
        JsonObject user = Fixtures.user(admin, login);
        Fixtures.grantToUser(admin, "CanManageChats", user.getInt("id"));
        ApiClient manager = ApiClient.as(base, login, Fixtures.PASSWORD);

        for (String path : List.of(QUEUES, CHANNELS, ACTIONS, REPLIES)) {
            assertEquals(200, manager.get(path).status(), path);
        }
        JsonObject queue = queue(manager, Fixtures.unique("Managed"));
        channel(manager, Fixtures.unique("Managed channel"), queue.getInt("id"));
        assertEquals(403, manager.get("api/v1/settings").status());
        ApiClient page = signedIn(login);
        ApiResponse settingsPage = page.get(PAGE);
        assertEquals(200, settingsPage.status(), settingsPage::toString);
        assertTrue(settingsPage.body().contains(queue.getString("name")), "the page lists the new queue");
        assertEquals(403, page.get("designer/settings.xhtml").status());
    }

    /** A browser-like client signed in through the login page (pages take no HTTP Basic). */
    private ApiClient signedIn(String login) {
        ApiClient client = ApiClient.anonymous(base).header("Accept", "text/html");
        ApiResponse signIn = client.signIn(login, Fixtures.PASSWORD);
        assertEquals(302, signIn.status(), signIn::toString);
        return client;
    }
}
