package org.switchboard.web.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import org.switchboard.core.common.Operations;
import org.switchboard.core.security.ApiTokenService;
import org.switchboard.core.security.ApiTokenView;
import org.switchboard.web.common.Problem;

/**
 * Any user's personal API tokens over REST, for members of Administrators (X-02, issue 18): list them without their
 * secrets and revoke one, as when an integration is retired or a token leaked. The service guards both.
 */
@RequestScoped
@RolesAllowed(Operations.ADMINISTRATORS)
@Path("v1/users/{userId}/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API tokens")
public class UserApiTokensResource {

    @Inject
    private ApiTokenService tokens;

    @GET
    @Operation(summary = "A user's API tokens, newest first, without their secrets (Administrators)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = ApiTokenView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public List<ApiTokenView> list(@PathParam("userId") long userId) {
        return tokens.listOf(userId);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a user's API token (Administrators); 404 when the user has no such token")
    @APIResponse(responseCode = "204", description = "Done, nothing to return")
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    public Response revoke(@PathParam("userId") long userId, @PathParam("id") long id) {
        tokens.revokeOf(userId, id);
        return Response.noContent().build();
    }
}
