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
}
