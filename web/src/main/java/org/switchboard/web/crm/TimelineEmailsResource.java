package org.switchboard.web.crm;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import org.switchboard.core.crm.CrmLink;
import org.switchboard.core.crm.CrmService;
import org.switchboard.core.mailbox.EmailDetail;
import org.switchboard.core.mailbox.EmailFileContent;
import org.switchboard.core.mailbox.EmailService;
import org.switchboard.web.common.Downloads;
import org.switchboard.web.common.Problem;

/**
 * The e-mails of timelines over REST (MB-04, SM-03): one e-mail in full with the contacts and accounts it is linked
 * to, and its files, for whoever may see its mailbox's mail on timelines.
 */
@RequestScoped
@Path("v1/emails")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts and accounts")
public class TimelineEmailsResource {

    @Inject
    private EmailService emails;

    @Inject
    private CrmService crm;

    @GET
    @Path("{id}")
    @Operation(summary = "One e-mail of a timeline in full: addresses, bodies, files")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = EmailDetail.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public EmailDetail email(@PathParam("id") long id) {
        return emails.email(id);
    }

    @GET
    @Path("{id}/links")
    @Operation(summary = "The contacts and accounts the e-mail is linked to by the addresses it carries")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = CrmLink.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public List<CrmLink> links(@PathParam("id") long id) {
        return crm.linksOf(EmailLinks.addresses(emails.email(id)));
    }

    @GET
    @Path("{id}/files/{fileId}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "The bytes of one file of a timeline's e-mail, as an attachment with its content type")
    @APIResponse(responseCode = "200", description = "The file, with its content type",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public Response file(@PathParam("id") long id, @PathParam("fileId") long fileId) {
        EmailFileContent file = emails.file(id, fileId);
        return Downloads.attachment(file.content(), file.contentType(), file.fileName());
    }
}
