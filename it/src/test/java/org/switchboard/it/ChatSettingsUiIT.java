package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
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

/**
 * The designer's "Chat settings" in a real browser (CH-01, CH-02, CH-06, CH-07, CH-13, CH-14, CH-15, X-02, X-04),
 * used by a holder of CanManageChats who is not an administrator.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatSettingsUiIT {

    private static final String PAGE = "designer/chat/chat-settings.xhtml";

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

    /** Signs in a new user who holds CanManageChats only, and opens Chat settings. */
    private String signInAsChatManager() {
        String login = Fixtures.unique("chatmanager");
        JsonObject user = Fixtures.user(admin, login);
        Fixtures.grantToUser(admin, "CanManageChats", user.getInt("id"));
        pages.signIn(login, Fixtures.PASSWORD);
        pages.open(PAGE);
        browser.waitFor().until(textToBe(By.id("pageTitle"), "Chat settings"));
        return login;
    }

    private JsonObject queue(String name) {
        ApiResponse created = admin.post("api/v1/chat-queues", Json.createObjectBuilder().add("name", name)
                .add("routingRule", "TO_ALL").build());
        assertEquals(201, created.status(), created::toString);
        return created.object();
    }

    @Test
    @DisplayName("CH-01 CH-02 CH-06 CH-13 a chat manager creates a queue: a bad completion timeout is refused on the "
            + "field, then the queue gets an operator and shows in the list")
    void createQueueWithOperator() {
        String operator = Fixtures.unique("operator");
        Fixtures.user(admin, operator);
        signInAsChatManager();
        assertTrue(pages.driver().findElements(By.id("navSettings")).isEmpty(), "no administration links");
        String name = Fixtures.unique("1st line support");

        pages.click("queues:newQueue");
        pages.type("queue:name", name);
        pages.driver().findElement(By.xpath("//label[normalize-space()='To the least busy']")).click();
        for (String bad : new String[] {"0", "-1", "1.5", "abc"}) {
            pages.type("queue:timeout", bad);
            pages.submit("queue:save");
            pages.awaitText("queue:timeoutMessage", "Enter a whole number of minutes from 1 to 10080");
            assertTrue(pages.driver().getCurrentUrl().contains("queue.xhtml"), bad + " is not saved");
        }
        pages.type("queue:timeout", "15");
        pages.click("queue:save");
        browser.waitFor().until(urlContains("queue.xhtml?id="));
        pages.awaitText("messages", "Now add its operators");

        pages.pick("operators:newUser", operator);
        pages.submit("operators:addUser");
        pages.awaitText("operators:table", operator);

        pages.open(PAGE);
        assertEquals("To the least busy", pages.cell("queues:table", name, "routingRule"));
        assertEquals("15", pages.cell("queues:table", name, "timeout"));
        assertEquals(operator, pages.cell("queues:table", name, "operators"));
    }

    @Test
    @DisplayName("CH-14 CH-15 \"+\" offers Custom (JMS); the channel's card refuses saving without a queue, then binds "
            + "it to one")
    void createCustomChannel() {
        String queueName = Fixtures.unique("Web support");
        queue(queueName);
        signInAsChatManager();
        String name = Fixtures.unique("Shop chat");

        pages.click("channels:newChannel_button");
        pages.click("channels:newCUSTOM");
        browser.waitFor().until(urlContains("channel.xhtml?provider=CUSTOM"));
        assertEquals("Custom (JMS)", pages.text("channel:provider"));
        pages.type("channel:name", name);
        pages.submit("channel:save");
        pages.awaitText("channel:queueMessage", "Choose a chat queue");

        pages.pick("channel:queue", queueName);
        pages.click("channel:save");
        browser.waitFor().until(urlContains("chat-settings.xhtml"));
        assertEquals(queueName, pages.cell("channels:table", name, "queue"));
        assertEquals("Yes", pages.cell("channels:table", name, "active"));
        assertEquals("Custom (JMS)", pages.cell("channels:table", name, "provider"));

        pages.driver().findElement(By.linkText(name)).click();
        browser.waitFor().until(textToBe(By.id("pageTitle"), name));
        assertEquals(queueName, pages.text("channel:queue_label"));
    }

    @Test
    @DisplayName("CH-07 a chat action \"Create case\" starting CreateCaseFromChat is created, then deleted after "
            + "confirmation")
    void createAndDeleteAction() {
        String queueName = Fixtures.unique("Cases");
        queue(queueName);
        signInAsChatManager();

        pages.click("actions:newAction");
        pages.type("action:title", "Create case");
        pages.pick("action:process", "CreateCaseFromChat");
        pages.pick("action:queue", queueName);
        pages.click("action:save");
        browser.waitFor().until(urlContains("chat-settings.xhtml"));
        By row = By.xpath("//*[@id='actions:table']//tr[.//*[contains(@id,':queue')][normalize-space()='"
                + queueName + "']]");
        assertTrue(pages.driver().findElement(row).getText().contains("CreateCaseFromChat"));

        pages.driver().findElement(row).findElement(By.linkText("Create case")).click();
        pages.click("action:delete");
        pages.confirm();
        browser.waitFor().until(urlContains("chat-settings.xhtml"));
        pages.awaitText("messages", "Chat action Create case is deleted.");
        assertTrue(pages.driver().findElements(row).isEmpty(), "the action is gone");
    }

    @Test
    @DisplayName("X-04 CH-01 Chat settings speak Russian after switching the language")
    void russianLabels() {
        signInAsChatManager();

        pages.click("langRu");

        browser.waitFor().until(textToBe(By.id("pageTitle"), "Настройки чатов"));
        assertEquals("Настройки чатов", pages.text("navChats"));
        String page = pages.driver().getPageSource();
        for (String label : new String[] {"Каналы", "Очереди чатов", "Действия в чатах", "Быстрые ответы",
                "Новая очередь"}) {
            assertTrue(page.contains(label), label);
        }
        pages.click("queues:newQueue");
        pages.type("queue:name", Fixtures.unique("Очередь"));
        pages.type("queue:timeout", "0");
        pages.submit("queue:save");
        pages.awaitText("queue:timeoutMessage", "Введите целое число минут от 1 до 10080");
        assertTrue(pages.driver().getPageSource().contains("Наименее загруженному"));
    }

    @Test
    @DisplayName("X-02 CH-01 without CanManageChats the chat settings page is refused and not linked")
    void refusedWithoutOperation() {
        String login = Fixtures.unique("clerk");
        Fixtures.user(admin, login);
        pages.signIn(login, Fixtures.PASSWORD);
        assertTrue(pages.driver().findElements(By.id("navDesigner")).isEmpty());

        pages.open(PAGE);

        assertEquals("Access denied", pages.text("pageTitle"));
    }
}
