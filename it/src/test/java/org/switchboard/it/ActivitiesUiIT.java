package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Activities section in a real browser (issue 21 item 1, EA-02): a meeting made in place with a contact taking
 * part, shown on the calendar (p:schedule), opened from it and changed; a meeting without a title refused on its
 * field with what was typed kept; the contact's card lists the activity and opens it; a task made, listed and deleted
 * after a confirmation in Russian.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ActivitiesUiIT {

    private static final DateTimeFormatter TYPED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @RegisterExtension
    static final Browser browser = new Browser();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    private Pages pages;
    private ApiClient admin;

    @BeforeEach
    void setUp() {
        pages = new Pages(browser, base);
        admin = ApiClient.asAdmin(base);
    }

    private ApiClient signedInUser() {
        String login = Fixtures.unique("acts");
        Fixtures.user(admin, login);
        pages.signIn(login, Fixtures.PASSWORD);
        return ApiClient.as(base, login, Fixtures.PASSWORD);
    }

    private String value(String id) {
        return browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id(id)).getDomProperty("value"));
    }

    /** Types a date and time into a date picker (its pop-up opens from its button only) and leaves it. */
    private void typeTime(String id, LocalDateTime at) {
        WebElement input = pages.element(id + "_input");
        input.clear();
        input.sendKeys(at.format(TYPED));
        input.sendKeys(Keys.TAB);
    }

    /** The activity as REST shows it to the user, found by its title. */
    private static JsonObject activity(ApiClient user, String title) {
        List<JsonObject> found = user.get("api/v1/activities?search=" + title).array().getValuesAs(JsonObject.class);
        assertEquals(1, found.size(), found::toString);
        return found.get(0);
    }

    /** A time of the activity in its own zone, as the editor showed it. */
    private static LocalDateTime local(JsonObject activity, String field) {
        return OffsetDateTime.parse(activity.getString(field)).atZoneSameInstant(ZoneId.of(
                activity.getString("timeZone"))).toLocalDateTime();
    }

    @Test
    @DisplayName("EA-02 a meeting is made in place with a contact taking part (one without a title is refused on its "
            + "field, what was typed kept); the calendar shows it and opens it, a change is saved; the contact's card "
            + "lists it and opens it in the editor")
    void meetingInPlace() {
        ApiClient user = signedInUser();
        String title = Fixtures.unique("Kickoff");
        String carl = Fixtures.unique("Carl");
        long contact = user.post("api/v1/contacts", Json.createObjectBuilder().add("name", carl).build())
                .assertCreated().getJsonNumber("id").longValue();
        LocalDateTime start = LocalDate.now().atTime(10, 0);

        pages.click("navActivities");
        pages.awaitText("pageTitle", "Activities");
        pages.click("search:newMeeting");
        typeTime("editorForm:startsAt", start);
        typeTime("editorForm:endsAt", start.plusHours(1));
        pages.type("editorForm:location", "Room 4");
        pages.click("editorForm:save");
        pages.awaitText("editorForm:titleMessage", "Enter a value.");
        assertEquals("Room 4", value("editorForm:location"), "what was typed stays");

        pages.type("editorForm:title", title);
        pages.type("editorForm:contacts_input", carl);
        browser.waitFor().until(ExpectedConditions.elementToBeClickable(By.xpath("//*[@id='editorForm:contacts_panel']"
                + "//li[contains(normalize-space(), '" + carl + "')]"))).click();
        pages.click("editorForm:save");
        pages.awaitText("messages", "The activity “" + title + "” was created.");
        JsonObject saved = activity(user, title);
        assertEquals(List.of("MEETING", start, start.plusHours(1), "Room 4", contact),
                List.of(saved.getString("kind"), local(saved, "startsAt"), local(saved, "endsAt"),
                        saved.getString("location"), saved.getJsonArray("participants").getJsonObject(0)
                                .getJsonNumber("contactId").longValue()), saved::toString);

        // The calendar shows the current month: the meeting is on it, and a click opens it.
        browser.waitFor().ignoring(StaleElementReferenceException.class).until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[@id='lists:tabs:calendar']//*[contains(@class,'fc-event')][contains(normalize-space(), '"
                        + title + "')]"))).click();
        browser.waitFor().until(d -> title.equals(value("editorForm:title")));
        browser.waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[@id='editorForm:contacts']"
                + "//li[contains(@class,'ui-autocomplete-token')][contains(normalize-space(), '" + carl + " #" + contact
                + "')]")));
        pages.pick("editorForm:status", "Done");
        pages.click("editorForm:save");
        pages.awaitText("messages", "The activity “" + title + "” was saved.");
        assertEquals("DONE", activity(user, title).getString("status"));

        pages.open("crm/contact.xhtml?id=" + contact);
        pages.awaitText("activities:table", title);
        assertEquals("Done", pages.cell("activities:table", title, "status"));
        pages.click("activities:table:0:open");
        browser.waitFor().until(d -> title.equals(value("editorForm:title")));
        assertEquals("Room 4", value("editorForm:location"));
    }

    @Test
    @DisplayName("EA-02 X-04 in Russian: a task is made with its due time, listed with its kind, and deleted after a "
            + "confirmation")
    void taskInRussian() {
        ApiClient user = signedInUser();
        String title = Fixtures.unique("Перезвонить");
        LocalDateTime due = LocalDate.now().plusDays(1).atTime(16, 0);

        pages.click("langRu");
        pages.open("crm/activities.xhtml");
        pages.awaitText("pageTitle", "Активности");
        pages.click("search:newTask");
        pages.awaitText("editorHeading", "Новая активность");
        pages.type("editorForm:title", title);
        typeTime("editorForm:dueAt", due);
        pages.pick("editorForm:priority", "Высокий");
        pages.click("editorForm:save");
        pages.awaitText("messages", "Активность «" + title + "» создана.");
        JsonObject saved = activity(user, title);
        assertEquals(List.of("TASK", due, "HIGH"), List.of(saved.getString("kind"), local(saved, "dueAt"),
                saved.getString("priority")), saved::toString);

        pages.type("search:text", title);
        pages.click("search:find");
        assertEquals("Задача", pages.cell("lists:tabs:activities", title, "kind"));
        assertEquals(due.format(TYPED), pages.cell("lists:tabs:activities", title, "when"));
        browser.waitFor().until(ExpectedConditions.elementToBeClickable(By.xpath("//*[@id='lists:tabs:activities']"
                + "//a[contains(@id,':open')][normalize-space()='" + title + "']"))).click();
        browser.waitFor().until(d -> title.equals(value("editorForm:title")));
        pages.click("editorForm:delete");
        pages.confirm();
        pages.awaitText("messages", "Активность «" + title + "» удалена.");
        assertEquals(0, user.get("api/v1/activities?search=" + title).array().size());
        pages.click("langEn");
    }
}
