package org.switchboard.web.inbound;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.Operations;
import org.switchboard.core.inbound.DeadLetterService;
import org.switchboard.core.inbound.DeadLetterView;
import org.switchboard.core.inbound.ReplayResult;
import org.switchboard.model.inbound.DeadLetterStatus;
import org.switchboard.web.common.Problem;

/** Inbound dead letters over REST: list, read, replay one or all of a kind, discard. CanManageChats. */
@RequestScoped
@RolesAllowed(Operations.CAN_MANAGE_CHATS)
@Path("v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters")
public class DeadLettersResource {

    @Inject
    private DeadLetterService deadLetters;

    @GET
    @Operation(summary = "Dead letters of a status (NEW by default), newest first")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = DeadLetterView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<DeadLetterView> list(@QueryParam("status") DeadLetterStatus status,
            @QueryParam("first") @DefaultValue("0") int first, @QueryParam("max") @DefaultValue("100") int max) {
        return deadLetters.list(status, first, max);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One dead letter with its reason and payload")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = DeadLetterView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public DeadLetterView get(@PathParam("id") long id) {
        return deadLetters.get(id);
    }

    @POST
    @Path("{id}/replay")
    @Operation(summary = "Process a dead letter again; it comes back REPLAYED, or NEW with the new reason")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = DeadLetterView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public DeadLetterView replay(@PathParam("id") long id) {
        return deadLetters.replay(id);
    }

    @POST
    @Path("replay")
    @Operation(summary = "Replay every waiting dead letter of a kind (e.g. InboundChatMessage)")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ReplayResult.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public ReplayResult replayAll(@QueryParam("kind") String kind) {
        if (kind == null || kind.isBlank()) {
            throw new InvalidInputException("validation.required", "kind");
        }
        return deadLetters.replayAll(kind);
    }

    @POST
    @Path("{id}/discard")
    @Operation(summary = "Never process this dead letter")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = DeadLetterView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public DeadLetterView discard(@PathParam("id") long id) {
        return deadLetters.discard(id);
    }
}
