package org.switchboard.web.mail;

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
import org.switchboard.core.common.Operations;
import org.switchboard.core.mail.MailProviderDomainView;
import org.switchboard.core.mail.MailProviderService;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/**
 * The lookup "Mail provider domains" over REST (MP-04): managed by holders of {@code CanManageAdministration} (MP-09,
 * in the service); {@code learned} is open to any signed-in user who picked a provider for a new mailbox.
 */
@RequestScoped
@RolesAllowed(Operations.CAN_MANAGE_ADMINISTRATION)
@Path("v1/mail-provider-domains")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Mail provider domains")
public class MailProviderDomainsResource {

    @Inject
    private MailProviderService providers;

    /**
     * A domain and its provider; {@code version} is required when moving a domain to another provider.
     */
    public record DomainRequest(String domain, Long providerId, Long version) {
    }

    @GET
    @Operation(summary = "Every domain with its provider")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = MailProviderDomainView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<MailProviderDomainView> list() {
        return providers.domains();
    }

    @POST
    @Operation(summary = "Add a domain; 400 for a malformed domain or unknown provider, 409 when another provider "
            + "has it (the detail names that provider)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = MailProviderDomainView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response add(DomainRequest request, @Context UriInfo uri) {
        DomainRequest body = Requests.body(request);
        MailProviderDomainView domain = providers.addDomain(body.domain(), body.providerId());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(domain.id())).build())
                .entity(domain).build();
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Give a domain to another provider")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = MailProviderDomainView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public MailProviderDomainView move(@PathParam("id") long id, DomainRequest request) {
        DomainRequest body = Requests.body(request);
        return providers.moveDomain(id, Requests.version(body.version()), body.providerId());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove a domain from the lookup")
    @APIResponse(responseCode = "204", description = "Done, nothing to return")
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    public Response delete(@PathParam("id") long id) {
        providers.removeDomain(id);
        return Response.noContent().build();
    }
}
