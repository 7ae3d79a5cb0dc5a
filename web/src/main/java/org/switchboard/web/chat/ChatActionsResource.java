package org.switchboard.web.chat;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import org.switchboard.core.chat.ChatActionDraft;
import org.switchboard.core.chat.ChatActionView;
import org.switchboard.core.chat.ChatSettingsService;
import org.switchboard.core.common.Operations;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/** Chat actions over REST (CH-07), guarded by {@code CanManageChats} in the service. */
@RequestScoped
@RolesAllowed(Operations.CAN_MANAGE_CHATS)
@Path("v1/chat-actions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Chat actions")
public class ChatActionsResource {

    @Inject
    private ChatSettingsService settings;

    /** A new chat action, or the changes to one ({@code version} required on update). */
    public record ActionRequest(String title, String process, Long queueId, Long version) {

        ChatActionDraft draft() {
            return new ChatActionDraft(title, process, queueId);
        }
    }

    @GET
    @Operation(summary = "Every chat action with its queue")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = ChatActionView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<ChatActionView> list() {
        return settings.actions();
    }

    @GET
    @Path("processes")
    @Operation(summary = "The names of the processes an action can start")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<String> processes() {
        return settings.processes();
    }

    @POST
    @Operation(summary = "Create a chat action; 400 for an unknown process or queue, 409 for a taken title")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ChatActionView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response create(ActionRequest request, @Context UriInfo uri) {
        ChatActionView action = settings.createAction(Requests.body(request).draft());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(action.id())).build())
                .entity(action).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One chat action")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ChatActionView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public ChatActionView get(@PathParam("id") long id) {
        return settings.action(id);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change a chat action's title, process and queue")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ChatActionView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public ChatActionView update(@PathParam("id") long id, ActionRequest request) {
        ActionRequest body = Requests.body(request);
        return settings.updateAction(id, Requests.version(body.version()), body.draft());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a chat action")
    @APIResponse(responseCode = "204", description = "Done, nothing to return")
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    public Response delete(@PathParam("id") long id) {
        settings.deleteAction(id);
        return Response.noContent().build();
    }
}
