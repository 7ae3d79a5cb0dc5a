package org.switchboard.web.crm;

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
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.crm.ActivityService;
import org.switchboard.core.crm.ActivityGroupView;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/**
 * Activity groups over REST (issue 21 item 1, EA-02): list, make, rename and remove them. An activity's groups are set
 * with its {@code groupIds}; removing a group keeps its activities.
 */
@RequestScoped
@Path("v1/activity-groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Activities")
public class ActivityGroupsResource {

    @Inject
    private ActivityService groups;

    /** A group's name; on rename, with the version read. */
    public record GroupRequest(String name, Long version) {
    }

    @GET
    @Operation(summary = "The activity groups by name, with how many activities each holds")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = ActivityGroupView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<ActivityGroupView> list() {
        return groups.groups();
    }

    @POST
    @Operation(summary = "Make an activity group; 400 when the name is empty or another group bears it")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ActivityGroupView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response create(GroupRequest request, @Context UriInfo uri) {
        ActivityGroupView group = groups.createGroup(Requests.body(request).name());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(group.id())).build()).entity(group)
                .build();
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Rename an activity group read at the version given")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ActivityGroupView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public ActivityGroupView rename(@PathParam("id") long id, GroupRequest request) {
        GroupRequest body = Requests.body(request);
        if (body.version() == null) {
            throw new InvalidInputException("validation.required", "version");
        }
        return groups.renameGroup(id, body.version(), body.name());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove an activity group; its activities stay")
    @APIResponse(responseCode = "204", description = "Done, nothing to return")
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public Response delete(@PathParam("id") long id) {
        groups.deleteGroup(id);
        return Response.noContent().build();
    }
}
