package org.switchboard.web.security;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
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
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.Operations;
import org.switchboard.core.security.UserDraft;
import org.switchboard.core.security.UserService;
import org.switchboard.core.security.UserView;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/**
 * Users over REST: list, create, read, update (profile, enabled, roles), reset a password; and the caller's
 * own account. Administration is guarded by {@code CanManageAdministration} in the service.
 */
@RequestScoped
@RolesAllowed(Operations.CAN_MANAGE_ADMINISTRATION)
@Path("v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class UsersResource {

    @Inject
    private UserService users;

    /** A new user, or the changes to one ({@code login} and {@code password} are for creation only). */
    public record UserRequest(String login, String displayName, String email, String password, Boolean enabled,
                              String locale, Set<Long> roleIds, Long version) {
    }

    /** A password: set by an administrator, or changed by its owner who proves the current one. */
    public record PasswordRequest(String password, String currentPassword) {
    }

    /** The caller's UI language ({@code en} or {@code ru}). */
    public record LocaleRequest(String locale) {
    }

    @GET
    @Operation(summary = "Every user with their roles")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = UserView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<UserView> list() {
        return users.list();
    }

    @POST
    @Operation(summary = "Create a user; 400 names the field at fault, 409 a login already taken")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response create(UserRequest request, @Context UriInfo uri) {
        UserRequest body = Requests.body(request);
        UserView user = users.create(new UserDraft(body.login(), body.displayName(), body.email(), body.password(),
                body.enabled() == null || body.enabled(), body.locale(), body.roleIds()));
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(user.id())).build()).entity(user).build();
    }

    @PermitAll
    @GET
    @Path("me")
    @Operation(summary = "The caller's own account")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public UserView me() {
        return users.me();
    }

    @PermitAll
    @PUT
    @Path("me/password")
    @Operation(summary = "Change the caller's own password, proving the current one")
    @APIResponse(responseCode = "204", description = "Done, nothing to return")
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response changeOwnPassword(PasswordRequest request, @Context HttpServletRequest servletRequest) {
        PasswordRequest body = Requests.body(request);
        int generation = users.changeOwnPassword(body.currentPassword(), body.password());
        HttpSession session = servletRequest.getSession(false);
        if (session != null && servletRequest.getRemoteUser() != null) {
            // Called from the signed-in browser: its own session goes on, every other one has ended.
            SwitchboardAuthenticationMechanism.remember(session, servletRequest.getRemoteUser(), generation);
        }
        return Response.noContent().build();
    }

    @PermitAll
    @PUT
    @Path("me/locale")
    @Operation(summary = "Set the caller's UI language")
    @APIResponse(responseCode = "204", description = "Done, nothing to return")
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response setOwnLocale(LocaleRequest request) {
        users.setOwnLocale(Requests.body(request).locale());
        return Response.noContent().build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One user")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public UserView get(@PathParam("id") long id) {
        return users.get(id);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change a user's name, e-mail, language, enabled flag and roles; version is required")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public UserView update(@PathParam("id") long id, UserRequest request) {
        UserRequest body = Requests.body(request);
        if (body.version() == null) {
            throw new InvalidInputException("validation.required", "version");
        }
        UserView current = users.get(id);
        return users.update(id, body.version(), new UserDraft(current.login(),
                body.displayName() == null ? current.displayName() : body.displayName(),
                body.email() == null ? current.email() : body.email(), null,
                body.enabled() == null ? current.enabled() : body.enabled(),
                body.locale() == null ? current.locale() : body.locale(), body.roleIds()));
    }

    @POST
    @Path("{id}/password")
    @Operation(summary = "Reset a user's password to one the administrator chose")
    @APIResponse(responseCode = "204", description = "Done, nothing to return")
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response resetPassword(@PathParam("id") long id, PasswordRequest request) {
        users.resetPassword(id, Requests.body(request).password());
        return Response.noContent().build();
    }
}
