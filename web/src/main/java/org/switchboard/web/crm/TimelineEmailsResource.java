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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.crm.CrmLink;
import org.switchboard.core.crm.CrmService;
import org.switchboard.core.mailbox.EmailDetail;
import org.switchboard.core.mailbox.EmailFileContent;
import org.switchboard.core.mailbox.EmailService;
import org.switchboard.web.common.Downloads;

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
    public EmailDetail email(@PathParam("id") long id) {
        return emails.email(id);
    }

    @GET
    @Path("{id}/links")
    @Operation(summary = "The contacts and accounts the e-mail is linked to by the addresses it carries")
    public List<CrmLink> links(@PathParam("id") long id) {
        return crm.linksOf(EmailLinks.addresses(emails.email(id)));
    }

    @GET
    @Path("{id}/files/{fileId}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "The bytes of one file of a timeline's e-mail, as an attachment with its content type")
    public Response file(@PathParam("id") long id, @PathParam("fileId") long fileId) {
        EmailFileContent file = emails.file(id, fileId);
        return Downloads.attachment(file.content(), file.contentType(), file.fileName());
    }
}
