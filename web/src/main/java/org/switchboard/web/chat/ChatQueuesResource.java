package org.switchboard.web.chat;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.chat.ChatQueueDraft;
import org.switchboard.core.chat.ChatQueueView;
import org.switchboard.core.chat.ChatSettingsRules;
import org.switchboard.core.chat.ChatSettingsService;
import org.switchboard.core.chat.QueueOperatorView;
import org.switchboard.core.common.Operations;
import org.switchboard.model.chat.RoutingRule;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/**
 * Chat queues and their operators over REST (CH-02, CH-06, CH-13), guarded by {@code CanManageChats} in the service
 * (X-02).
 */
@RequestScoped
@RolesAllowed(Operations.CAN_MANAGE_CHATS)
@Path("v1/chat-queues")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Chat queues")
public class ChatQueuesResource {

    @Inject
    private ChatSettingsService settings;

    /**
     * A new queue, or the changes to one ({@code version} required on update).
     *
     * @param completionTimeoutMinutes whole minutes from 1, or null/absent/"" for never (CH-13); any other JSON value
     *                                 is refused on the field rather than as an unreadable body
     */
    public record QueueRequest(String name, RoutingRule routingRule, JsonValue completionTimeoutMinutes,
                               Long version) {

        ChatQueueDraft draft() {
            return new ChatQueueDraft(name, routingRule, timeout(completionTimeoutMinutes));
        }

        private static Integer timeout(JsonValue value) {
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            return ChatSettingsRules.completionTimeout(
                    value instanceof JsonString text ? text.getString() : value.toString());
        }
    }

    /** The complete set of a queue's operators: users and roles (CH-06). */
    public record OperatorsRequest(List<Long> userIds, List<Long> roleIds) {
    }

    @GET
    @Operation(summary = "Every chat queue with its operators")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = ChatQueueView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<ChatQueueView> list() {
        return settings.queues();
    }

    @POST
    @Operation(summary = "Create a chat queue; 400 for a bad completion timeout, 409 when the name is taken")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ChatQueueView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response create(QueueRequest request, @Context UriInfo uri) {
        ChatQueueView queue = settings.createQueue(Requests.body(request).draft());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(queue.id())).build())
                .entity(queue).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One chat queue with its operators")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ChatQueueView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public ChatQueueView get(@PathParam("id") long id) {
        return settings.queue(id);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change a chat queue's name, routing rule and completion timeout")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ChatQueueView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public ChatQueueView update(@PathParam("id") long id, QueueRequest request) {
        QueueRequest body = Requests.body(request);
        return settings.updateQueue(id, Requests.version(body.version()), body.draft());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a chat queue; 409 while a channel, an action or a chat uses it")
    @APIResponse(responseCode = "204", description = "Done, nothing to return")
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    public Response delete(@PathParam("id") long id) {
        settings.deleteQueue(id);
        return Response.noContent().build();
    }

    @PUT
    @Path("{id}/operators")
    @Operation(summary = "Make exactly these users and roles the queue's operators")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ChatQueueView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public ChatQueueView setOperators(@PathParam("id") long id, OperatorsRequest request) {
        OperatorsRequest body = Requests.body(request);
        return settings.setOperators(id, body.userIds(), body.roleIds());
    }

    @GET
    @Path("operator-candidates")
    @Operation(summary = "The enabled users and the roles that can be made operators")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = QueueOperatorView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<QueueOperatorView> operatorCandidates() {
        return settings.operatorCandidates();
    }
}
