package org.switchboard.web.events;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.events.EventJournalService;
import org.switchboard.core.events.EventJournalView;
import org.switchboard.web.common.Problem;

/** The journal of domain events over REST, newest first; guarded by {@code CanManageAdministration}. */
@RequestScoped
@Path("v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class EventsResource {

    @Inject
    private EventJournalService journal;

    /** A page of the journal and the number of events it was taken from. */
    public record EventPage(long total, List<EventJournalView> events) {
    }

    @GET
    @Operation(summary = "Journaled domain events, newest first, optionally of one type")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = EventPage.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public EventPage list(@QueryParam("type") String type, @QueryParam("first") @DefaultValue("0") int first,
                          @QueryParam("max") @DefaultValue("100") int max) {
        return new EventPage(journal.count(type), journal.recent(type, first, max));
    }
}
