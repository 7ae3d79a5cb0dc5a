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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.crm.AccountDraft;
import org.switchboard.core.crm.AccountView;
import org.switchboard.core.crm.CrmService;
import org.switchboard.core.mailbox.EmailSummary;
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
    public List<AccountView> list(@QueryParam("search") String search,
            @QueryParam("first") @DefaultValue("0") int first, @QueryParam("max") @DefaultValue("50") int max) {
        return crm.accounts(search, first, max);
    }

    @POST
    @Operation(summary = "Create an account; 400 names a field that is wrong")
    public Response create(AccountRequest request, @Context UriInfo uri) {
        AccountRequest body = Requests.body(request);
        AccountView account = crm.createAccount(new AccountDraft(body.name(), body.emails()));
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(account.id())).build())
                .entity(account).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One account with its addresses and contacts")
    public AccountView get(@PathParam("id") long id) {
        return crm.account(id);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change an account; its addresses are replaced by those given")
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
    public Response delete(@PathParam("id") long id) {
        crm.deleteAccount(id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/timeline")
    @Operation(summary = "The e-mails carrying an address of the account or of its contacts that I may see, "
            + "newest first")
    public List<EmailSummary> timeline(@PathParam("id") long id, @QueryParam("first") @DefaultValue("0") int first,
            @QueryParam("max") @DefaultValue("50") int max) {
        return crm.accountTimeline(id, first, max);
    }
}
