package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Activities over REST on the deployed EAR (issue 21 item 1, EA-02, X-03): a meeting with its participants, groups
 * and recurrence round-trips; a user sees the activities they own, organise or take part in and no other; the ETag is
 * the version and a stale If-Match is refused with 412; the calendar shows each occurrence of a recurring meeting but
 * the days taken out; bad input is refused on its field with nothing written; each change is journaled as
 * ActivityChanged.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ActivitiesIT {

    private static final String ACTIVITIES = "api/v1/activities";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    private ApiClient admin() {
        return ApiClient.asAdmin(base);
    }

    /** A new user: its client and its id. */
    private Object[] newUser(String prefix) {
        String login = Fixtures.unique(prefix);
        long id = Fixtures.user(admin(), login).getJsonNumber("id").longValue();
        return new Object[] {ApiClient.as(base, login, Fixtures.PASSWORD), id};
    }

    private static JsonObjectBuilder meeting(String title) {
        return Json.createObjectBuilder().add("title", title).add("kind", "MEETING")
                .add("startsAt", "2026-12-07T09:00:00+01:00").add("endsAt", "2026-12-07T10:00:00+01:00")
                .add("timeZone", "Europe/Berlin").add("location", "Room 4").add("priority", "HIGH")
                .add("reminderMinutes", 15);
    }

    private static ApiResponse send(ApiClient user, String method, String path, JsonValue body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(user.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .header("Accept", "application/json").header("Accept-Language", "en-US").header("If-Match", ifMatch);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return user.send(request.build());
    }

    private static List<String> titles(ApiResponse response) {
        return response.array().stream().map(v -> v.asJsonObject().getString("title")).toList();
    }

    @Test
    @DisplayName("EA-02 X-03 a meeting with a contact, a colleague and an outside address, in a group, round-trips; "
            + "the colleague sees it, another user gets 404; a stale If-Match is refused with 412, a stale version "
            + "with 409; each change is journaled as ActivityChanged")
    void meetingRoundTrips() {
        Object[] ann = newUser("actann");
        Object[] bob = newUser("actbob");
        Object[] eve = newUser("acteve");
        ApiClient anna = (ApiClient) ann[0];
        String title = Fixtures.unique("Review");
        long contact = anna.post("api/v1/contacts", Json.createObjectBuilder().add("name", title + " Carl").build())
                .assertCreated().getJsonNumber("id").longValue();
        long group = anna.post("api/v1/activity-groups", Json.createObjectBuilder().add("name", title + " fairs")
                .build()).assertCreated().getJsonNumber("id").longValue();

        ApiResponse created = anna.post(ACTIVITIES, meeting(title).add("participants", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("contactId", contact))
                .add(Json.createObjectBuilder().add("userId", (long) bob[1]).add("response", "accepted"))
                .add(Json.createObjectBuilder().add("email", "Zoe@Example.org")))
                .add("groupIds", Json.createArrayBuilder().add(group)).build());
        JsonObject activity = created.assertCreated();
        String path = ACTIVITIES + "/" + activity.getJsonNumber("id").longValue();

        assertEquals(List.of("MEETING", "2026-12-07T08:00:00Z", "2026-12-07T09:00:00Z", "Europe/Berlin", "Room 4",
                "HIGH", "PLANNED", "15"), List.of(activity.getString("kind"), instant(activity, "startsAt"),
                instant(activity, "endsAt"), activity.getString("timeZone"), activity.getString("location"),
                activity.getString("priority"), activity.getString("status"),
                activity.get("reminderMinutes").toString()), created::toString);
        assertEquals(List.of(title + " Carl NONE", "ACCEPTED", "zoe@example.org NONE"),
                activity.getJsonArray("participants").stream().map(JsonValue::asJsonObject)
                .map(p -> p.containsKey("userId") && !p.isNull("userId") ? p.getString("response")
                        : p.getString("name") + " " + p.getString("response")).toList(), created::toString);
        assertEquals(List.of(group), activity.getJsonArray("groupIds").stream()
                .map(v -> Long.parseLong(v.toString())).toList());
        assertEquals(ann[1].toString(), activity.get("ownerId").toString(), "the creator owns it");
        assertEquals(ann[1].toString(), activity.get("organiserId").toString(), "and organises it");

        ApiClient bobby = (ApiClient) bob[0];
        assertEquals(200, bobby.get(path).status(), "Bob takes part: he sees it");
        assertEquals(List.of(title), titles(bobby.get(ACTIVITIES + "?search=" + title)));
        ApiClient eva = (ApiClient) eve[0];
        eva.get(path).assertProblem(404, "error.notFound", null);
        assertEquals(List.of(), titles(eva.get(ACTIVITIES + "?search=" + title)));
        eva.put(path, meeting(title + " hijacked").add("version", 0).build()).assertProblem(404, "error.notFound",
                null);
        ApiResponse ofCarl = anna.get(ACTIVITIES + "?contactId=" + contact + "&kind=MEETING");
        assertEquals(List.of(title), titles(ofCarl));
        assertEquals("1", ofCarl.header("X-Total-Count").orElse(""), ofCarl::toString);

        String first = created.header("ETag").orElseThrow();
        ApiResponse saved = send(anna, "PUT", path, meeting(title).add("status", "DONE").build(), first);
        assertEquals(200, saved.status(), saved::toString);
        assertEquals(List.of(), saved.object().getJsonArray("participants"), "the participants given replace them");
        assertEquals(List.of(group), saved.object().getJsonArray("groupIds").stream()
                .map(v -> Long.parseLong(v.toString())).toList(), "groups left out stay");
        String second = saved.header("ETag").orElseThrow();
        send(anna, "PUT", path, meeting(title).build(), first).assertProblem(412, "error.concurrentChange", null);
        anna.put(path, meeting(title).add("version", activity.getJsonNumber("version").longValue()).build())
                .assertProblem(409, "error.concurrentChange", null);
        assertEquals("DONE", anna.get(path).object().getString("status"), "the refused changes wrote nothing");
        assertEquals(404, bobby.get(path).status(), "Bob no longer takes part");

        send(anna, "DELETE", path, null, first).assertProblem(412, "error.concurrentChange", null);
        assertEquals(204, send(anna, "DELETE", path, null, second).status());
        assertEquals(404, anna.get(path).status());
        assertEquals(List.of("DELETED", "UPDATED", "CREATED"), Fixtures.journaled(admin(), "ActivityChanged", title)
                .stream().map(e -> e.getString("change")).toList());
    }

    private static String instant(JsonObject activity, String field) {
        return OffsetDateTime.parse(activity.getString(field)).toInstant().toString();
    }

    @Test
    @DisplayName("EA-01 the calendar shows each occurrence of a weekly meeting in the period but the day taken out, "
            + "and a task at its due time; a period too long or not a time is refused")
    void calendar() {
        ApiClient anna = (ApiClient) newUser("actcal")[0];
        String title = Fixtures.unique("Standup");
        anna.post(ACTIVITIES, meeting(title).add("recurrence", "FREQ=WEEKLY;BYDAY=MO,TH")
                .add("exceptions", Json.createArrayBuilder().add("2026-12-10")).build()).assertCreated();
        anna.post(ACTIVITIES, Json.createObjectBuilder().add("title", title + " call back").add("kind", "TASK")
                .add("dueAt", "2026-12-15T16:00:00Z").build()).assertCreated();

        ApiResponse shown = anna.get(ACTIVITIES + "/calendar?from=2026-12-07&to=2026-12-21");
        assertEquals(List.of(title + " 2026-12-07T08:00:00Z", title + " 2026-12-14T08:00:00Z",
                title + " call back 2026-12-15T16:00:00Z", title + " 2026-12-17T08:00:00Z"),
                shown.array().stream().map(JsonValue::asJsonObject)
                        .filter(o -> o.getString("title").startsWith(title))
                        .map(o -> o.getString("title") + " " + OffsetDateTime.parse(o.getString("start"))
                                .toInstant()).toList(), shown::toString);
        anna.get(ACTIVITIES + "/calendar?from=2026-01-01&to=2026-12-31").assertProblem(400,
                "validation.activity.rangeTooLong", "to");
        anna.get(ACTIVITIES + "/calendar?from=yesterday&to=2026-12-31").assertProblem(400,
                "validation.activity.time", "from");
        anna.get(ACTIVITIES + "/calendar?to=2026-12-31").assertProblem(400, "validation.required", "from");
    }

    @Test
    @DisplayName("EA-02 bad input is refused on its field and nothing is written: a meeting without its end, an end "
            + "before the start, a rule that does not read, a task that repeats, an unknown contact or group, an "
            + "unknown kind or time zone")
    void badInputRefused() {
        ApiClient anna = (ApiClient) newUser("actbad")[0];
        String title = Fixtures.unique("Refused");
        anna.post(ACTIVITIES, meeting(title).remove("endsAt").build())
                .assertProblem(400, "validation.activity.endRequired", "endsAt");
        anna.post(ACTIVITIES, meeting(title).add("endsAt", "2026-12-07T08:00:00+01:00").build())
                .assertProblem(400, "validation.activity.endBeforeStart", "endsAt");
        anna.post(ACTIVITIES, meeting(title).add("recurrence", "FREQ=HOURLY").build())
                .assertProblem(400, "validation.activity.recurrence", "recurrence");
        anna.post(ACTIVITIES, Json.createObjectBuilder().add("title", title).add("kind", "TASK")
                .add("recurrence", "FREQ=DAILY").build())
                .assertProblem(400, "validation.activity.recurrenceOfTask", "recurrence");
        anna.post(ACTIVITIES, meeting(title).add("participants", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("contactId", 999_999_999L))).build())
                .assertProblem(400, "validation.activity.unknownContact", "participants");
        anna.post(ACTIVITIES, meeting(title).add("groupIds", Json.createArrayBuilder().add(999_999_999L)).build())
                .assertProblem(400, "validation.activity.unknownGroup", "groupIds");
        anna.post(ACTIVITIES, meeting(title).add("kind", "CALL").build())
                .assertProblem(400, "validation.json.choice", "kind");
        anna.post(ACTIVITIES, meeting(title).add("timeZone", "Mars/Olympus").build())
                .assertProblem(400, "validation.activity.timeZone", "timeZone");
        anna.post(ACTIVITIES, meeting(" ").build()).assertProblem(400, "validation.required", "title");
        ApiResponse none = anna.get(ACTIVITIES + "?search=" + title);
        assertEquals(List.of(), titles(none));
        assertEquals("0", none.header("X-Total-Count").orElse(""));
        assertTrue(Fixtures.journaled(admin(), "ActivityChanged", title).isEmpty(), "nothing journaled");
    }
}
