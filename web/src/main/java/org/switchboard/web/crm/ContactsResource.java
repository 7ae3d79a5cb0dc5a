package org.switchboard.web.crm;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.common.ConcurrentChangeException;
import org.switchboard.core.crm.ContactDraft;
import org.switchboard.core.crm.ContactFilter;
import org.switchboard.core.crm.ContactView;
import org.switchboard.core.crm.CrmService;
import org.switchboard.core.mailbox.EmailSummary;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/**
 * Contacts over REST (MB-04, EC-01): find them a page at a time ({@code X-Total-Count} counts them all), create,
 * change and delete them, and read their e-mail timeline. A contact's {@code ETag} is its version: a change sent with
 * {@code If-Match} that no longer holds is refused with 412, one with the body's {@code version} with 409, so two
 * writers never overwrite each other unknowingly.
 */
@RequestScoped
@Path("v1/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts and accounts")
public class ContactsResource {

    @Inject
    private CrmService crm;

    /** The response header that counts every contact a listing pages through. */
    public static final String TOTAL_COUNT = "X-Total-Count";

    /**
     * A new contact, or the changes to one: on update, the version read goes in {@code If-Match} (its ETag) or in
     * {@code version}; lists replace what the contact holds (of its tags, those I see: others' personal tags stay),
     * and {@code groupIds} or {@code tagIds} left out leave them as they are.
     */
    public record ContactRequest(String name, String givenName, String familyName, String jobTitle,
            String companyName, Long accountId, List<String> emails, List<ContactDraft.Phone> phones,
            List<ContactDraft.PostalAddress> addresses,
            @Schema(type = SchemaType.STRING, format = "date", example = "1990-02-28") LocalDate birthday,
            String notes, Long categoryId, List<Long> groupIds, List<Long> tagIds, Long version) {

        ContactDraft draft() {
            return new ContactDraft(name, givenName, familyName, jobTitle, companyName, accountId, emails, phones,
                    addresses, birthday, notes, categoryId, groupIds, tagIds);
        }
    }

    @Context
    private HttpHeaders headers;

    @GET
    @Operation(summary = "Contacts whose name, company or e-mail address contains the text, optionally of one "
            + "category, in one group and bearing one tag, by name, a page at a time")
    @APIResponse(responseCode = "200", description = "OK", headers = @Header(name = TOTAL_COUNT,
            description = "How many contacts match, on all pages", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ContactView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public Response list(@QueryParam("search") String search, @QueryParam("categoryId") Long categoryId,
            @QueryParam("groupId") Long groupId, @QueryParam("tagId") Long tagId,
            @QueryParam("first") @DefaultValue("0") int first, @QueryParam("max") @DefaultValue("50") int max) {
        ContactFilter filter = new ContactFilter(categoryId, groupId, tagId);
        return Response.ok(crm.contacts(search, filter, first, max))
                .header(TOTAL_COUNT, crm.countContacts(search, filter)).build();
    }

    @POST
    @Operation(summary = "Create a contact; 400 names a field that is wrong")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ContactView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response create(ContactRequest request, @Context UriInfo uri) {
        ContactView contact = crm.createContact(Requests.body(request).draft());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(contact.id())).build())
                .tag(tag(contact)).entity(contact).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One contact with its details, addresses and account; ETag is its version")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ContactView.class)))
    @APIResponse(responseCode = "304", description = "Not changed since the ETag given in If-None-Match")
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public Response get(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        ContactView contact = crm.contact(id);
        if (ifNoneMatch != null && tag(contact).toString().equals(ifNoneMatch.strip())) {
            return Response.notModified(tag(contact)).build();
        }
        return Response.ok(contact).tag(tag(contact)).build();
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change a contact read at the version in If-Match (or in version); its addresses, phones "
            + "and postal addresses are replaced by those given")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ContactView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "412", ref = Problem.PRECONDITION_FAILED)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response update(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            ContactRequest request) {
        ContactRequest body = Requests.body(request);
        Long matched = Versions.ifMatch(ifMatch);
        long version = Versions.required(matched, body.version());
        try {
            ContactView contact = crm.updateContact(id, version, body.draft());
            return Response.ok(contact).tag(tag(contact)).build();
        } catch (ConcurrentChangeException e) {
            if (matched == null) {
                throw e;
            }
            return Versions.preconditionFailed(headers, "Contact", id);
        }
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a contact (only at the version in If-Match, when given); 409 while chats or cases "
            + "refer to it")
    @APIResponse(responseCode = "204", description = "Done, nothing to return")
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "412", ref = Problem.PRECONDITION_FAILED)
    public Response delete(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Long matched = Versions.ifMatch(ifMatch);
        try {
            crm.deleteContact(id, matched);
        } catch (ConcurrentChangeException e) {
            return Versions.preconditionFailed(headers, "Contact", id);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/timeline")
    @Operation(summary = "The e-mails carrying one of the contact's addresses that I may see, newest first")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = EmailSummary.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public List<EmailSummary> timeline(@PathParam("id") long id, @QueryParam("first") @DefaultValue("0") int first,
            @QueryParam("max") @DefaultValue("50") int max) {
        return crm.contactTimeline(id, first, max);
    }

    private static EntityTag tag(ContactView contact) {
        return Versions.tag(contact.version());
    }
}
