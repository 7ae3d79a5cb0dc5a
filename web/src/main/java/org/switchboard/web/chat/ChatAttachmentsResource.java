package org.switchboard.web.chat;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.chat.AttachmentContent;
import org.switchboard.core.chat.ChatService;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.web.common.Downloads;
import org.switchboard.web.common.Problem;

/**
 * Downloads a chat attachment (CH-12) for the panel's and the Chats section's links and for REST clients, with its
 * content type and a Content-Disposition that a file name cannot break. The service checks the caller may see the chat.
 */
@RequestScoped
@Path("v1/chat-attachments")
@Tag(name = "Chats")
public class ChatAttachmentsResource {

    @Inject
    private ChatService chats;

    @GET
    @Path("{id}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "The bytes of an attachment; a file given by URL is fetched by Switchboard when first opened")
    @APIResponse(responseCode = "200", description = "The file, with its content type",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public Response download(@PathParam("id") long id) {
        AttachmentContent file = chats.attachment(id);
        if (file.content() == null) {
            // A file known only by a reference its channel cannot fetch. Never a redirect to the reference (issue 18):
            // a URL an integration supplied is fetched by the service, or refused there with its reason.
            throw new RecordNotFoundException("Attachment", id);
        }
        return Downloads.attachment(file.content(), file.contentType(), file.fileName());
    }
}
