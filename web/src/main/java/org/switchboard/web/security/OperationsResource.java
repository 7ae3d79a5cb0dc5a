package org.switchboard.web.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.Operations;
import org.switchboard.core.security.GrantView;
import org.switchboard.core.security.HolderView;
import org.switchboard.core.security.OperationService;
import org.switchboard.core.security.OperationView;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/**
 * System operations and their grants over REST: the catalogue, who holds an operation, grant to a user or a
 * role, revoke. Guarded by {@code CanManageAdministration} in the service.
 */
@RequestScoped
@RolesAllowed(Operations.CAN_MANAGE_ADMINISTRATION)
@Path("v1/operations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class OperationsResource {

    @Inject
    private OperationService operations;

    /** A grant to exactly one of a user or a role. */
    public record GrantRequest(Long userId, Long roleId) {
    }

    @GET
    @Operation(summary = "The catalogue of system operations with their grants")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = OperationView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<OperationView> catalogue() {
        return operations.catalogue();
    }

    @GET
    @Path("{code}")
    @Operation(summary = "One operation with its grants")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = OperationView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public OperationView get(@PathParam("code") String code) {
        return operations.get(code);
    }

    @GET
    @Path("{code}/holders")
    @Operation(summary = "Every user who holds the operation: directly, through a role, or as an administrator")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = HolderView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public List<HolderView> holders(@PathParam("code") String code) {
        return operations.holders(code);
    }

    @POST
    @Path("{code}/grants")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant the operation to a user or a role; 409 when already granted")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = GrantView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response grant(@PathParam("code") String code, GrantRequest request) {
        GrantRequest body = Requests.body(request);
        if ((body.userId() == null) == (body.roleId() == null)) {
            throw new InvalidInputException("error.grant.oneGrantee", "userId");
        }
        GrantView grant = body.userId() != null
                ? operations.grantToUser(code, body.userId())
                : operations.grantToRole(code, body.roleId());
        return Response.status(Response.Status.CREATED).entity(grant).build();
    }

    @DELETE
    @Path("{code}/grants/{grantId}")
    @Operation(summary = "Revoke a grant")
    @APIResponse(responseCode = "204", description = "Done, nothing to return")
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    public Response revoke(@PathParam("code") String code, @PathParam("grantId") long grantId) {
        operations.revoke(grantId);
        return Response.noContent().build();
    }
}
