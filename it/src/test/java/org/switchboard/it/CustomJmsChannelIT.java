package org.switchboard.it;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.switchboard.it.ChatScenario.Operator;

/**
 * A Custom (JMS) channel end to end (CH-12, X-03) with a real integration: the JMS peer, another application on the
 * same server, that knows Switchboard only by its JMS contract (physical destination names). Its messages become
 * chats, the operator's replies reach it, its receipts update the delivery status, and bad or repeated messages are
 * handled as {@code docs/jms.md} promises.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CustomJmsChannelIT {

    private static final byte[] FILE = "Opening hours: 9-18\n".getBytes(StandardCharsets.UTF_8);

    @Deployment(name = "switchboard", order = 1, testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Deployment(name = "peer", order = 2, testable = false)
    static WebArchive peerWar() {
        return Deployments.peer();
    }

    @ArquillianResource
    @OperateOnDeployment("switchboard")
    private URL base;

    @ArquillianResource
    @OperateOnDeployment("peer")
    private URL peerBase;

    private ChatScenario scenario;
    private Peer peer;

    @BeforeEach
    void clients() {
        scenario = new ChatScenario(base);
        peer = new Peer(peerBase);
    }

    /** A fresh Custom (JMS) channel whose queue has one operator, and a fresh sender id the peer writes as. */
    private record Line(Operator operator, long channelId, String senderId) {
    }

    private Line line(String rule) {
        Operator alice = scenario.operator("alice");
        long channel = scenario.channel(scenario.queue(rule, null, alice), true);
        return new Line(alice, channel, Fixtures.unique("jms-sender"));
    }

    private void send(Line line, String text, String messageId) {
        peer.send(line.channelId(), line.senderId(), text, messageId);
    }

    private static String newMessageId() {
        return "peer-in-" + UUID.randomUUID();
    }

    /** A chat the peer opened and the operator accepted. */
    private record Conversation(Line line, long chatId) {
    }

    private Conversation acceptedChat() {
        Line line = line("LEAST_BUSY");
        String text = "hello over JMS " + UUID.randomUUID();
        send(line, text, newMessageId());
        long chat = ChatScenario.id(scenario.awaitChat(line.channelId(), text));
        awaitSummary(chat, s -> "ASSIGNED".equals(s.getString("status")));
        ApiResponse accepted = line.operator().api().post("api/v1/chats/" + chat + "/accept",
                JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(200, accepted.status(), accepted::toString);
        return new Conversation(line, chat);
    }

    private void reply(Conversation conversation, String text) {
        ApiResponse sent = conversation.line().operator().api().post("api/v1/chats/" + conversation.chatId() + "/messages",
                Json.createObjectBuilder().add("text", text).add("files", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("fileName", "hours.txt").add("contentType", "text/plain")
                                .add("content", Base64.getEncoder().encodeToString(FILE)))).build());
        assertEquals(201, sent.status(), sent::toString);
    }

    private JsonObject awaitSummary(long chatId, Predicate<JsonObject> condition) {
        return await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> scenario.summary(chatId), condition::test);
    }

    private static List<JsonObject> messages(JsonObject detail) {
        return detail.getJsonArray("messages").stream().map(JsonValue::asJsonObject).toList();
    }

    private JsonObject awaitMessages(long chatId, int count) {
        return await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> scenario.chat(chatId), d -> messages(d).size() >= count);
    }

    private static List<String> bodies(JsonObject detail) {
        return messages(detail).stream().map(m -> m.getString("body")).sorted().toList();
    }

    @Test
    @DisplayName("CH-12 X-03 messages an integration sends over JMS become one chat, routed to the queue's operator")
    void jmsMessagesBecomeARoutedChat() {
        Line line = line("LEAST_BUSY");
        String first = "first over JMS " + UUID.randomUUID();
        String second = "second over JMS " + UUID.randomUUID();
        send(line, first, newMessageId());
        send(line, second, newMessageId());

        long chat = ChatScenario.id(scenario.awaitChat(line.channelId(), first));
        JsonObject assigned = awaitSummary(chat, s -> "ASSIGNED".equals(s.getString("status")));
        assertEquals(line.operator().login(), assigned.getString("operatorLogin"));
        assertEquals("CUSTOM", assigned.getString("provider"));
        assertEquals("Client " + line.senderId(), assigned.getString("contactName"));
        JsonObject detail = awaitMessages(chat, 2);
        // Two MDB deliveries may be stored in either order: the test asks for both, once.
        assertEquals(List.of(first, second).stream().sorted().toList(), bodies(detail));
        assertEquals(1, chatsOf(line));
    }

    @Test
    @DisplayName("CH-12 X-03 the operator's reply with a file reaches the integration as an OutboundMessage to the "
            + "sender")
    void replyReachesTheIntegration() {
        Conversation conversation = acceptedChat();
        reply(conversation, "We open at nine.");

        JsonArray received = await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> peer.outbound(conversation.chatId()), list -> !list.isEmpty());
        assertEquals(1, received.size(), received::toString);
        JsonObject outbound = received.getJsonObject(0);
        assertEquals(conversation.chatId(), outbound.getJsonNumber("chatId").longValue());
        assertEquals(conversation.line().channelId(), outbound.getJsonNumber("channelId").longValue());
        assertEquals(conversation.line().senderId(), outbound.getString("recipientId"));
        assertEquals(conversation.line().operator().login(), outbound.getString("operatorLogin"));
        assertEquals("We open at nine.", outbound.getString("text"));
        JsonArray files = outbound.getJsonArray("attachments");
        assertEquals(1, files.size(), files::toString);
        assertEquals("hours.txt", files.getJsonObject(0).getString("fileName"));
        assertEquals("text/plain", files.getJsonObject(0).getString("contentType"));
        assertEquals(new String(FILE, StandardCharsets.UTF_8), new String(Base64.getDecoder()
                .decode(files.getJsonObject(0).getString("content")), StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("CH-12 X-03 the integration's DeliveryReceipt makes the reply DELIVERED")
    void receiptMarksTheReplyDelivered() {
        Conversation conversation = acceptedChat();
        reply(conversation, "Delivered, I hope.");

        JsonObject detail = await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> scenario.chat(conversation.chatId()), d -> messages(d).stream()
                        .anyMatch(m -> "OUTBOUND".equals(m.getString("direction"))
                                && "DELIVERED".equals(m.getString("deliveryStatus", ""))));
        JsonObject reply = messages(detail).stream().filter(m -> "OUTBOUND".equals(m.getString("direction")))
                .findFirst().orElseThrow();
        assertEquals("Delivered, I hope.", reply.getString("body"));
        JsonObject outbound = peer.outbound(conversation.chatId()).getJsonObject(0);
        assertEquals(reply.getJsonNumber("id").longValue(), outbound.getJsonNumber("messageId").longValue());
    }

    @Test
    @DisplayName("X-03 a message that is not JSON becomes a dead letter NOT_JSON with its payload")
    void nonJsonMessageIsDeadLettered() {
        String raw = "this is not JSON " + UUID.randomUUID();
        peer.sendRaw(raw);

        JsonObject letter = await().atMost(ofSeconds(20)).pollInterval(ofMillis(100))
                .until(() -> deadLetterWithPayload(raw), Optional::isPresent).orElseThrow();
        assertEquals("NOT_JSON", letter.getString("reasonCode"));
        assertEquals("InboundChatMessage", letter.getString("kind"));
        assertEquals("JMS", letter.getString("source"));
        assertEquals("NEW", letter.getString("status"));
    }

    @Test
    @DisplayName("X-03 a message the integration sends twice with one messageId (a redelivery) is stored once")
    void repeatedMessageIsStoredOnce() {
        Line line = line("TO_ALL");
        String messageId = newMessageId();
        send(line, "only once", messageId);
        send(line, "only once", messageId);
        send(line, "and then this", newMessageId());

        long chat = ChatScenario.id(scenario.awaitChat(line.channelId(), "and then this"));
        JsonObject detail = awaitMessages(chat, 2);
        assertEquals(List.of("and then this", "only once"), bodies(detail));
        assertEquals(2, scenario.summary(chat).getInt("messageCount"));
        assertEquals(1, chatsOf(line));
    }

    private int chatsOf(Line line) {
        return scenario.admin.get("api/v1/chats?channelId=" + line.channelId()).object().getInt("total");
    }

    private Optional<JsonObject> deadLetterWithPayload(String payload) {
        ApiResponse list = scenario.admin.get("api/v1/dead-letters?max=500");
        assertEquals(200, list.status(), list::toString);
        return list.array().stream().map(JsonValue::asJsonObject)
                .filter(l -> payload.equals(l.getString("payload", ""))).findFirst();
    }
}
