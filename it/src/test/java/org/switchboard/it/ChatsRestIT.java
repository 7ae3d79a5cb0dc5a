package org.switchboard.it;

import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chats REST API on the deployed EAR (CH-03, CH-04, CH-12, X-02): an operator accepts, replies with text and a
 * file, and finishes a chat; wrong input is 400 on its field; a user who does not serve the queue is refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatsRestIT {

    private static final String CAPACITY = "SimultaneousChats";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    @AfterEach
    void restoreCapacity() {
        new ChatScenario(base).restoreDefault(CAPACITY);
    }

    /** A "To all" queue served by one fresh operator, with a Custom channel. */
    private record Setup(ChatScenario scenario, ChatScenario.Operator operator, long queueId, long channelId) {

        static Setup toAll(URL base) {
            ChatScenario scenario = new ChatScenario(base);
            ChatScenario.Operator operator = scenario.operator("operator");
            long queueId = scenario.queue("TO_ALL", null, operator);
            return new Setup(scenario, operator, queueId, scenario.channel(queueId, true));
        }

        /** Posts a client's message and returns the id of the chat it opened, once routed. */
        long inboundChat(String text) {
            return scenario.openChat(channelId, text);
        }
    }

    @Test
    @DisplayName("CH-12 CH-03 CH-07 an operator accepts, replies with text and a file, runs an action, finishes")
    void acceptReplyFinish() {
        Setup setup = Setup.toAll(base);
        ApiClient operator = setup.operator().api();
        String hello = Fixtures.unique("Hello from REST");
        long chatId = setup.inboundChat(hello);
        await().atMost(ofSeconds(30)).until(() -> operator.get("api/v1/chats/" + chatId).object()
                .getBoolean("canAccept"));

        ApiResponse accepted = operator.post("api/v1/chats/" + chatId + "/accept", null);
        assertEquals(200, accepted.status(), accepted::toString);
        assertEquals("ACTIVE", accepted.object().getString("status"));
        assertEquals(setup.operator().login(), accepted.object().getString("operatorLogin"));

        byte[] file = "order 42\n".getBytes(StandardCharsets.UTF_8);
        ApiResponse sent = operator.post("api/v1/chats/" + chatId + "/messages", Json.createObjectBuilder()
                .add("text", "Here is your invoice")
                .add("files", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("fileName", "invoice \"42\".txt").add("contentType", "text/plain")
                        .add("content", Base64.getEncoder().encodeToString(file))))
                .build());
        assertEquals(201, sent.status(), sent::toString);
        JsonObject reply = sent.object();
        assertEquals("OUTBOUND", reply.getString("direction"));
        assertEquals("Here is your invoice", reply.getString("body"));
        assertEquals(setup.operator().login(), reply.getString("authorLogin"));
        assertEquals(1, reply.getJsonArray("attachments").size());

        long attachmentId = reply.getJsonArray("attachments").getJsonObject(0).getJsonNumber("id").longValue();
        HttpResponse<byte[]> download = download(setup.operator().login(),
                "api/v1/chat-attachments/" + attachmentId);
        assertEquals(200, download.statusCode());
        assertArrayEquals(file, download.body());
        assertTrue(download.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(download.headers().firstValue("Content-Disposition").orElse("")
                .startsWith("attachment; filename=\"invoice _42_.txt\""), download.headers()::toString);

        long actionId = setup.scenario().chatAction(Fixtures.unique("Create case"), setup.queueId(),
                "CreateCaseFromChat");
        ApiResponse ran = operator.post("api/v1/chats/" + chatId + "/actions/" + actionId, null);
        assertEquals(200, ran.status(), ran::toString);
        assertFalse(ran.object().getString("message").isBlank(), ran::toString);

        JsonObject detail = operator.get("api/v1/chats/" + chatId).object();
        assertEquals(1, detail.getJsonArray("cases").size(), detail::toString);
        assertEquals(2, detail.getJsonArray("messages").size(), detail::toString);
        assertEquals(hello, detail.getJsonArray("messages").getJsonObject(0).getString("body"));
        assertTrue(detail.getBoolean("canFinish"));

        ApiResponse finished = operator.post("api/v1/chats/" + chatId + "/finish", null);
        assertEquals(200, finished.status(), finished::toString);
        assertEquals("COMPLETED", finished.object().getString("status"));
        ApiResponse history = operator.get("api/v1/chats?status=COMPLETED&text=" + hello.replace(" ", "%20"));
        assertEquals(200, history.status(), history::toString);
        assertEquals(1, history.object().getJsonNumber("total").longValue(), history::toString);
        assertEquals(chatId, history.object().getJsonArray("chats").getJsonObject(0).getJsonNumber("id").longValue());
    }

    @Test
    @DisplayName("SM-03 X-03 issue 18: the Event log an administrator reads holds no chat text: the message events "
            + "of a contact's message and an operator's reply carry their length, not their words")
    void messageEventsCarryNoText() {
        Setup setup = Setup.toAll(base);
        ApiClient operator = setup.operator().api();
        String hello = Fixtures.unique("My card is 4111 1111 1111 1111, ref");
        long chatId = setup.inboundChat(hello);
        await().atMost(ofSeconds(30)).until(() -> operator.get("api/v1/chats/" + chatId).object()
                .getBoolean("canAccept"));
        assertEquals(200, operator.post("api/v1/chats/" + chatId + "/accept", null).status());
        String answer = Fixtures.unique("Your new PIN is 8264, ref");
        assertEquals(201, operator.post("api/v1/chats/" + chatId + "/messages",
                Json.createObjectBuilder().add("text", answer).build()).status());

        ApiClient admin = ApiClient.asAdmin(base);
        for (String[] expected : List.of(new String[] {"ChatMessageReceived", hello},
                new String[] {"ChatMessageSent", answer})) {
            JsonObject entry = await(expected[0] + " of chat " + chatId + " in the Event log").atMost(ofSeconds(30))
                    .until(() -> admin.get("api/v1/events?type=" + expected[0] + "&max=500").object()
                            .getJsonArray("events").stream().map(JsonValue::asJsonObject)
                            .filter(e -> ("chat " + chatId).equals(e.getString("subject"))).findFirst(),
                            java.util.Optional::isPresent).orElseThrow();
            assertEquals(2, entry.getInt("version"), entry::toString);
            assertFalse(entry.toString().contains(expected[1].substring(0, 12)), entry::toString);
            JsonObject data = Json.createReader(new StringReader(entry.getString("payload"))).readObject()
                    .getJsonObject("data");
            assertEquals(expected[1].length(), data.getInt("textLength"), data::toString);
        }
        assertEquals(answer, operator.get("api/v1/chats/" + chatId).object().getJsonArray("messages")
                .getJsonObject(1).getString("body"), "those who may read the chat read its text over REST");
    }

    @Test
    @DisplayName("CH-12 an empty reply is refused with 400 on the field text")
    void emptyReplyRefused() {
        ApiClient admin = ApiClient.asAdmin(base);
        String login = Fixtures.unique("replier");
        Fixtures.user(admin, login);
        ApiClient user = ApiClient.as(base, login, Fixtures.PASSWORD);

        ApiResponse blank = user.post("api/v1/chats/1/messages", Json.createObjectBuilder().add("text", "  ").build());

        assertEquals(400, blank.status(), blank::toString);
        assertEquals("application/problem+json", blank.contentType());
        assertEquals("validation.chat.replyEmpty", blank.object().getString("code"));
        assertEquals("text", blank.object().getJsonArray("errors").getJsonObject(0).getString("field"));
        ApiResponse none = user.post("api/v1/chats/1/messages", Json.createObjectBuilder()
                .add("files", Json.createArrayBuilder()).build());
        assertEquals(400, none.status(), none::toString);
        ApiResponse badFile = user.post("api/v1/chats/1/messages", Json.createObjectBuilder()
                .add("files", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("fileName", "x.txt").add("content", "%%%"))).build());
        assertEquals(400, badFile.status(), badFile::toString);
        assertEquals("files[0].content", badFile.object().getJsonArray("errors").getJsonObject(0).getString("field"));
    }

    @Test
    @DisplayName("CH-12 the Chats search refuses a wrong status or date with 400 on its field; no credentials is 401")
    void searchInputRefused() {
        ApiClient admin = ApiClient.asAdmin(base);

        ApiResponse status = admin.get("api/v1/chats?status=SLEEPING");
        assertEquals(400, status.status(), status::toString);
        assertEquals("status", status.object().getJsonArray("errors").getJsonObject(0).getString("field"));
        ApiResponse date = admin.get("api/v1/chats?from=25.11.2026");
        assertEquals(400, date.status(), date::toString);
        assertEquals("from", date.object().getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals(401, ApiClient.anonymous(base).get("api/v1/chats").status());
    }

    @Test
    @DisplayName("X-02 CH-03 a user who does not serve the chat's queue can neither accept, read nor answer it")
    void outsiderRefused() {
        Setup setup = Setup.toAll(base);
        String hello = Fixtures.unique("Hello outsider");
        long chatId = setup.inboundChat(hello);
        ApiClient stranger = setup.scenario().operator("outsider").api();

        // The service hides a chat the caller may not see: the same answer as for one that does not exist.
        ApiResponse accept = stranger.post("api/v1/chats/" + chatId + "/accept", null);
        assertEquals(404, accept.status(), accept::toString);
        assertEquals("application/problem+json", accept.contentType());
        assertEquals(404, stranger.get("api/v1/chats/" + chatId).status());
        assertEquals(404, stranger.post("api/v1/chats/" + chatId + "/messages",
                Json.createObjectBuilder().add("text", "mine now").build()).status());
        assertEquals(0, stranger.get("api/v1/chats?text=" + hello.replace(" ", "%20")).object()
                .getJsonNumber("total").longValue());
        assertEquals(200, setup.operator().api().post("api/v1/chats/" + chatId + "/accept", null).status(),
                "still offered to the queue's operator");
    }

    @Test
    @DisplayName("CH-04 CH-08 an operator reads their status with SimultaneousChats as capacity, and sets it "
            + "Active/Inactive; other values are 400")
    void operatorStatus() {
        Setup setup = Setup.toAll(base);
        // Not the default (5), so the capacity shown must come from the setting.
        setup.scenario().setting(CAPACITY, "3");
        ApiClient operator = setup.operator().api();

        ApiResponse initial = operator.get("api/v1/me/operator-status");
        assertEquals(200, initial.status(), initial::toString);
        assertEquals("ACTIVE", initial.object().getString("status"));
        assertEquals(0, initial.object().getInt("activeChats"));
        assertEquals(3, initial.object().getInt("capacity"));

        ApiResponse inactive = operator.put("api/v1/me/operator-status",
                Json.createObjectBuilder().add("status", "INACTIVE").build());
        assertEquals(200, inactive.status(), inactive::toString);
        assertEquals("INACTIVE", inactive.object().getString("status"));
        assertEquals("INACTIVE", operator.get("api/v1/me/operator-status").object().getString("status"));

        ApiResponse wrong = operator.put("api/v1/me/operator-status",
                Json.createObjectBuilder().add("status", "ASLEEP").build());
        assertEquals(400, wrong.status(), wrong::toString);
        assertEquals("status", wrong.object().getJsonArray("errors").getJsonObject(0).getString("field"));

        ApiResponse active = operator.put("api/v1/me/operator-status",
                Json.createObjectBuilder().add("status", "ACTIVE").build());
        assertEquals("ACTIVE", active.object().getString("status"), active::toString);
    }

    /** Downloads bytes as the user (ApiClient reads bodies as text). */
    private HttpResponse<byte[]> download(String login, String path) {
        String basic = Base64.getEncoder().encodeToString((login + ":" + Fixtures.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(Deployments.resolve(base, path))
                .header("Authorization", "Basic " + basic).GET().build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
