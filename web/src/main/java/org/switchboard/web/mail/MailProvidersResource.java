package org.switchboard.web.mail;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.mail.MailProviderDraft;
import org.switchboard.core.mail.MailProviderRules;
import org.switchboard.core.mail.MailProviderService;
import org.switchboard.core.mail.MailProviderView;
import org.switchboard.model.mail.ExchangeKind;
import org.switchboard.model.mail.LoginFormat;
import org.switchboard.model.mail.MailAuthentication;
import org.switchboard.model.mail.MailProviderType;
import org.switchboard.model.mail.MailSecurity;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/**
 * Mail providers over REST (MP-01..MP-03, MP-10, MP-13), guarded by {@code CanManageAdministration} in the service
 * (MP-09), and the detection of a provider from an address that any signed-in user may ask for (MP-04).
 */
@RequestScoped
@RolesAllowed(Operations.CAN_MANAGE_ADMINISTRATION)
@Path("v1/mail-providers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Mail providers")
public class MailProvidersResource {

    @Inject
    private MailProviderService providers;

    /**
     * A new provider, or the changes to one ({@code version} required on update).
     *
     * @param type              read on creation only
     * @param imapPort          a whole number from 1 to 65535, as a number or a string; absent for 993
     * @param smtpPort          likewise; absent for 465
     * @param oauthClientSecret write-only; empty or absent on update keeps the stored secret
     * @param exchangeKind      an Exchange provider's: MICROSOFT_365 (Graph, the default) or EXCHANGE_SERVER (EWS)
     * @param oauthTenant       an Exchange provider's Entra ID directory for OAuth 2.0: id, domain or organizations
     * @param ntlmDomain        an Exchange Server's Windows domain: NTLM instead of Basic
     */
    public record ProviderRequest(MailProviderType type, String name, String imapHost, JsonValue imapPort,
                                  MailSecurity imapSecurity, Boolean smtpEnabled, String smtpHost, JsonValue smtpPort,
                                  MailSecurity smtpSecurity, String serviceAddress, Boolean loadMail, Boolean sendMail,
                                  LoginFormat loginFormat, MailAuthentication authentication, String oauthClientId,
                                  String oauthClientSecret, String appPasswordUrl, ExchangeKind exchangeKind,
                                  String oauthTenant, String ntlmDomain, Long version) {

        MailProviderDraft draft() {
            return new MailProviderDraft(type, name, imapHost, port(imapPort, "imapPort"), imapSecurity, smtpEnabled,
                    smtpHost, port(smtpPort, "smtpPort"), smtpSecurity, serviceAddress, Boolean.TRUE.equals(loadMail),
                    Boolean.TRUE.equals(sendMail), loginFormat, authentication, oauthClientId, oauthClientSecret,
                    appPasswordUrl, exchangeKind, oauthTenant, ntlmDomain);
        }

        /** Any JSON value other than a whole number in range is refused on the field, not as an unreadable body. */
        private static Integer port(JsonValue value, String field) {
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            return MailProviderRules.port(value instanceof JsonString text ? text.getString() : value.toString(),
                    field);
        }
    }

    @GET
    @Operation(summary = "Every mail provider with its domains")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = MailProviderView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<MailProviderView> list() {
        return providers.providers();
    }

    @PermitAll
    @GET
    @Path("choices")
    @Operation(summary = "The providers a signed-in user may pick for an address whose domain is unknown (MP-04)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = MailProviderView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<MailProviderView> choices() {
        return providers.choices();
    }

    @PermitAll
    @GET
    @Path("detect")
    @Operation(summary = "The provider of an e-mail address's domain, for any signed-in user (MP-04); 404 when the "
            + "domain is unknown, so that the user picks one")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = MailProviderView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public MailProviderView detect(@QueryParam("address") String address) {
        if (address == null || address.isBlank()) {
            throw new InvalidInputException("validation.required", "address");
        }
        return providers.detect(address).orElseThrow(() -> new RecordNotFoundException("MailProviderDomain",
                MailProviderRules.domainOf(address).orElse(address.trim())));
    }

    @POST
    @Operation(summary = "Create a provider; 400 on the field at fault, 409 when the name is taken")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = MailProviderView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response create(ProviderRequest request, @Context UriInfo uri) {
        MailProviderView provider = providers.createProvider(Requests.body(request).draft());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(provider.id())).build())
                .entity(provider).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One provider with its domains; the client secret is never returned")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = MailProviderView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public MailProviderView get(@PathParam("id") long id) {
        return providers.provider(id);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change a provider; its type stays, an empty client secret keeps the stored one")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = MailProviderView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public MailProviderView update(@PathParam("id") long id, ProviderRequest request) {
        ProviderRequest body = Requests.body(request);
        return providers.updateProvider(id, Requests.version(body.version()), body.draft());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a provider with its domains")
    @APIResponse(responseCode = "204", description = "Done, nothing to return")
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    public Response delete(@PathParam("id") long id) {
        providers.deleteProvider(id);
        return Response.noContent().build();
    }
}
