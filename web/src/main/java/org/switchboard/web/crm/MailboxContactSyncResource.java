package org.switchboard.web.crm;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.crm.sync.ContactSyncDraft;
import org.switchboard.core.crm.sync.ContactSyncService;
import org.switchboard.core.crm.sync.ContactSyncView;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/**
 * An Exchange mailbox's two-way contact sync over REST (EC-01..EC-05): its settings and where it stands, the
 * settings saved, and "Run sync" (202: the run goes on in the background, its progress on {@code GET}). For the
 * mailbox's owner and those who may configure it (SM-02); another caller gets 404, as for the mailbox itself.
 */
@RequestScoped
@Path("v1/mailboxes/{id}/contact-sync")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts and accounts")
public class MailboxContactSyncResource {

    @Inject
    private ContactSyncService syncs;

    /** The settings to save, with the {@code version} read. */
    public record SettingsRequest(Boolean autoSync, Boolean importContacts, Boolean allFolders,
            List<String> selectedFolderIds, String exportMode, List<Long> categoryIds, List<Long> groupIds,
            Long version) {
    }

    @GET
    @Operation(summary = "The mailbox's contact sync: settings, folders, progress, last sync, conflicts and failures")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ContactSyncView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    public ContactSyncView get(@PathParam("id") long id) {
        return syncs.view(id);
    }

    @PUT
    @Operation(summary = "Save the contact sync's settings: automatic, import (on unless false) from all folders or "
            + "the selected ones, export none, all or the contacts of categories and groups")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ContactSyncView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public ContactSyncView save(@PathParam("id") long id, SettingsRequest request) {
        SettingsRequest body = Requests.body(request);
        if (body.version() == null) {
            throw new InvalidInputException("validation.required", "version");
        }
        return syncs.save(id, body.version(), new ContactSyncDraft(Boolean.TRUE.equals(body.autoSync()),
                !Boolean.FALSE.equals(body.importContacts()),
                !Boolean.FALSE.equals(body.allFolders()), body.selectedFolderIds(), body.exportMode(),
                body.categoryIds(), body.groupIds()));
    }

    @POST
    @Path("run")
    @Operation(summary = "Run the contact sync now; 202, its progress then shows on GET")
    @APIResponse(responseCode = "202", description = "Started (or asked for, when a run is going on)",
            content = @Content(schema = @Schema(implementation = ContactSyncView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    public Response run(@PathParam("id") long id) {
        return Response.accepted(syncs.requestRun(id)).build();
    }
}
