package org.switchboard.it.peer;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * Drives the peer from a test: sends one message, a raw (non-JSON) message or a load; reports a load's statistics;
 * lists the outbound messages of a chat and the e-mail events received.
 */
@RequestScoped
@Path("peer")
@Produces(MediaType.APPLICATION_JSON)
public class PeerResource {

    @Inject
    private PeerSender sender;

    @Inject
    private PeerState state;

    /** {@code {"channelId", "messageId", "senderId", "senderName", "text"}}: sent before the answer. */
    @POST
    @Path("messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(JsonObject message) {
        sender.send(message.getJsonNumber("channelId").longValue(), message.getString("messageId"),
                message.getString("senderId"), message.getString("senderName", message.getString("senderId")),
                message.getString("text"));
        return Response.noContent().build();
    }

    @POST
    @Path("raw")
    @Consumes(MediaType.TEXT_PLAIN)
    public Response sendRaw(String text) {
        sender.sendRaw(text);
        return Response.noContent().build();
    }

    /**
     * {@code {"destination": "switchboardInbound", "topic": false, "type": "SendEmailCommand", "version": 1,
     * "body": "{...}", "properties": {"name": "value"}}}: one text message as another system would send it.
     */
    @POST
    @Path("typed")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response sendTyped(JsonObject message) {
        java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();
        message.getJsonObject("properties").forEach((name, value) ->
                properties.put(name, ((jakarta.json.JsonString) value).getString()));
        sender.sendTyped(message.getBoolean("topic", false), message.getString("destination"),
                message.getString("type"), message.getInt("version", 1), message.getString("body"), properties);
        return Response.noContent().build();
    }

    /**
     * {@code {"channelIds": [..], "messages": K, "chats": C, "rate": R (0: as fast as possible), "threads": T,
     * "senders": S (optional: an earlier run's, to write into its chats)}}; answers 202 with the run's id at once.
     */
    @POST
    @Path("runs")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(JsonObject request) {
        JsonArray channels = request.getJsonArray("channelIds");
        long[] channelIds = channels.getValuesAs(JsonNumber.class).stream().mapToLong(JsonNumber::longValue)
                .toArray();
        PeerRun run = new PeerRun("run-" + UUID.randomUUID().toString().substring(0, 8), channelIds,
                request.getString("senders", null), request.getInt("messages"), request.getInt("chats"), request.getInt("rate", 0),
                request.getInt("threads", 4));
        sender.start(run);
        return Response.accepted(PeerJms.JSON.createObjectBuilder().add("id", run.id()).build()).build();
    }

    @GET
    @Path("runs/{id}")
    public JsonObject stats(@PathParam("id") String id) {
        PeerRun run = state.run(id);
        if (run == null) {
            throw new NotFoundException("No run " + id);
        }
        return state.stats(run);
    }

    /** The events of that JMS type the peer kept whole (the e-mail events), as {@link PeerState#event} stores them. */
    @GET
    @Path("events")
    public JsonArray events(@QueryParam("type") String type) {
        return state.eventsOf(type).build();
    }

    @GET
    @Path("outbound")
    public JsonArray outbound(@QueryParam("chatId") long chatId) {
        return state.outboundOf(chatId).build();
    }
}
