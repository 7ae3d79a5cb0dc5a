package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

import jakarta.json.JsonObject;
import java.net.URL;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A contact's card in a real browser (EC-01, EC-02): its details, phones added in place with their kind, a category;
 * a bad phone is refused beside its row and nothing else typed is lost; the list filters by category, group and tag;
 * groups and tags are made and removed on their tab; the card lists the chats its user may see; in Russian too.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContactCardUiIT {

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
        String login = Fixtures.unique("card");
        Fixtures.user(admin, login);
        pages.signIn(login, Fixtures.PASSWORD);
        return ApiClient.as(base, login, Fixtures.PASSWORD);
    }

    private String value(String id) {
        return browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id(id)).getDomProperty("value"));
    }

    @Test
    @DisplayName("EC-01 EC-02 a contact is created on its card with name parts, company, category and a phone added "
            + "in place; a phone that is no number is refused beside its row; the list finds it by category")
    void createWithDetails() {
        ApiClient user = signedInUser();
        String family = Fixtures.unique("Lee");
        String company = Fixtures.unique("Acme");

        pages.click("navContacts");
        pages.click("search:newContact");
        browser.waitFor().until(urlContains("crm/contact.xhtml"));
        pages.type("contact:givenName", "Ann");
        pages.type("contact:familyName", family);
        pages.type("contact:jobTitle", "Buyer");
        pages.type("contact:companyName", company);
        pages.pick("contact:category", "Customers");
        pages.click("contact:addPhone");
        pages.type("contact:phones:0:number", "call me");
        pages.pick("contact:phones:0:kind", "Mobile");
        pages.click("contact:save");
        pages.awaitText("contact:phones:0:numberMessage", "is not a phone number");
        assertEquals(company, value("contact:companyName"), "what was typed stays");

        pages.type("contact:phones:0:number", "+1 555 0100");
        pages.click("contact:save");
        pages.awaitText("messages", "Contact Ann " + family + " created.");
        pages.awaitText("pageTitle", "Ann " + family);
        assertEquals("+1 555 0100", value("contact:phones:0:number"));
        assertEquals("Mobile", pages.text("contact:phones:0:kind_label"));
        assertEquals("Customers", pages.text("contact:category_label"));
        JsonObject saved = user.get("api/v1/contacts?search=" + company.toLowerCase()).array().getJsonObject(0);
        assertEquals("MOBILE +1 555 0100", saved.getJsonArray("phones").getJsonObject(0).getString("kind") + " "
                + saved.getJsonArray("phones").getJsonObject(0).getString("number"));

        pages.click("navContacts");
        pages.type("search:text", company);
        pages.pick("search:category", "Customers");
        pages.click("search:find");
        pages.awaitText("lists:tabs:contacts", company);
        assertEquals("Customers", pages.cell("lists:tabs:contacts", "Ann " + family, "category"));
        pages.pick("search:category", "Employees");
        pages.click("search:find");
        pages.awaitText("lists:tabs:contacts", "No contact matches.");
    }

    @Test
    @DisplayName("EC-01 X-04 the contact card speaks Russian: labels, kinds, categories and its messages")
    void cardInRussian() {
        signedInUser();
        String family = Fixtures.unique("Иванов");

        pages.click("langRu");
        pages.open("crm/contact.xhtml");
        browser.waitFor().until(d -> "Новый контакт".equals(d.findElement(By.id("pageTitle")).getText().trim()));
        assertEquals("Добавить телефон", pages.text("contact:addPhone"));
        pages.type("contact:givenName", "Иван");
        pages.type("contact:familyName", family);
        pages.pick("contact:category", "Клиенты");
        pages.click("contact:addPhone");
        pages.pick("contact:phones:0:kind", "Рабочий");
        pages.type("contact:phones:0:number", "+7 495 000-00-00");
        pages.click("contact:save");
        pages.awaitText("messages", "Контакт Иван " + family + " создан.");
        assertEquals("Рабочий", pages.text("contact:phones:0:kind_label"));
        assertEquals("Клиенты", pages.text("contact:category_label"));
        pages.click("langEn");
    }

    /** Opens the contacts page's tab with that title. */
    private void tab(String title) {
        // The tabs are replaced by the list's ajax answers: a stale header is one more "not yet".
        browser.waitFor().ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement header = ExpectedConditions.elementToBeClickable(By.xpath(
                    "//*[@id='lists:tabs']//a[normalize-space()='" + title + "']")).apply(d);
            if (header == null) {
                return false;
            }
            header.click();
            return true;
        });
    }

    /** Ticks the item with that label in a PrimeFaces checkbox menu, then closes the menu. */
    private void tickInMenu(String menuId, String label) {
        pages.click(menuId);
        browser.waitFor().until(ExpectedConditions.elementToBeClickable(By.xpath("//*[@id='" + menuId
                + "_panel']//li[.//label[normalize-space()='" + label + "']]//div[contains(@class,'ui-chkbox-box')]")))
                .click();
        // The panel's own close icon: it takes no keys, and a click outside may land on another input.
        pages.driver().findElement(By.cssSelector("[id='" + menuId + "_panel'] .ui-selectcheckboxmenu-close"))
                .click();
        browser.waitFor().until(ExpectedConditions.invisibilityOfElementLocated(By.id(menuId + "_panel")));
    }

    @Test
    @DisplayName("EC-02 groups and tags in the Contacts section: made on their tab (an empty name refused there), "
            + "ticked on a contact's card, the list filters by each; removing the group asks first and keeps the "
            + "contact")
    void groupsAndTags() {
        ApiClient user = signedInUser();
        String group = Fixtures.unique("Key clients");
        String tagName = Fixtures.unique("vip");
        String family = Fixtures.unique("Grouped");

        pages.click("navContacts");
        tab("Groups and tags");
        pages.click("lists:tabs:createGroup");
        pages.awaitText("lists:tabs:newGroupMessage", "Enter a value.");
        pages.type("lists:tabs:newGroup", group);
        pages.click("lists:tabs:createGroup");
        pages.awaitText("messages", "Group " + group + " added.");
        pages.awaitText("lists:tabs:groups", group);
        pages.type("lists:tabs:newTag", tagName);
        pages.click("lists:tabs:createTag");
        pages.awaitText("messages", "Tag " + tagName + " added.");
        pages.awaitText("lists:tabs:tags", tagName);
        assertEquals("Personal", pages.driver().findElement(By.xpath("//*[@id='lists:tabs:tags']//tr[.//*[contains("
                + "@id,':tagName')][normalize-space()='" + tagName + "']]//*[contains(@id,':tagKind')]")).getText()
                .trim());

        pages.click("search:newContact");
        browser.waitFor().until(urlContains("crm/contact.xhtml"));
        pages.type("contact:givenName", "Gil");
        pages.type("contact:familyName", family);
        tickInMenu("contact:groups", group);
        tickInMenu("contact:tags", tagName + " (Personal)");
        pages.click("contact:save");
        pages.awaitText("messages", "Contact Gil " + family + " created.");
        JsonObject saved = user.get("api/v1/contacts?search=" + family.toLowerCase()).array().getJsonObject(0);
        assertEquals(List.of(1, 1), List.of(saved.getJsonArray("groupIds").size(),
                saved.getJsonArray("tagIds").size()), saved::toString);

        pages.click("navContacts");
        pages.pick("search:group", group);
        pages.click("search:find");
        pages.awaitText("lists:tabs:contacts", "Gil " + family);
        pages.pick("search:group", "Any group");
        pages.pick("search:tag", tagName + " (Personal)");
        pages.click("search:find");
        pages.awaitText("lists:tabs:contacts", "Gil " + family);

        tab("Groups and tags");
        browser.waitFor().until(ExpectedConditions.elementToBeClickable(By.xpath("//*[@id='lists:tabs:groups']"
                + "//tr[.//*[contains(@id,':groupName')][normalize-space()='" + group + "']]"
                + "//*[contains(@id,':deleteGroup')]"))).click();
        pages.confirm();
        pages.awaitText("messages", "Group " + group + " removed; its contacts stay.");
        assertEquals(List.of(), user.get("api/v1/contacts/" + saved.getJsonNumber("id")).object()
                .getJsonArray("groupIds"), "the contact stays, out of the removed group");
    }

    @Test
    @DisplayName("CH-12 a contact's card lists the chats its user may see, newest first, each opening in the Chats "
            + "section; a colleague outside the chat's queue sees none of them")
    void chatsOnTheCard() {
        ChatScenario scenario = new ChatScenario(base);
        ChatScenario.Operator operator = scenario.operator("cardop");
        long channel = scenario.channel(scenario.queue("TO_ALL", null, operator), true);
        String text = Fixtures.unique("Where is my parcel");
        long chatId = scenario.openChat(channel, text);
        long contactId = scenario.summary(chatId).getJsonNumber("contactId").longValue();
        assertEquals(1, operator.api().get("api/v1/chats?contactId=" + contactId).object().getInt("total"));

        pages.signIn(operator.login(), Fixtures.PASSWORD);
        pages.open("crm/contact.xhtml?id=" + contactId);
        pages.awaitText("chats:table", text);
        pages.click("chats:table:0:open");
        browser.waitFor().until(urlContains("chat-history.xhtml?id=" + chatId));
        pages.awaitText("contact", scenario.summary(chatId).getString("contactName"));

        ApiClient colleague = signedInUser();
        assertEquals(0, colleague.get("api/v1/chats?contactId=" + contactId).object().getInt("total"));
        pages.open("crm/contact.xhtml?id=" + contactId);
        pages.awaitText("chats:table", "No chat with this contact that you may see.");
    }
}
