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
 * The Telegram and WhatsApp channel cards in a real browser (TG-02, TG-03, WA-01, WA-05, WA-06, CH-15), against the
 * fake Bot API and Twilio: a token or account the provider refuses is shown on its field and nothing is saved; the
 * accepted one is saved and the card then shows the bot, or the webhook URL to paste into Twilio. Only the Facebook
 * card offers an external bot that answers first (FB-05, FB-06).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChannelCardsUiIT {

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
        ProviderFakes.server();
        ProviderFakes.siteUrl(admin);
    }

    /** A chat manager (not an administrator) on Chat settings, with a queue to bind channels to. */
    private String queueAndSignIn() {
        String queueName = Fixtures.unique("Messenger support");
        ApiResponse created = admin.post("api/v1/chat-queues", Json.createObjectBuilder().add("name", queueName)
                .add("routingRule", "TO_ALL").build());
        assertEquals(201, created.status(), created::toString);
        String login = Fixtures.unique("chatmanager");
        JsonObject user = Fixtures.user(admin, login);
        Fixtures.grantToUser(admin, "CanManageChats", user.getInt("id"));
        pages.signIn(login, Fixtures.PASSWORD);
        pages.open(PAGE);
        browser.waitFor().until(textToBe(By.id("pageTitle"), "Chat settings"));
        return queueName;
    }

    @Test
    @DisplayName("TG-02 TG-03 CH-15 the Telegram card shows Telegram's refusal of a token on the token field and "
            + "saves nothing; with a good token it saves and shows the bot and its webhook")
    void telegramCard() {
        String queueName = queueAndSignIn();
        String name = Fixtures.unique("Shop bot");
        pages.click("channels:newChannel_button");
        pages.click("channels:newTELEGRAM");
        browser.waitFor().until(urlContains("channel.xhtml?provider=TELEGRAM"));
        pages.type("channel:name", name);
        pages.pick("channel:queue", queueName);
        pages.type("channel:botToken", ProviderFakes.refusedTelegramToken());
        pages.submit("channel:save");
        pages.awaitText("channel:botTokenMessage", "Telegram refused: Unauthorized");
        assertTrue(admin.get("api/v1/channels").array().stream()
                .noneMatch(c -> name.equals(c.asJsonObject().getString("name"))), "nothing saved");

        pages.type("channel:botToken", "not a token");
        pages.submit("channel:save");
        pages.awaitText("channel:botTokenMessage", "This is not a bot token");

        String username = Fixtures.unique("shop_bot").replaceAll("[^A-Za-z0-9_]", "_");
        String token = ProviderFakes.telegramBot(username);
        pages.type("channel:botToken", token);
        pages.click("channel:save");
        browser.waitFor().until(urlContains("chat-settings.xhtml"));
        assertEquals("Telegram", pages.cell("channels:table", name, "provider"));

        pages.driver().findElement(By.linkText(name)).click();
        browser.waitFor().until(textToBe(By.id("pageTitle"), name));
        assertEquals("@" + username, pages.text("channel:botUsername"));
        assertTrue(pages.text("channel:webhookUrl").contains("/hooks/telegram/"), pages.text("channel:webhookUrl"));
        assertEquals("", pages.element("channel:botToken").getAttribute("value"), "the token is not sent back");
    }

    @Test
    @DisplayName("WA-01 WA-05 WA-06 CH-15 the WhatsApp card's Connect shows Twilio's refusal on the token field and "
            + "saves nothing; with the right account it connects and shows the webhook URL for Twilio")
    void whatsAppCard() {
        String queueName = queueAndSignIn();
        String name = Fixtures.unique("Shop WhatsApp");
        String number = "+1555" + (1_000_000 + System.nanoTime() % 8_999_999);
        String sid = ProviderFakes.twilioAccount("the-right-token");
        pages.click("channels:newChannel_button");
        pages.click("channels:newWHATSAPP");
        browser.waitFor().until(urlContains("channel.xhtml?provider=WHATSAPP"));
        assertEquals("Connect", pages.text("channel:save"));
        pages.type("channel:name", name);
        pages.pick("channel:queue", queueName);
        pages.type("channel:phoneNumber", number);
        pages.type("channel:verificationNumber", "+15550001111");
        pages.type("channel:accountSid", sid);
        pages.type("channel:authToken", "a-wrong-token");
        pages.submit("channel:save");
        pages.awaitText("channel:authTokenMessage", "Twilio refused the account: Authenticate");
        assertEquals(0, ProviderFakes.twilioMessages(sid).size(), "no confirmation was sent");

        pages.type("channel:authToken", "the-right-token");
        pages.click("channel:save");
        browser.waitFor().until(urlContains("chat-settings.xhtml"));
        assertEquals("WhatsApp", pages.cell("channels:table", name, "provider"));
        assertEquals(1, ProviderFakes.twilioMessages(sid).size(), "the confirmation message (WA-05)");

        pages.driver().findElement(By.linkText(name)).click();
        browser.waitFor().until(textToBe(By.id("pageTitle"), name));
        assertTrue(pages.text("channel:twilioWebhookUrl").contains("/hooks/whatsapp/"),
                pages.text("channel:twilioWebhookUrl"));
        assertEquals(number, pages.element("channel:phoneNumber").getAttribute("value"));
    }

    @Test
    @DisplayName("FB-05 FB-06 only the Facebook card offers \"an external bot answers first\": ticked without the "
            + "bot's app id it says so on the field and saves nothing; with one it saves, and the card shows it again; "
            + "the Telegram card has no such option")
    void externalBotOnlyOnFacebookCard() {
        String queueName = queueAndSignIn();
        long queueId = admin.get("api/v1/chat-queues").array().stream().map(q -> q.asJsonObject())
                .filter(q -> queueName.equals(q.getString("name"))).mapToLong(ChatScenario::id).findFirst()
                .orElseThrow();
        String pageId = Long.toString(7_000_000_000L + System.nanoTime() % 1_000_000_000L);
        String token = ProviderFakes.facebookPage(pageId);
        String name = Fixtures.unique("Bot page");
        JsonObject channel = admin.post("api/v1/channels", Json.createObjectBuilder().add("provider", "FACEBOOK")
                .add("name", name).add("active", false).add("queueId", queueId).add("language", "en")
                .add("settings", Json.createObjectBuilder().add("pageId", pageId).add("pageToken", token)).build())
                .assertCreated();

        pages.open("designer/chat/channel.xhtml?id=" + ChatScenario.id(channel));
        browser.waitFor().until(textToBe(By.id("pageTitle"), name));
        pages.driver().findElement(By.cssSelector("[id='channel:externalBot'] .ui-chkbox-box")).click();
        pages.submit("channel:save");
        pages.awaitText("channel:botAppIdMessage", "Enter the Facebook app id of the bot");
        assertTrue(!admin.get("api/v1/channels/" + ChatScenario.id(channel)).object().getJsonObject("settings")
                .containsKey("botAppId"), "nothing saved");

        pages.type("channel:botAppId", "1234567890");
        pages.click("channel:save");
        browser.waitFor().until(urlContains("chat-settings.xhtml"));
        assertEquals("1234567890", admin.get("api/v1/channels/" + ChatScenario.id(channel)).object()
                .getJsonObject("settings").getString("botAppId"));
        pages.open("designer/chat/channel.xhtml?id=" + ChatScenario.id(channel));
        browser.waitFor().until(textToBe(By.id("pageTitle"), name));
        assertEquals("1234567890", pages.element("channel:botAppId").getAttribute("value"));

        pages.open("designer/chat/channel.xhtml?provider=TELEGRAM");
        pages.element("channel:botToken");
        assertTrue(pages.driver().findElements(By.id("channel:externalBot")).isEmpty(), "no bot option on Telegram");
        assertTrue(pages.driver().findElements(By.id("channel:botAppId")).isEmpty());
    }
}
