package org.switchboard.web.security;

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
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.Operations;
import org.switchboard.core.security.RoleService;
import org.switchboard.core.security.RoleView;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/** Roles and their members over REST (X-02, CH-06), guarded by {@code CanManageAdministration} in the service. */
@RequestScoped
@RolesAllowed(Operations.CAN_MANAGE_ADMINISTRATION)
@Path("v1/roles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Roles")
public class RolesResource {

    @Inject
    private RoleService roles;

    /** A new role, or the changes to one ({@code version} required on update). */
    public record RoleRequest(String name, String description, Long version) {
    }

    @GET
    @Operation(summary = "Every role with its members and operations")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = RoleView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<RoleView> list() {
        return roles.list();
    }

    @POST
    @Operation(summary = "Create a role; 409 when the name is taken")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = RoleView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response create(RoleRequest request, @Context UriInfo uri) {
        RoleRequest body = Requests.body(request);
        RoleView role = roles.create(body.name(), body.description());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(role.id())).build()).entity(role).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One role")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = RoleView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public RoleView get(@PathParam("id") long id) {
        return roles.get(id);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Rename a role or change its description")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = RoleView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public RoleView update(@PathParam("id") long id, RoleRequest request) {
        RoleRequest body = Requests.body(request);
        if (body.version() == null) {
            throw new InvalidInputException("validation.required", "version");
        }
        return roles.update(id, body.version(), body.name(), body.description());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a role with its membership and grants; the system role is refused")
    @APIResponse(responseCode = "204", description = "Done, nothing to return")
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    public Response delete(@PathParam("id") long id) {
        roles.delete(id);
        return Response.noContent().build();
    }

    @PUT
    @Path("{id}/members/{userId}")
    @Operation(summary = "Add a user to the role")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = RoleView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    public RoleView addMember(@PathParam("id") long id, @PathParam("userId") long userId) {
        return roles.addMember(id, userId);
    }

    @DELETE
    @Path("{id}/members/{userId}")
    @Operation(summary = "Remove a user from the role")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = RoleView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    public RoleView removeMember(@PathParam("id") long id, @PathParam("userId") long userId) {
        return roles.removeMember(id, userId);
    }
}
