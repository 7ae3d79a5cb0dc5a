package org.switchboard.it;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.switchboard.core.chat.ChatTimeouts;
import org.switchboard.it.ChatScenario.Operator;

/**
 * The chat timeouts on the deployed EAR (CH-04, CH-05), proven by moving the clock instead of waiting for the timer:
 * the test runs inside the server (Arquillian adds it to the EAR as one more web module), sets a chat up over REST,
 * reads its deadline and calls {@link ChatTimeouts#processDue(OffsetDateTime)} a second before it, when nothing may
 * happen, and a second after it. The deadlines lie minutes ahead, so the chat timer, which ticks with the real clock,
 * cannot reach them while a test runs.
 */
@ExtendWith(ArquillianExtension.class)
class ChatTimeoutsIT {

    private static final String ACCEPT_TIMEOUT = "OmniChatOperatorAcceptChatTimeout";
    /** The accept and completion timeouts of these tests: far longer than a test runs. */
    private static final int TIMEOUT_MINUTES = 3;
    private static final Duration SECOND = ofSeconds(1);

    /** In-container (testable): the real EAR plus a web module with this class and the REST helpers it uses. */
    @Deployment
    static EnterpriseArchive ear() {
        return Deployments.earWithTests(ChatTimeoutsIT.class, ChatScenario.class);
    }

    @Inject
    private ChatTimeouts timeouts;

    private ChatScenario scenario;

    @BeforeEach
    void scenario() {
        scenario = new ChatScenario(Deployments.application());
    }

    @AfterEach
    void restoreSettings() {
        scenario.restoreDefault(ACCEPT_TIMEOUT);
    }

    /** Now on the server's clock (the test runs in it), cut to the second: a bound no stored rounding undercuts. */
    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }

    private static OffsetDateTime time(JsonObject summary, String field) {
        return OffsetDateTime.parse(summary.getString(field));
    }

    private static void assertWithin(OffsetDateTime earliest, OffsetDateTime latest, OffsetDateTime actual) {
        assertFalse(actual.isBefore(earliest) || actual.isAfter(latest),
                () -> actual + " is not within " + earliest + " .. " + latest);
    }

    @Test
    @DisplayName("CH-04 an unaccepted chat goes to the next operator after the accept timeout; the first is Inactive "
            + "and gets nothing until Active again")
    void acceptTimeoutReassigns() {
        scenario.setting(ACCEPT_TIMEOUT, Integer.toString(TIMEOUT_MINUTES));
        Operator alice = scenario.operator("alice");
        Operator bob = scenario.operator("bob");
        long channel = scenario.channel(scenario.queue("LEAST_BUSY", null, alice, bob), true);
        OffsetDateTime posted = now();
        scenario.inbound(channel, "c1", "please accept me");
        long chat = ChatScenario.id(scenario.awaitChat(channel, "please accept me"));
        JsonObject assigned = scenario.awaitStatus(chat, "ASSIGNED");
        assertEquals(alice.login(), assigned.getString("operatorLogin"));
        OffsetDateTime deadline = time(assigned, "acceptDeadline");
        assertWithin(posted.plusMinutes(TIMEOUT_MINUTES), now().plusSeconds(1).plusMinutes(TIMEOUT_MINUTES),
                deadline);

        timeouts.processDue(deadline.minus(SECOND));
        JsonObject notYet = scenario.summary(chat);
        assertEquals("ASSIGNED", notYet.getString("status"));
        assertEquals(alice.login(), notYet.getString("operatorLogin"));
        assertEquals("ACTIVE", alice.api().get("api/v1/me/operator-status").object().getString("status"));

        timeouts.processDue(deadline.plus(SECOND));
        JsonObject reassigned = scenario.summary(chat);
        assertEquals(bob.login(), reassigned.getString("operatorLogin", ""));
        assertEquals("ASSIGNED", reassigned.getString("status"));
        JsonObject aliceStatus = alice.api().get("api/v1/me/operator-status").object();
        assertEquals("INACTIVE", aliceStatus.getString("status"));
        assertTrue(aliceStatus.getString("reason").contains(Long.toString(chat)), aliceStatus::toString);
        List<String> outcomes = scenario.chat(chat).getJsonArray("routing").stream().map(JsonValue::asJsonObject)
                .map(d -> d.getString("outcome")).toList();
        assertEquals(List.of("ASSIGNED", "REASSIGNED", "ASSIGNED"), outcomes);

        // Inactive alice gets nothing, though she now holds fewer chats than bob.
        assertEquals(200, bob.api().post("api/v1/chats/" + chat + "/accept", JsonValue.EMPTY_JSON_OBJECT).status());
        scenario.inbound(channel, "c2", "while alice is inactive");
        long next = ChatScenario.id(scenario.awaitChat(channel, "while alice is inactive"));
        assertEquals(bob.login(), scenario.awaitStatus(next, "ASSIGNED").getString("operatorLogin"));

        ApiResponse active = alice.api().put("api/v1/me/operator-status",
                Json.createObjectBuilder().add("status", "ACTIVE").build());
        assertEquals(200, active.status(), active::toString);
        scenario.inbound(channel, "c3", "alice is back");
        long back = ChatScenario.id(scenario.awaitChat(channel, "alice is back"));
        assertEquals(alice.login(), scenario.awaitStatus(back, "ASSIGNED").getString("operatorLogin"));
    }

    @Test
    @DisplayName("CH-05 a chat completes after the queue's timeout since the last outgoing message; the client's next "
            + "message opens a new chat that is routed again")
    void completionTimeoutThenNewChat() {
        Operator alice = scenario.operator("alice");
        long channel = scenario.channel(scenario.queue("TO_ALL", TIMEOUT_MINUTES, alice), true);
        scenario.inbound(channel, "c1", "before completion");
        long chat = ChatScenario.id(scenario.awaitChat(channel, "before completion"));
        scenario.awaitStatus(chat, "OFFERED");
        assertEquals(200, alice.api().post("api/v1/chats/" + chat + "/accept", JsonValue.EMPTY_JSON_OBJECT).status());
        // CH-05: incoming messages do not start the clock; only the operator's reply does.
        ApiResponse reply = alice.api().post("api/v1/chats/" + chat + "/messages",
                Json.createObjectBuilder().add("text", "Anything else?").build());
        assertEquals(201, reply.status(), reply::toString);
        OffsetDateTime due = time(scenario.summary(chat), "lastOutboundAt").plusMinutes(TIMEOUT_MINUTES);

        timeouts.processDue(due.minus(SECOND));
        assertEquals("ACTIVE", scenario.status(chat));

        timeouts.processDue(due.plus(SECOND));
        JsonObject completed = scenario.summary(chat);
        assertEquals("COMPLETED", completed.getString("status"));
        assertEquals("TIMEOUT", completed.getString("completion"));

        scenario.inbound(channel, "c1", "after completion");
        JsonObject next = await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> scenario.findChat(channel, "after completion"),
                        c -> c.isPresent() && ChatScenario.id(c.get()) != chat).orElseThrow();
        assertNotEquals(chat, ChatScenario.id(next));
        assertEquals(next.getJsonNumber("contactId"), completed.getJsonNumber("contactId"));
        scenario.awaitStatus(ChatScenario.id(next), "OFFERED");
    }
}
