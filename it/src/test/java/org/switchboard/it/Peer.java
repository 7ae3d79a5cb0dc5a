package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Drives the JMS peer ({@link Deployments#peer()}) over its REST API: it sends inbound messages to Switchboard's
 * queue, reports what arrived back on the events and outbound topics, and measures loads.
 */
final class Peer {

    private final ApiClient api;

    Peer(URL base) {
        this.api = ApiClient.anonymous(base);
    }

    /** Sends one {@code InboundChatMessage} over JMS; it is on the queue when this returns. */
    void send(long channelId, String senderId, String text, String messageId) {
        ApiResponse sent = api.post("api/peer/messages", Json.createObjectBuilder().add("channelId", channelId)
                .add("messageId", messageId).add("senderId", senderId).add("senderName", "Client " + senderId)
                .add("text", text).build());
        assertEquals(204, sent.status(), sent::toString);
    }

    /** Sends a text message that is not JSON, typed {@code InboundChatMessage}. */
    void sendRaw(String text) {
        ApiResponse sent = api.send(HttpRequest.newBuilder(api.resolve("api/peer/raw"))
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build());
        assertEquals(204, sent.status(), sent::toString);
    }

    /**
     * Sends a text message as another system's producer would: to the inbound queue, or (topic) to the events
     * topic, with its type, version and string properties.
     */
    void sendTyped(boolean topic, String type, int version, String body, java.util.Map<String, String> properties) {
        JsonObjectBuilder props = Json.createObjectBuilder();
        properties.forEach(props::add);
        ApiResponse sent = api.post("api/peer/typed", Json.createObjectBuilder()
                .add("destination", topic ? "switchboardEvents" : "switchboardInbound").add("topic", topic)
                .add("type", type).add("version", version).add("body", body).add("properties", props).build());
        assertEquals(204, sent.status(), sent::toString);
    }

    /** The {@code OutboundMessage}s the peer received for a chat. */
    JsonArray outbound(long chatId) {
        ApiResponse list = api.get("api/peer/outbound?chatId=" + chatId);
        assertEquals(200, list.status(), list::toString);
        return list.array();
    }

    /**
     * The events of the type (e-mail events) the peer received as a subscriber of the events topic: each as
     * {@code {"jmsType", "version", "eventId", "body"}}, the first three being the message's JMS properties.
     */
    List<JsonObject> events(String type) {
        ApiResponse list = api.get("api/peer/events?type=" + type);
        assertEquals(200, list.status(), list::toString);
        return list.array().stream().map(JsonValue::asJsonObject).toList();
    }

    /** Starts a load of messages over new chats, spread over the channels, at a rate a second (0: burst). */
    String startRun(long[] channelIds, int messages, int chats, int rate, int threads) {
        return startRun(channelIds, null, messages, chats, rate, threads);
    }

    /**
     * Starts a load like {@link #startRun(long[], int, int, int, int)}; with the channels and the senders (the id) of
     * an earlier run, it writes into that run's chats.
     */
    String startRun(long[] channelIds, String senders, int messages, int chats, int rate, int threads) {
        JsonArrayBuilder channels = Json.createArrayBuilder();
        for (long id : channelIds) {
            channels.add(id);
        }
        JsonObjectBuilder request = Json.createObjectBuilder().add("channelIds", channels).add("messages", messages)
                .add("chats", chats).add("rate", rate).add("threads", threads);
        if (senders != null) {
            request.add("senders", senders);
        }
        ApiResponse started = api.post("api/peer/runs", request.build());
        assertEquals(202, started.status(), started::toString);
        return started.object().getString("id");
    }

    /** A load's counts, throughput and latencies so far. */
    JsonObject stats(String runId) {
        ApiResponse stats = api.get("api/peer/runs/" + runId);
        assertEquals(200, stats.status(), stats::toString);
        return stats.object();
    }
}
