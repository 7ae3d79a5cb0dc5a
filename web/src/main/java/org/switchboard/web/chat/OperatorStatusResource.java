package org.switchboard.web.chat;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.chat.ChatService;
import org.switchboard.core.chat.OperatorStatusView;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.model.chat.OperatorStatus;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/** The signed-in operator's own status Active/Inactive over REST (CH-04, CH-08). */
@RequestScoped
@Path("v1/me/operator-status")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Chats")
public class OperatorStatusResource {

    @Inject
    private ChatService chats;

    /** The status the operator chooses: {@code ACTIVE} or {@code INACTIVE}. */
    public record StatusRequest(String status) {
    }

    @GET
    @Operation(summary = "My status, when and why it last changed, my chats in work and my limit")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = OperatorStatusView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public OperatorStatusView get() {
        return chats.myStatus();
    }

    @PUT
    @Operation(summary = "Set myself Active (waiting chats come at once) or Inactive (no new chats)")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = OperatorStatusView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public OperatorStatusView set(StatusRequest request) {
        StatusRequest body = Requests.body(request);
        OperatorStatus status;
        try {
            status = OperatorStatus.valueOf(body.status() == null ? "" : body.status().trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("validation.chat.operatorStatus", "status");
        }
        return chats.setMyStatus(status);
    }
}
