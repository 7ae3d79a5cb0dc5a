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
import org.switchboard.core.chat.ChatSettingsService;
import org.switchboard.core.chat.QuickReplyDraft;
import org.switchboard.core.chat.QuickReplyView;
import org.switchboard.core.common.Operations;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/** Quick-reply templates per language over REST (CH-11), guarded by {@code CanManageChats} in the service. */
@RequestScoped
@RolesAllowed(Operations.CAN_MANAGE_CHATS)
@Path("v1/quick-replies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Quick replies")
public class QuickRepliesResource {

    @Inject
    private ChatSettingsService settings;

    /** A new quick reply, or the changes to one ({@code version} required on update). */
    public record QuickReplyRequest(String language, String title, String body, Long version) {

        QuickReplyDraft draft() {
            return new QuickReplyDraft(language, title, body);
        }
    }

    @GET
    @Operation(summary = "Every quick reply, by language and title")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = QuickReplyView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<QuickReplyView> list() {
        return settings.quickReplies();
    }

    @POST
    @Operation(summary = "Create a quick reply; 400 for an unknown language, 409 for a title taken in that language")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = QuickReplyView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response create(QuickReplyRequest request, @Context UriInfo uri) {
        QuickReplyView reply = settings.createQuickReply(Requests.body(request).draft());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(reply.id())).build())
                .entity(reply).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One quick reply")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = QuickReplyView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public QuickReplyView get(@PathParam("id") long id) {
        return settings.quickReply(id);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change a quick reply's language, title and text")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = QuickReplyView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public QuickReplyView update(@PathParam("id") long id, QuickReplyRequest request) {
        QuickReplyRequest body = Requests.body(request);
        return settings.updateQuickReply(id, Requests.version(body.version()), body.draft());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a quick reply")
    @APIResponse(responseCode = "204", description = "Done, nothing to return")
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    public Response delete(@PathParam("id") long id) {
        settings.deleteQuickReply(id);
        return Response.noContent().build();
    }
}
