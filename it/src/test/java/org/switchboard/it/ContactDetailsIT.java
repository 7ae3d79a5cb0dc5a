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
import java.util.List;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A contact's details over REST on the deployed EAR (EC-01, X-03): what an Outlook contact holds round-trips; its ETag
 * is its version and a change sent with a stale If-Match is refused with 412, never written over another's; bad
 * details are refused on their field with nothing written; the list filters by category and counts what it pages
 * through; every change is journaled as ContactChanged with the version it reached.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContactDetailsIT {

    private static final String CONTACTS = "api/v1/contacts";
    private static final long CUSTOMERS = 2;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    private ApiClient admin() {
        return ApiClient.asAdmin(base);
    }

    private ApiClient newUser() {
        String login = Fixtures.unique("contacts");
        Fixtures.user(admin(), login);
        return ApiClient.as(base, login, Fixtures.PASSWORD);
    }

    private static JsonObjectBuilder details(String givenName, String familyName, String company) {
        return Json.createObjectBuilder().add("givenName", givenName).add("familyName", familyName)
                .add("jobTitle", "Buyer").add("companyName", company).add("categoryId", CUSTOMERS)
                .add("birthday", "1990-02-28").add("notes", "Prefers calls\nafter 10")
                .add("emails", Json.createArrayBuilder().add(givenName.toLowerCase() + "@acme.test"))
                .add("phones", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("kind", "mobile").add("number", "+1 555 0100"))
                        .add(Json.createObjectBuilder().add("kind", "WORK").add("number", "+1 555 0199 x12")))
                .add("addresses", Json.createArrayBuilder().add(Json.createObjectBuilder().add("kind", "WORK")
                        .add("street", "1 Main St").add("city", "Springfield").add("postalCode", "62701")
                        .add("country", "USA")));
    }

    /** A request with one header of the caller's choosing (If-Match, If-None-Match). */
    private static ApiResponse send(ApiClient user, String method, String path, JsonValue body, String header,
            String value) {
        HttpRequest.Builder request = HttpRequest.newBuilder(user.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .header("Accept", "application/json").header("Accept-Language", "en-US");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (header != null) {
            request.header(header, value);
        }
        return user.send(request.build());
    }

    @Test
    @DisplayName("EC-01 a contact's name parts, job, company, category, birthday, notes, phones and postal addresses "
            + "round-trip; the name is made of its parts; the creator owns it; its ETag is its version")
    void detailsRoundTrip() {
        ApiClient user = newUser();
        String family = Fixtures.unique("Lee");

        ApiResponse created = user.post(CONTACTS, details("Ann", family, "Acme").build());
        JsonObject contact = created.assertCreated();

        assertEquals("\"" + contact.getJsonNumber("version").longValue() + "\"", created.header("ETag").orElse(""),
                created::toString);
        ApiResponse read = user.get(CONTACTS + "/" + contact.getJsonNumber("id").longValue());
        JsonObject shown = read.object();
        assertEquals(List.of("Ann " + family, "Ann", family, "Buyer", "Acme", "CUSTOMERS", "Customers",
                "1990-02-28", "Prefers calls\nafter 10", "ann@acme.test"),
                List.of(shown.getString("name"), shown.getString("givenName"), shown.getString("familyName"),
                        shown.getString("jobTitle"), shown.getString("companyName"), shown.getString("categoryCode"),
                        shown.getString("categoryName"), shown.getString("birthday"), shown.getString("notes"),
                        shown.getJsonArray("emails").getString(0)), read::toString);
        assertEquals(List.of("MOBILE +1 555 0100", "WORK +1 555 0199 x12"), shown.getJsonArray("phones").stream()
                .map(JsonValue::asJsonObject).map(p -> p.getString("kind") + " " + p.getString("number")).toList());
        JsonObject address = shown.getJsonArray("addresses").getJsonObject(0);
        assertEquals(List.of("WORK", "1 Main St", "Springfield", "62701", "USA"), List.of(address.getString("kind"),
                address.getString("street"), address.getString("city"), address.getString("postalCode"),
                address.getString("country")));
        assertTrue(shown.getString("owner").startsWith("contacts"), read::toString);
        assertEquals(created.header("ETag"), read.header("ETag"));

        ApiResponse unchanged = send(user, "GET", CONTACTS + "/" + shown.getJsonNumber("id").longValue(), null,
                "If-None-Match", read.header("ETag").orElseThrow());
        assertEquals(304, unchanged.status(), unchanged::toString);
    }

    @Test
    @DisplayName("EC-01 X-03 a change with the current If-Match is saved with a new ETag; one with a stale If-Match "
            + "is refused with 412 and one with a stale version with 409, leaving the other's change; a delete "
            + "with a stale If-Match is refused too; each change is journaled as ContactChanged")
    void ifMatchGuardsChanges() {
        ApiClient user = newUser();
        String family = Fixtures.unique("Kim");
        JsonObject contact = user.post(CONTACTS, details("Bo", family, "Beta").build()).assertCreated();
        String path = CONTACTS + "/" + contact.getJsonNumber("id").longValue();
        String first = user.get(path).header("ETag").orElseThrow();

        ApiResponse saved = send(user, "PUT", path, details("Bo", family, "Beta Ltd").build(), "If-Match", first);
        assertEquals(200, saved.status(), saved::toString);
        String second = saved.header("ETag").orElseThrow();
        assertTrue(!second.equals(first), saved::toString);

        send(user, "PUT", path, details("Bo", family, "Gamma").build(), "If-Match", first)
                .assertProblem(412, "error.concurrentChange", null);
        user.put(path, details("Bo", family, "Gamma").add("version", contact.getJsonNumber("version").longValue())
                .build()).assertProblem(409, "error.concurrentChange", null);
        user.put(path, details("Bo", family, "Gamma").build()).assertProblem(400, "validation.crm.versionRequired",
                "version");
        send(user, "PUT", path, details("Bo", family, "Gamma").build(), "If-Match", "*")
                .assertProblem(400, "validation.crm.ifMatch", "If-Match");
        assertEquals("Beta Ltd", user.get(path).object().getString("companyName"), "the refused changes wrote nothing");

        send(user, "DELETE", path, null, "If-Match", first).assertProblem(412, "error.concurrentChange", null);
        ApiResponse deleted = send(user, "DELETE", path, null, "If-Match", second);
        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals(404, user.get(path).status());

        List<JsonObject> journaled = Fixtures.journaled(admin(), "ContactChanged", "Bo " + family);
        assertEquals(List.of("DELETED", "UPDATED", "CREATED"), journaled.stream().map(e -> e.getString("change"))
                .toList(), journaled::toString);
        assertEquals(second.replace("\"", ""), String.valueOf(journaled.get(1).getJsonNumber("version").longValue()),
                "an UPDATED event carries the version of the ETag it produced");
    }

    @Test
    @DisplayName("EC-01 bad details are refused on their field and nothing is written: a phone that is no number, an "
            + "unknown kind, a birthday ahead, an unknown category, a job title of two lines, a date not in ISO form")
    void badDetailsRefused() {
        ApiClient user = newUser();
        String company = Fixtures.unique("Refused");
        JsonObjectBuilder base = Json.createObjectBuilder().add("name", "Eve").add("companyName", company);

        user.post(CONTACTS, base.add("phones", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("kind", "MOBILE").add("number", "+1 555 0100"))
                .add(Json.createObjectBuilder().add("kind", "MOBILE").add("number", "call me"))).build())
                .assertProblem(400, "validation.crm.phone", "phones[1].number");
        user.post(CONTACTS, Json.createObjectBuilder().add("name", "Eve").add("companyName", company)
                .add("phones", Json.createArrayBuilder().add(Json.createObjectBuilder().add("kind", "pager")
                        .add("number", "+1 555 0100"))).build())
                .assertProblem(400, "validation.json.choice", "phones[0].kind");
        user.post(CONTACTS, Json.createObjectBuilder().add("name", "Eve").add("companyName", company)
                .add("birthday", "2999-01-01").build()).assertProblem(400, "validation.crm.birthdayFuture", "birthday");
        user.post(CONTACTS, Json.createObjectBuilder().add("name", "Eve").add("companyName", company)
                .add("categoryId", 999_999).build()).assertProblem(400, "validation.crm.unknownCategory", "categoryId");
        user.post(CONTACTS, Json.createObjectBuilder().add("name", "Eve").add("companyName", company)
                .add("jobTitle", "Head\nof buying").build()).assertProblem(400, "validation.crm.oneLine", "jobTitle");
        user.post(CONTACTS, Json.createObjectBuilder().add("name", "Eve").add("companyName", company)
                .add("birthday", "28.02.1990").build()).assertProblem(400, "validation.json", "birthday");

        ApiResponse none = user.get(CONTACTS + "?search=" + company.toLowerCase());
        assertEquals(List.of("0", "0"), List.of(String.valueOf(none.array().size()),
                none.header("X-Total-Count").orElse("")), none::toString);
    }

    @Test
    @DisplayName("EC-01 EC-02 the list finds contacts by company and filters by category a page at a time, "
            + "X-Total-Count counting them all; the categories lookup lists the seeded four")
    void listByCategory() {
        ApiClient user = newUser();
        String company = Fixtures.unique("Paged").toLowerCase();
        for (int i = 0; i < 3; i++) {
            user.post(CONTACTS, details("Cy" + i, "Lund", company).build()).assertCreated();
        }
        user.post(CONTACTS, Json.createObjectBuilder().add("name", "Dee").add("companyName", company)
                .add("categoryId", 1).build()).assertCreated();

        ApiResponse page = user.get(CONTACTS + "?search=" + company + "&categoryId=" + CUSTOMERS + "&first=1&max=1");
        assertEquals(List.of("1", "3"), List.of(String.valueOf(page.array().size()),
                page.header("X-Total-Count").orElse("")), page::toString);
        assertEquals("Cy1 Lund", page.array().getJsonObject(0).getString("name"));
        ApiResponse all = user.get(CONTACTS + "?search=" + company);
        assertEquals("4", all.header("X-Total-Count").orElse(""), all::toString);

        ApiResponse categories = user.get("api/v1/contact-categories");
        assertEquals(List.of("EMPLOYEES", "CUSTOMERS", "PARTNERS", "SUPPLIERS"), categories.array().stream()
                .map(c -> c.asJsonObject().getString("code")).toList(), categories::toString);
        assertTrue(categories.array().getJsonObject(1).getJsonNumber("contacts").longValue() >= 3,
                categories::toString);
    }

    private static long id(JsonObject object) {
        return object.getJsonNumber("id").longValue();
    }

    private static List<Long> ids(ApiResponse listing) {
        return listing.array().stream().map(v -> v.asJsonObject().getJsonNumber("id").longValue()).toList();
    }

    private static List<Long> longs(JsonObject object, String field) {
        return object.getJsonArray(field).stream().map(v -> Long.parseLong(v.toString())).toList();
    }

    @Test
    @DisplayName("EC-02 contact groups and tags: a contact is put in a group and tagged, the list filters by each; a "
            + "personal tag is its owner's alone and survives a colleague's change of the contact's tags; a group's "
            + "name is unique (also for callers at once), a stale rename refused, a tag removed only by who made it; "
            + "removing either keeps the contacts")
    void groupsAndTags() {
        ApiClient ann = newUser();
        ApiClient bob = newUser();
        String tag = Fixtures.unique("grp");
        JsonObject group = ann.post("api/v1/contact-groups", Json.createObjectBuilder().add("name", "Key " + tag)
                .build()).assertCreated();
        ann.post("api/v1/contact-groups", Json.createObjectBuilder().add("name", "KEY " + tag).build())
                .assertProblem(400, "validation.crm.groupExists", "name");
        ann.post("api/v1/contact-groups", Json.createObjectBuilder().add("name", " ").build())
                .assertProblem(400, "validation.required", "name");
        // The same new name from eight callers at once: one group, the others refused on the name, never a 500.
        String raced = "Raced " + tag;
        List<ApiResponse> answers = IntStream.range(0, 8).parallel().mapToObj(i -> (i % 2 == 0 ? ann : bob)
                .post("api/v1/contact-groups", Json.createObjectBuilder().add("name", raced).build())).toList();
        assertEquals(1, answers.stream().filter(a -> a.status() == 201).count(), answers::toString);
        answers.stream().filter(a -> a.status() != 201)
                .forEach(a -> a.assertProblem(400, "validation.crm.groupExists", "name"));
        JsonObject mine = ann.post("api/v1/contact-tags", Json.createObjectBuilder().add("name", "vip " + tag)
                .build()).assertCreated();
        JsonObject fair = bob.post("api/v1/contact-tags", Json.createObjectBuilder().add("name", "fair " + tag)
                .add("kind", "corporate").build()).assertCreated();
        ann.post("api/v1/contact-tags", Json.createObjectBuilder().add("name", "x").add("kind", "secret").build())
                .assertProblem(400, "validation.json.choice", "kind");
        assertEquals("PERSONAL", mine.getString("kind"));

        JsonObject tagged = ann.post(CONTACTS, Json.createObjectBuilder().add("name", "Ann Tagged " + tag)
                .add("groupIds", Json.createArrayBuilder().add(id(group)))
                .add("tagIds", Json.createArrayBuilder().add(id(mine)).add(id(fair))).build()).assertCreated();
        JsonObject plain = ann.post(CONTACTS, Json.createObjectBuilder().add("name", "Ann Plain " + tag).build())
                .assertCreated();
        ann.post(CONTACTS, Json.createObjectBuilder().add("name", "Nobody " + tag).add("tagIds",
                Json.createArrayBuilder().add(id(mine) + 1_000_000)).build())
                .assertProblem(400, "validation.crm.unknownTag", "tagIds");
        assertEquals(List.of(id(group)), longs(tagged, "groupIds"));
        assertEquals(List.of(id(mine), id(fair)).stream().sorted().toList(), longs(tagged, "tagIds").stream()
                .sorted().toList());

        ApiResponse byGroup = ann.get(CONTACTS + "?search=" + tag + "&groupId=" + id(group));
        assertEquals(List.of(id(tagged)), ids(byGroup));
        assertEquals("1", byGroup.header("X-Total-Count").orElseThrow());
        assertEquals(List.of(id(tagged)), ids(ann.get(CONTACTS + "?search=" + tag + "&tagId=" + id(mine))));
        assertEquals(List.of(id(tagged), id(plain)).size(), ids(ann.get(CONTACTS + "?search=" + tag)).size());

        // Bob sees the corporate tag, not Ann's personal one: not listed, not on the contact, not a filter.
        List<Long> bobsTags = ids(bob.get("api/v1/contact-tags"));
        assertTrue(bobsTags.contains(id(fair)) && !bobsTags.contains(id(mine)), bobsTags::toString);
        JsonObject seenByBob = bob.get(CONTACTS + "/" + id(tagged)).object();
        assertEquals(List.of(id(fair)), longs(seenByBob, "tagIds"));
        bob.get(CONTACTS + "?tagId=" + id(mine)).assertProblem(400, "validation.crm.unknownTag", "tagId");
        JsonObject changedByBob = bob.put(CONTACTS + "/" + id(tagged), Json.createObjectBuilder()
                .add("name", "Ann Tagged " + tag).add("tagIds", Json.createArrayBuilder())
                .add("version", seenByBob.getJsonNumber("version").longValue()).build()).object();
        assertEquals(List.of(), longs(changedByBob, "tagIds"));
        assertEquals(List.of(id(group)), longs(changedByBob, "groupIds"), "groups left out stay");
        assertEquals(List.of(id(mine)), longs(ann.get(CONTACTS + "/" + id(tagged)).object(), "tagIds"),
                "Ann's personal tag stays; Bob removed the corporate one");
        assertTrue(changedByBob.getJsonNumber("version").longValue()
                > seenByBob.getJsonNumber("version").longValue(), "a change of tags moves the version");

        ann.put("api/v1/contact-groups/" + id(group), Json.createObjectBuilder().add("name", "Renamed " + tag)
                .add("version", group.getJsonNumber("version").longValue() + 1).build())
                .assertProblem(409, "error.concurrentChange", null);
        JsonObject renamed = bob.put("api/v1/contact-groups/" + id(group), Json.createObjectBuilder()
                .add("name", "Renamed " + tag).add("version", group.getJsonNumber("version").longValue()).build())
                .object();
        assertEquals(List.of("Renamed " + tag, "1"), List.of(renamed.getString("name"),
                renamed.getJsonNumber("contacts").toString()));

        bob.delete("api/v1/contact-tags/" + id(mine)).assertProblem(404, "error.notFound", null);
        ann.delete("api/v1/contact-tags/" + id(fair)).assertProblem(409, "error.crm.tagNotYours", null);
        assertEquals(204, ann.delete("api/v1/contact-tags/" + id(mine)).status());
        assertEquals(204, bob.delete("api/v1/contact-groups/" + id(group)).status());
        JsonObject after = ann.get(CONTACTS + "/" + id(tagged)).object();
        assertEquals(List.of(List.of(), List.of()), List.of(longs(after, "groupIds"), longs(after, "tagIds")),
                "the contact stays, without the removed group and tag");
        ann.get(CONTACTS + "?groupId=" + id(group)).assertProblem(400, "validation.crm.unknownGroup", "groupId");
    }
}
