package org.switchboard.web.crm;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
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
import org.switchboard.core.crm.AccountDraft;
import org.switchboard.core.crm.AccountView;
import org.switchboard.core.crm.CrmService;
import org.switchboard.core.mailbox.EmailSummary;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/**
 * Accounts over REST (MB-04): find, create, change and delete them, and read their e-mail timeline, which also holds
 * the mail of their contacts.
 */
@RequestScoped
@Path("v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts and accounts")
public class AccountsResource {

    @Inject
    private CrmService crm;

    /** A new account, or the changes to one ({@code version} required on update). */
    public record AccountRequest(String name, List<String> emails, Long version) {
    }

    @GET
    @Operation(summary = "Accounts whose name or e-mail address contains the text, by name")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = AccountView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<AccountView> list(@QueryParam("search") String search,
            @QueryParam("first") @DefaultValue("0") int first, @QueryParam("max") @DefaultValue("50") int max) {
        return crm.accounts(search, first, max);
    }

    @POST
    @Operation(summary = "Create an account; 400 names a field that is wrong")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response create(AccountRequest request, @Context UriInfo uri) {
        AccountRequest body = Requests.body(request);
        AccountView account = crm.createAccount(new AccountDraft(body.name(), body.emails()));
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(account.id())).build())
                .entity(account).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One account with its addresses and contacts")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public AccountView get(@PathParam("id") long id) {
        return crm.account(id);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change an account; its addresses are replaced by those given")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public AccountView update(@PathParam("id") long id, AccountRequest request) {
        AccountRequest body = Requests.body(request);
        if (body.version() == null) {
            throw new InvalidInputException("validation.required", "version");
        }
        return crm.updateAccount(id, body.version(), new AccountDraft(body.name(), body.emails()));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an account; 409 while contacts belong to it")
    @APIResponse(responseCode = "204", description = "Done, nothing to return")
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    public Response delete(@PathParam("id") long id) {
        crm.deleteAccount(id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/timeline")
    @Operation(summary = "The e-mails carrying an address of the account or of its contacts that I may see, "
            + "newest first")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = EmailSummary.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public List<EmailSummary> timeline(@PathParam("id") long id, @QueryParam("first") @DefaultValue("0") int first,
            @QueryParam("max") @DefaultValue("50") int max) {
        return crm.accountTimeline(id, first, max);
    }
}
