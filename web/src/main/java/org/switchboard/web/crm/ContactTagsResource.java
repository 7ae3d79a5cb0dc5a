package org.switchboard.web.crm;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.switchboard.core.crm.ContactGroupService;
import org.switchboard.core.crm.ContactTagView;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/**
 * Contact tags over REST (issue 21 item 1): those the caller sees (every corporate and public one, their own personal
 * ones), a new one, and removing one the caller made. A contact's tags are set with its {@code tagIds}.
 */
@RequestScoped
@Path("v1/contact-tags")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts and accounts")
public class ContactTagsResource {

    @Inject
    private ContactGroupService groups;

    /** A new tag: its name and kind (PERSONAL when none is given, CORPORATE, PUBLIC). */
    public record TagRequest(String name, String kind) {
    }

    @GET
    @Operation(summary = "The tags I see by name: every corporate and public one and my personal ones")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = ContactTagView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<ContactTagView> list() {
        return groups.tags();
    }

    @POST
    @Operation(summary = "Make a tag of mine; 400 when the name is empty or a tag of that kind I see bears it")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ContactTagView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response create(TagRequest request, @Context UriInfo uri) {
        TagRequest body = Requests.body(request);
        ContactTagView tag = groups.createTag(body.name(), body.kind());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(tag.id())).build()).entity(tag)
                .build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove a tag I made; its contacts stay. 409 for a tag another user made")
    @APIResponse(responseCode = "204", description = "Done, nothing to return")
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    public Response delete(@PathParam("id") long id) {
        groups.deleteTag(id);
        return Response.noContent().build();
    }
}
