package org.switchboard.it;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.switchboard.it.ChatScenario.Operator;

/**
 * The chat rules on the deployed EAR (CH-03, CH-04, CH-06, CH-08, X-03): inbound over REST and the JMS queue, routing
 * by each rule, queues served through a role, capacity, idempotency and dead letters. Asynchronous outcomes are polled
 * with a deadline. The accept and completion timeouts (CH-04, CH-05) are {@link ChatTimeoutsIT}, which moves the clock
 * inside the server.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatRoutingIT {

    private static final String CAPACITY = "SimultaneousChats";
    private static final String ACCEPT_TIMEOUT = "OmniChatOperatorAcceptChatTimeout";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    private ChatScenario scenario;

    @BeforeEach
    void scenario() {
        scenario = new ChatScenario(base);
    }

    @AfterEach
    void restoreSettings() {
        scenario.restoreDefault(CAPACITY);
        scenario.restoreDefault(ACCEPT_TIMEOUT);
    }

    private static long chatId(JsonObject summary) {
        return summary.getJsonNumber("id").longValue();
    }

    private JsonObject awaitStatus(long chatId, String status) {
        return await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> scenario.summary(chatId), s -> status.equals(s.getString("status")));
    }

    private static List<Long> ids(ApiResponse myChats, String list) {
        return myChats.object().getJsonArray(list).stream().map(JsonValue::asJsonObject)
                .map(ChatRoutingIT::chatId).toList();
    }

    @Test
    @DisplayName("CH-03 'To all' offers a new chat to every operator; of two accepting at once exactly one wins")
    void toAllFirstAcceptWins() throws Exception {
        Operator alice = scenario.operator("alice");
        Operator bob = scenario.operator("bob");
        long channel = scenario.channel(scenario.queue("TO_ALL", null, alice, bob), true);
        scenario.inbound(channel, "c1", "hello to all");
        long chat = chatId(scenario.awaitChat(channel, "hello to all"));
        awaitStatus(chat, "OFFERED");
        assertTrue(ids(alice.api().get("api/v1/me/chats"), "offered").contains(chat));
        assertTrue(ids(bob.api().get("api/v1/me/chats"), "offered").contains(chat));

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> aliceAccepts = () -> {
                start.await();
                return alice.api().post("api/v1/chats/" + chat + "/accept", JsonValue.EMPTY_JSON_OBJECT).status();
            };
            Callable<Integer> bobAccepts = () -> {
                start.await();
                return bob.api().post("api/v1/chats/" + chat + "/accept", JsonValue.EMPTY_JSON_OBJECT).status();
            };
            Future<Integer> a = pool.submit(aliceAccepts);
            Future<Integer> b = pool.submit(bobAccepts);
            start.countDown();
            List<Integer> statuses = List.of(a.get(), b.get());
            assertEquals(List.of(200, 409), statuses.stream().sorted().toList(), statuses::toString);
        } finally {
            pool.shutdownNow();
        }
        JsonObject accepted = scenario.summary(chat);
        assertEquals("ACTIVE", accepted.getString("status"));
        String winner = accepted.getString("operatorLogin");
        Operator loser = winner.equals(alice.login()) ? bob : alice;
        assertFalse(ids(loser.api().get("api/v1/me/chats"), "offered").contains(chat));
        assertEquals(409, loser.api().post("api/v1/chats/" + chat + "/accept", JsonValue.EMPTY_JSON_OBJECT).status());
    }

    @Test
    @DisplayName("CH-04 'To the least busy' assigns to the operator with fewest chats, on a tie the longest idle; "
            + "the decision shows every candidate")
    void leastBusyWithTieRule() {
        Operator alice = scenario.operator("alice");
        Operator bob = scenario.operator("bob");
        long channel = scenario.channel(scenario.queue("LEAST_BUSY", null, alice, bob), true);

        // Both hold no chat and never took one: the tie goes by user id, so alice (created first) gets the first.
        scenario.inbound(channel, "c1", "first least busy");
        long first = chatId(scenario.awaitChat(channel, "first least busy"));
        assertEquals(alice.login(), awaitStatus(first, "ASSIGNED").getString("operatorLogin"));
        assertEquals(200, alice.api().post("api/v1/chats/" + first + "/accept", JsonValue.EMPTY_JSON_OBJECT).status());

        // Alice holds one chat, bob none: bob is least busy.
        scenario.inbound(channel, "c2", "second least busy");
        long second = chatId(scenario.awaitChat(channel, "second least busy"));
        assertEquals(bob.login(), awaitStatus(second, "ASSIGNED").getString("operatorLogin"));
        assertEquals(200, bob.api().post("api/v1/chats/" + second + "/accept", JsonValue.EMPTY_JSON_OBJECT).status());

        // One chat each: alice took hers longer ago, so the tie rule gives her the third.
        scenario.inbound(channel, "c3", "third least busy");
        long third = chatId(scenario.awaitChat(channel, "third least busy"));
        assertEquals(alice.login(), awaitStatus(third, "ASSIGNED").getString("operatorLogin"));

        JsonObject decision = scenario.chat(third).getJsonArray("routing").getJsonObject(0);
        assertEquals("ASSIGNED", decision.getString("outcome"));
        Map<String, JsonObject> candidates = decision.getJsonArray("candidates").stream()
                .map(JsonValue::asJsonObject).collect(Collectors.toMap(c -> c.getString("login"), c -> c));
        assertEquals("CHOSEN", candidates.get(alice.login()).getString("verdict"));
        assertEquals("TOOK_A_CHAT_MORE_RECENTLY", candidates.get(bob.login()).getString("verdict"));
        assertEquals(1, candidates.get(alice.login()).getInt("load"));
        assertEquals(1, candidates.get(bob.login()).getInt("load"));
    }

    /** The logins the chat's first routing decision weighed: the queue's operators when it was routed (CH-06). */
    private Set<String> candidates(long chatId) {
        return scenario.chat(chatId).getJsonArray("routing").getJsonObject(0).getJsonArray("candidates").stream()
                .map(c -> c.asJsonObject().getString("login")).collect(Collectors.toSet());
    }

    @Test
    @DisplayName("CH-06 CH-04 a queue served only through a role: 'least busy' chooses among the role's members; a "
            + "user outside the role is no candidate and cannot see the chat")
    void leastBusyAmongRoleMembers() {
        Operator anna = scenario.operator("anna");
        Operator boris = scenario.operator("boris");
        Operator outsider = scenario.operator("outsider");
        long channel = scenario.channel(scenario.queueOfRoles("LEAST_BUSY", scenario.role(anna, boris)), true);

        // Both members are idle and were never assigned a chat: the tie goes by user id to anna; then boris holds
        // fewer chats.
        long first = scenario.openChat(channel, "first through the role");
        assertEquals(anna.login(), awaitStatus(first, "ASSIGNED").getString("operatorLogin"));
        assertEquals(200, anna.api().post("api/v1/chats/" + first + "/accept", JsonValue.EMPTY_JSON_OBJECT).status());
        long second = scenario.openChat(channel, "second through the role");
        assertEquals(boris.login(), awaitStatus(second, "ASSIGNED").getString("operatorLogin"));

        assertEquals(Set.of(anna.login(), boris.login()), candidates(second));
        assertEquals(404, outsider.api().get("api/v1/chats/" + second).status());
        ApiResponse outsiders = outsider.api().get("api/v1/me/chats");
        assertEquals(List.of(List.of(), List.of()), List.of(ids(outsiders, "offered"), ids(outsiders, "mine")));
    }

    @Test
    @DisplayName("CH-06 CH-03 a 'To all' queue served only through a role offers the chat to each member and to "
            + "nobody else; a member accepts it")
    void toAllOffersToRoleMembers() {
        Operator anna = scenario.operator("anna");
        Operator boris = scenario.operator("boris");
        Operator outsider = scenario.operator("outsider");
        long channel = scenario.channel(scenario.queueOfRoles("TO_ALL", scenario.role(anna, boris)), true);

        long chat = scenario.openChat(channel, "to all through the role");

        awaitStatus(chat, "OFFERED");
        assertEquals(Set.of(anna.login(), boris.login()), candidates(chat));
        assertEquals(List.of(chat), ids(anna.api().get("api/v1/me/chats"), "offered"));
        assertEquals(List.of(chat), ids(boris.api().get("api/v1/me/chats"), "offered"));
        assertEquals(List.of(), ids(outsider.api().get("api/v1/me/chats"), "offered"));
        assertEquals(404, outsider.api().post("api/v1/chats/" + chat + "/accept", JsonValue.EMPTY_JSON_OBJECT)
                .status());
        ApiResponse accepted = boris.api().post("api/v1/chats/" + chat + "/accept", JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(200, accepted.status(), accepted::toString);
        assertEquals(boris.login(), accepted.object().getString("operatorLogin"));
    }

    @Test
    @DisplayName("CH-06 a member removed from the queue's role gets no new chats once routing has read the queue's "
            + "operators again, within seconds")
    void removedMemberGetsNoNewChats() {
        // Whatever the stale seconds hand out must neither time out nor fill anyone up.
        scenario.setting(ACCEPT_TIMEOUT, "60");
        scenario.setting(CAPACITY, "50");
        Operator anna = scenario.operator("anna");
        Operator boris = scenario.operator("boris");
        long role = scenario.role(anna, boris);
        long channel = scenario.channel(scenario.queueOfRoles("LEAST_BUSY", role), true);
        long before = scenario.openChat(channel, "before the removal");
        assertEquals(anna.login(), awaitStatus(before, "ASSIGNED").getString("operatorLogin"));

        scenario.removeFromRole(role, anna);

        // Routing remembers a queue's operators for 2 s: until it reads them again, anna may still get a chat.
        long first = await("a chat routed without anna").atMost(ofSeconds(10)).pollInterval(ofMillis(100))
                .until(() -> scenario.openChat(channel, Fixtures.unique("after the removal")),
                        chat -> candidates(chat).equals(Set.of(boris.login())));
        assertEquals(boris.login(), awaitStatus(first, "ASSIGNED").getString("operatorLogin"));
        // Idle again, anna would be the least busy, were she still an operator.
        finishHeldChats(anna);
        long next = scenario.openChat(channel, "while anna is idle");
        assertEquals(boris.login(), awaitStatus(next, "ASSIGNED").getString("operatorLogin"));
        assertEquals(Set.of(boris.login()), candidates(next));
        // Finished, these chats keep no accept deadline that a later test class could reach.
        finishHeldChats(boris);
    }

    private void finishHeldChats(Operator operator) {
        for (long held : ids(operator.api().get("api/v1/me/chats"), "mine")) {
            ApiResponse finished = scenario.admin.post("api/v1/chats/" + held + "/finish",
                    JsonValue.EMPTY_JSON_OBJECT);
            assertEquals(200, finished.status(), finished::toString);
        }
    }

    @Test
    @DisplayName("CH-08 an operator at SimultaneousChats, counted across channels, gets no new chat; it waits and is "
            + "distributed as soon as they finish one")
    void capacityAcrossChannelsThenDistribution() {
        scenario.setting(CAPACITY, "1");
        Operator alice = scenario.operator("alice");
        long channelA = scenario.channel(scenario.queue("LEAST_BUSY", null, alice), true);
        long channelB = scenario.channel(scenario.queue("TO_ALL", null, alice), true);
        scenario.inbound(channelA, "c1", "capacity one");
        long first = chatId(scenario.awaitChat(channelA, "capacity one"));
        awaitStatus(first, "ASSIGNED");
        assertEquals(200, alice.api().post("api/v1/chats/" + first + "/accept", JsonValue.EMPTY_JSON_OBJECT).status());

        scenario.inbound(channelB, "c2", "capacity two");
        long second = chatId(scenario.awaitChat(channelB, "capacity two"));
        JsonObject waiting = awaitStatus(second, "QUEUED");
        assertFalse(waiting.containsKey("operatorId") && !waiting.isNull("operatorId"), waiting::toString);
        JsonObject why = scenario.chat(second).getJsonArray("routing").getJsonObject(0);
        assertEquals("AT_CAPACITY", why.getJsonArray("candidates").getJsonObject(0).getString("verdict"));
        assertTrue(ids(alice.api().get("api/v1/me/chats"), "offered").isEmpty());

        assertEquals(200, alice.api().post("api/v1/chats/" + first + "/finish", JsonValue.EMPTY_JSON_OBJECT).status());
        awaitStatus(second, "OFFERED");
        assertTrue(ids(alice.api().get("api/v1/me/chats"), "offered").contains(second));
    }

    @Test
    @DisplayName("X-03 a repeated provider message id creates nothing: one chat, one message")
    void repeatedMessageIsIdempotent() throws Exception {
        Operator alice = scenario.operator("alice");
        long channel = scenario.channel(scenario.queue("TO_ALL", null, alice), true);
        String messageId = "dup-" + java.util.UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> posts = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                posts.add(pool.submit(() -> scenario.inbound(channel, "c1", "only once", messageId)));
            }
            for (Future<?> post : posts) {
                post.get();
            }
        } finally {
            pool.shutdownNow();
        }
        scenario.inbound(channel, "c1", "a second message");
        long chat = chatId(scenario.awaitChat(channel, "a second message"));
        JsonObject detail = await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> scenario.chat(chat), d -> d.getJsonArray("messages").size() >= 2);
        List<String> texts = detail.getJsonArray("messages").stream().map(JsonValue::asJsonObject)
                .map(m -> m.getString("body")).toList();
        assertEquals(List.of("only once", "a second message"), texts);
        assertEquals(1, scenario.admin.get("api/v1/chats?channelId=" + channel).object().getInt("total"));
    }

    @Test
    @DisplayName("X-03 CH-14 a message for an inactive channel becomes a dead letter with its reason; replayed after "
            + "the channel is activated, it opens its chat")
    void deadLetterThenReplay() {
        Operator alice = scenario.operator("alice");
        long queue = scenario.queue("TO_ALL", null, alice);
        long channel = scenario.channel(queue, false);
        String messageId = scenario.inbound(channel, "c1", "while inactive");

        JsonObject letter = await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> deadLetterOf(messageId), java.util.Optional::isPresent).orElseThrow();
        assertEquals("CHANNEL_INACTIVE", letter.getString("reasonCode"));
        assertEquals("InboundChatMessage", letter.getString("kind"));
        assertTrue(letter.getString("payload").contains(messageId));
        assertTrue(scenario.findChat(channel, "while inactive").isEmpty());

        JsonObject current = scenario.admin.get("api/v1/channels/" + channel).object();
        ApiResponse activated = scenario.admin.put("api/v1/channels/" + channel, Json.createObjectBuilder()
                .add("provider", "CUSTOM").add("name", current.getString("name")).add("active", true)
                .add("queueId", queue).add("language", "en").add("version", current.getInt("version")).build());
        assertEquals(200, activated.status(), activated::toString);

        ApiResponse replayed = scenario.admin.post("api/v1/dead-letters/" + ChatScenario.id(letter) + "/replay",
                JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(200, replayed.status(), replayed::toString);
        assertEquals("REPLAYED", replayed.object().getString("status"));
        assertEquals("OFFERED", scenario.awaitChat(channel, "while inactive").getString("status"));
        assertEquals(409, scenario.admin.post("api/v1/dead-letters/" + ChatScenario.id(letter) + "/replay",
                JsonValue.EMPTY_JSON_OBJECT).status());
    }

    @Test
    @DisplayName("X-03 an unknown channel is dead-lettered and stays so on replay, with the reason; a malformed body "
            + "is refused at once with 400")
    void unknownChannelAndMalformedBody() {
        String messageId = scenario.inbound(987_654_321L, "c1", "nowhere");
        JsonObject letter = await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> deadLetterOf(messageId), java.util.Optional::isPresent).orElseThrow();
        assertEquals("CHANNEL_UNKNOWN", letter.getString("reasonCode"));
        ApiResponse replayed = scenario.admin.post("api/v1/dead-letters/" + ChatScenario.id(letter) + "/replay",
                JsonValue.EMPTY_JSON_OBJECT);
        assertEquals("NEW", replayed.object().getString("status"));
        assertEquals(2, replayed.object().getInt("attempts"));

        ApiResponse noSender = scenario.admin.post("api/v1/inbound", Json.createObjectBuilder()
                .add("channelId", 1).add("messageId", "x").add("text", "no sender").build());
        assertEquals(400, noSender.status(), noSender::toString);
        assertTrue(noSender.object().getString("detail").contains("sender"), noSender::toString);
        ApiResponse badType = scenario.admin.post("api/v1/inbound", Json.createObjectBuilder()
                .add("type", "Nonsense").build());
        assertEquals(400, badType.status(), badType::toString);
    }

    @Test
    @DisplayName("X-02 posting inbound messages and reading dead letters need CanManageChats")
    void inboundNeedsCanManageChats() {
        Operator outsider = scenario.operator("outsider");
        ApiResponse post = outsider.api().post("api/v1/inbound", ChatScenario.message(1, "c", "x", "m-x"));
        assertEquals(403, post.status(), post::toString);
        assertEquals(403, outsider.api().get("api/v1/dead-letters").status());
    }

    private java.util.Optional<JsonObject> deadLetterOf(String messageId) {
        ApiResponse list = scenario.admin.get("api/v1/dead-letters?max=500");
        assertEquals(200, list.status(), list::toString);
        return list.array().stream().map(JsonValue::asJsonObject)
                .filter(l -> l.getString("payload", "").contains(messageId)).findFirst();
    }
}
