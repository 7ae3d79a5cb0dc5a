package org.switchboard.web.chat;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.chat.ChatSettingsService;
import org.switchboard.core.chat.QuickReplyDraft;
import org.switchboard.core.chat.QuickReplyView;
import org.switchboard.web.common.Requests;

/** Quick-reply templates per language over REST (CH-11), guarded by {@code CanManageChats} in the service. */
@RequestScoped
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
    public List<QuickReplyView> list() {
        return settings.quickReplies();
    }

    @POST
    @Operation(summary = "Create a quick reply; 400 for an unknown language, 409 for a title taken in that language")
    public Response create(QuickReplyRequest request, @Context UriInfo uri) {
        QuickReplyView reply = settings.createQuickReply(Requests.body(request).draft());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(reply.id())).build())
                .entity(reply).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One quick reply")
    public QuickReplyView get(@PathParam("id") long id) {
        return settings.quickReply(id);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change a quick reply's language, title and text")
    public QuickReplyView update(@PathParam("id") long id, QuickReplyRequest request) {
        QuickReplyRequest body = Requests.body(request);
        return settings.updateQuickReply(id, Requests.version(body.version()), body.draft());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a quick reply")
    public Response delete(@PathParam("id") long id) {
        settings.deleteQuickReply(id);
        return Response.noContent().build();
    }
}
