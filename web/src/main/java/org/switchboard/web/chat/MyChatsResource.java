package org.switchboard.web.chat;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.chat.ChatService;
import org.switchboard.core.chat.MyChats;
import org.switchboard.web.common.Problem;

/** The panel's chats tab over REST (CH-12): my status, the chats offered to me and the chats I hold. */
@RequestScoped
@Path("v1/me/chats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chats")
public class MyChatsResource {

    @Inject
    private ChatService chats;

    @GET
    @Operation(summary = "My status, the chats offered to me (CH-03) and the chats I hold (assigned or in work)")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = MyChats.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public MyChats get() {
        return chats.myChats();
    }
}
