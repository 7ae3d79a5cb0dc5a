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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.common.ConcurrentChangeException;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.crm.ActivityDraft;
import org.switchboard.core.crm.ActivityFilter;
import org.switchboard.core.crm.ActivityOccurrence;
import org.switchboard.core.crm.ActivityService;
import org.switchboard.core.crm.ActivityView;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/**
 * Activities over REST (issue 21 item 1): my meetings and tasks a page at a time ({@code X-Total-Count} counts them
 * all), the calendar of a stretch with each occurrence of the recurring ones, and create, change and delete. An
 * activity's {@code ETag} is its version: a change sent with an {@code If-Match} that no longer holds is refused with
 * 412, one with the body's {@code version} with 409. Another user's activity that I neither own, organise nor take part
 * in answers 404.
 */
@RequestScoped
@Path("v1/activities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Activities")
public class ActivitiesResource {

    @Inject
    private ActivityService activities;

    @Context
    private HttpHeaders headers;

    /**
     * A new activity, or the changes to one: on update, the version read goes in {@code If-Match} (its ETag) or in
     * {@code version}. Times are ISO-8601 with an offset; {@code kind} MEETING (shown in calendar) or TASK.
     */
    public record ActivityRequest(String title, String kind,
            @Schema(type = SchemaType.STRING, format = "date-time") OffsetDateTime startsAt,
            @Schema(type = SchemaType.STRING, format = "date-time") OffsetDateTime endsAt,
            @Schema(type = SchemaType.STRING, format = "date-time") OffsetDateTime dueAt, Boolean allDay,
            @Schema(example = "Europe/Berlin") String timeZone, String location, String description,
            @Schema(enumeration = {"PLANNED", "IN_PROGRESS", "DONE", "CANCELLED"}) String status,
            @Schema(enumeration = {"LOW", "NORMAL", "HIGH"}) String priority, Integer reminderMinutes,
            @Schema(example = "FREQ=WEEKLY;BYDAY=MO") String recurrence, List<LocalDate> exceptions,
            Long organiserId, Long ownerId, List<ActivityDraft.Participant> participants, List<Long> groupIds,
            Long version) {

        ActivityDraft draft() {
            String named = kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT);
            Boolean inCalendar = named.isEmpty() ? null : switch (named) {
                case "MEETING" -> true;
                case "TASK" -> false;
                default -> throw new InvalidInputException("validation.json.choice", "kind", "MEETING, TASK");
            };
            return new ActivityDraft(title, inCalendar, startsAt, endsAt, dueAt, allDay, timeZone, location,
                    description, status, priority, reminderMinutes, recurrence, exceptions, organiserId, ownerId,
                    participants, groupIds);
        }
    }

    @GET
    @Operation(summary = "My activities (owned, organised or taken part in) whose title contains the text, of a kind "
            + "and statuses, listed from/to (a meeting by its start, a task by its due time), in a group, with a "
            + "contact taking part, by when they are listed, a page at a time")
    @APIResponse(responseCode = "200", description = "OK", headers = @Header(name = ContactsResource.TOTAL_COUNT,
            description = "How many activities match, on all pages", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ActivityView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public Response list(@QueryParam("search") String search, @QueryParam("kind") String kind,
            @QueryParam("status") List<String> statuses, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("groupId") Long groupId,
            @QueryParam("contactId") Long contactId, @QueryParam("first") @DefaultValue("0") int first,
            @QueryParam("max") @DefaultValue("50") int max) {
        ActivityFilter filter = new ActivityFilter(kind, statuses, time(from, "from"), time(to, "to"), groupId,
                contactId);
        return Response.ok(activities.activities(search, filter, first, max))
                .header(ContactsResource.TOTAL_COUNT, activities.countActivities(search, filter)).build();
    }

    @GET
    @Path("calendar")
    @Operation(summary = "My calendar from/to (at most 62 days): the meetings, each occurrence of the recurring ones "
            + "(the days taken out left out) and the tasks at their due times")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = ActivityOccurrence.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<ActivityOccurrence> calendar(@QueryParam("from") String from, @QueryParam("to") String to) {
        OffsetDateTime start = time(from, "from");
        OffsetDateTime end = time(to, "to");
        if (start == null) {
            throw new InvalidInputException("validation.required", "from");
        }
        if (end == null) {
            throw new InvalidInputException("validation.required", "to");
        }
        return activities.calendar(start, end);
    }

    @POST
    @Operation(summary = "Create an activity, owned and organised by me unless ownerId or organiserId name other "
            + "users; 400 names a field that is wrong")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response create(ActivityRequest request, @Context UriInfo uri) {
        ActivityView activity = activities.create(Requests.body(request).draft());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(activity.id())).build())
                .tag(tag(activity)).entity(activity).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One activity with its participants and groups; ETag is its version")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "304", description = "Not changed since the ETag given in If-None-Match")
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public Response get(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        ActivityView activity = activities.activity(id);
        if (ifNoneMatch != null && tag(activity).toString().equals(ifNoneMatch.strip())) {
            return Response.notModified(tag(activity)).build();
        }
        return Response.ok(activity).tag(tag(activity)).build();
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change an activity read at the version in If-Match (or in version); its participants are "
            + "replaced by those given, its organiser, owner and groups stay when left out")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "412", ref = Problem.PRECONDITION_FAILED)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response update(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            ActivityRequest request) {
        ActivityRequest body = Requests.body(request);
        Long matched = Versions.ifMatch(ifMatch);
        long version = Versions.required(matched, body.version());
        try {
            ActivityView activity = activities.update(id, version, body.draft());
            return Response.ok(activity).tag(tag(activity)).build();
        } catch (ConcurrentChangeException e) {
            if (matched == null) {
                throw e;
            }
            return Versions.preconditionFailed(headers, "Activity", id);
        }
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an activity (only at the version in If-Match, when given)")
    @APIResponse(responseCode = "204", description = "Done, nothing to return")
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "412", ref = Problem.PRECONDITION_FAILED)
    public Response delete(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        try {
            activities.delete(id, Versions.ifMatch(ifMatch));
        } catch (ConcurrentChangeException e) {
            return Versions.preconditionFailed(headers, "Activity", id);
        }
        return Response.noContent().build();
    }

    private static EntityTag tag(ActivityView activity) {
        return Versions.tag(activity.version());
    }

    /** An ISO-8601 date-time with an offset, or a date (its midnight in UTC); null when not given. */
    private static OffsetDateTime time(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.strip().length() == 10 ? LocalDate.parse(value.strip()).atStartOfDay()
                    .atOffset(ZoneOffset.UTC) : OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("validation.activity.time", field, value.strip());
        }
    }
}
