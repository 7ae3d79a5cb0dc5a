package org.switchboard.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.common.AccessDeniedException;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.security.ApiTokenService;
import org.switchboard.core.security.ApiTokenView;
import org.switchboard.core.security.NewApiToken;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/**
 * The caller's own personal API tokens over REST (X-02, issue 18): list, read, create, revoke. Only the answer to a
 * creation carries the token. A token is created with the password or from a signed-in browser, never with another
 * token, so that a leaked token cannot make itself a successor that outlives its revocation.
 */
@RequestScoped
@Path("v1/users/me/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API tokens")
public class ApiTokensResource {

    @Inject
    private ApiTokenService tokens;

    /**
     * A new token.
     *
     * @param expiresOn the last day the token works, {@code YYYY-MM-DD} in UTC; none for a token that works until it
     *                  is revoked
     */
    public record TokenRequest(String name, String expiresOn) {
    }

    /** The answer to a creation: the token's record and, this once, the token itself. */
    public record CreatedToken(long id, String name, String prefix, OffsetDateTime createdAt, OffsetDateTime expiresAt,
                               String token) {
    }

    @GET
    @Operation(summary = "The caller's API tokens, newest first, without their secrets")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = ApiTokenView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<ApiTokenView> list() {
        return tokens.listOwn();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of the caller's API tokens, without its secret")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ApiTokenView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public ApiTokenView get(@PathParam("id") long id) {
        return tokens.getOwn(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API token for the caller; the answer carries the token, which is never shown "
            + "again. 400 names the field at fault, 409 a name already used or too many tokens, 403 when the call "
            + "itself came with a token")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = CreatedToken.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response create(TokenRequest request, @Context UriInfo uri, @Context HttpServletRequest servletRequest) {
        if (Boolean.TRUE.equals(servletRequest.getAttribute(SwitchboardAuthenticationMechanism.BY_TOKEN))) {
            throw new AccessDeniedException("error.apiToken.byToken", null);
        }
        TokenRequest body = Requests.body(request);
        NewApiToken created = tokens.create(body.name(), date(body.expiresOn()));
        ApiTokenView view = created.view();
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(view.id())).build())
                .entity(new CreatedToken(view.id(), view.name(), view.prefix(), view.createdAt(), view.expiresAt(),
                        created.token()))
                .build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke one of the caller's API tokens: it stops working at once")
    @APIResponse(responseCode = "204", description = "Done, nothing to return")
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    public Response revoke(@PathParam("id") long id) {
        tokens.revokeOwn(id);
        return Response.noContent().build();
    }

    private static LocalDate date(String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("validation.apiToken.date", "expiresOn");
        }
    }
}
