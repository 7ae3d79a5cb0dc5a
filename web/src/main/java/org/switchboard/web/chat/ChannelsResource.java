package org.switchboard.web.chat;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.channel.ChannelAccessChecks;
import org.switchboard.core.channel.ChannelDraft;
import org.switchboard.core.chat.ChannelView;
import org.switchboard.core.chat.ChatSettingsService;
import org.switchboard.core.common.Operations;
import org.switchboard.model.channel.ChannelProvider;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/** Channels over REST (CH-10, CH-11, CH-14, CH-15), guarded by {@code CanManageChats} in the service. */
@RequestScoped
@RolesAllowed(Operations.CAN_MANAGE_CHATS)
@Path("v1/channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Channels")
public class ChannelsResource {

    @Inject
    private ChatSettingsService settings;

    @Inject
    private ChannelAccessChecks checks;

    /**
     * A new channel, or the changes to one ({@code version} required on update).
     *
     * @param provider read on creation only
     * @param active   true when absent
     * @param settings the provider's settings: {@code botToken} (Telegram); {@code accountSid}, {@code authToken},
     *                 {@code phoneNumber}, {@code verificationNumber} (WhatsApp); a secret left out keeps the stored one
     */
    public record ChannelRequest(ChannelProvider provider, String name, Boolean active, Long queueId,
                                 String language, Map<String, String> settings, Long version) {

        ChannelDraft draft() {
            return new ChannelDraft(provider, name, active == null || active, queueId, language, settings);
        }
    }

    @GET
    @Operation(summary = "Every channel with its queue")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = ChannelView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<ChannelView> list() {
        return settings.channels();
    }

    @GET
    @Path("providers")
    @Operation(summary = "The providers a channel can be created for now")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = ChannelProvider.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<ChannelProvider> providers() {
        return settings.availableProviders();
    }

    @POST
    @Operation(summary = "Create a channel; 400 without a queue or with a token the provider refuses, 409 for a "
            + "provider not available yet or a taken name, 502 when the provider cannot be reached")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ChannelView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response create(ChannelRequest request, @Context UriInfo uri) {
        ChannelView channel = settings.createChannel(Requests.body(request).draft(), siteBase(uri));
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(channel.id())).build())
                .entity(channel).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One channel")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ChannelView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public ChannelView get(@PathParam("id") long id) {
        return settings.channel(id);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change a channel's name, state, queue, language and provider settings")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ChannelView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public ChannelView update(@PathParam("id") long id, ChannelRequest request, @Context UriInfo uri) {
        ChannelRequest body = Requests.body(request);
        return settings.updateChannel(id, Requests.version(body.version()), body.draft(), siteBase(uri));
    }

    @POST
    @Path("{id}/access-check")
    @Operation(summary = "FB-07: ask the messenger now whether it still takes the channel's messages; a failed check "
            + "flags the channel (flagReason), a passing one clears its flag; 502 when the messenger cannot be reached")
    @APIResponse(responseCode = "200", description = "The channel after the check",
            content = @Content(schema = @Schema(implementation = ChannelView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "502", ref = Problem.PROVIDER_FAILED)
    public ChannelView checkAccess(@PathParam("id") long id) {
        checks.checkNow(id);
        return settings.channel(id);
    }

    /** The application's address as the caller sees it (the base URI without {@code /api/}): TG-01's default. */
    private static String siteBase(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        return base.endsWith("/api/") ? base.substring(0, base.length() - "/api/".length()) : base;
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a channel; 409 when it has chats (deactivate it instead)")
    @APIResponse(responseCode = "204", description = "Done, nothing to return")
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    public Response delete(@PathParam("id") long id) {
        settings.deleteChannel(id);
        return Response.noContent().build();
    }
}
