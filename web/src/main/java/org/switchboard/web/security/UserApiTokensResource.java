package org.switchboard.web.security;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.security.ApiTokenService;
import org.switchboard.core.security.ApiTokenView;

/**
 * Any user's personal API tokens over REST, for members of Administrators (X-02, issue 18): list them without their
 * secrets and revoke one, as when an integration is retired or a token leaked. The service guards both.
 */
@RequestScoped
@Path("v1/users/{userId}/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API tokens")
public class UserApiTokensResource {

    @Inject
    private ApiTokenService tokens;

    @GET
    @Operation(summary = "A user's API tokens, newest first, without their secrets (Administrators)")
    public List<ApiTokenView> list(@PathParam("userId") long userId) {
        return tokens.listOf(userId);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a user's API token (Administrators); 404 when the user has no such token")
    public Response revoke(@PathParam("userId") long userId, @PathParam("id") long id) {
        tokens.revokeOf(userId, id);
        return Response.noContent().build();
    }
}
