package org.switchboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.util.concurrent.atomic.AtomicLong;
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
 * A flagged Facebook channel in a real browser (FB-07, FB-04), against the fake Graph API: the panel of a holder of
 * {@code CanManageChats} that is open when a channel is flagged shows it at once (the push), with the reason and a
 * link to its card; the card shows the reason, and "Check now" with a working token clears it and names the other
 * apps that receive the page's messages.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FacebookFlagUiIT {

    private static final String GRAPH = "/facebook/v27.0";
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L + 700_000_000L);

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
    }

    @Test
    @DisplayName("FB-07 FB-04 the open panel of a chat manager shows a channel as it is flagged, with the reason and a "
            + "link to its card; the channel list marks it; the card shows the reason, and Check now with a working token clears it and names "
            + "the other apps on the page")
    void flaggedChannelInPanelAndCard() {
        String pageId = Long.toString(IDS.incrementAndGet() * 10 + 9);
        String token = UsedSecrets.remember("EAAui" + pageId + Fixtures.unique("t").replaceAll("[^A-Za-z0-9]", ""));
        ProviderFakes.server().stubFor(post(urlPathEqualTo(GRAPH + "/" + pageId + "/subscribed_apps"))
                .withQueryParam("access_token", equalTo(token)).willReturn(okJson("{\"success\":true}")));
        ProviderFakes.server().stubFor(get(urlPathEqualTo(GRAPH + "/app")).withQueryParam("access_token",
                equalTo(token)).willReturn(okJson("{\"id\":\"7700999\",\"name\":\"Acme Switchboard\"}")));
        ApiResponse queue = admin.post("api/v1/chat-queues", Json.createObjectBuilder()
                .add("name", Fixtures.unique("Flag queue")).add("routingRule", "TO_ALL").build());
        assertEquals(201, queue.status(), queue::toString);
        String name = Fixtures.unique("Acme flagged");
        ApiResponse created = admin.post("api/v1/channels", Json.createObjectBuilder().add("provider", "FACEBOOK")
                .add("name", name).add("active", true).add("queueId", ChatScenario.id(queue.object()))
                .add("language", "en").add("settings", Json.createObjectBuilder().add("pageId", pageId)
                        .add("pageToken", token)).build());
        assertEquals(201, created.status(), created::toString);
        long channelId = ChatScenario.id(created.object());

        String login = Fixtures.unique("flagmanager");
        JsonObject user = Fixtures.user(admin, login);
        Fixtures.grantToUser(admin, "CanManageChats", user.getInt("id"));
        pages.signIn(login, Fixtures.PASSWORD);
        pages.open("panel/chats.xhtml");
        browser.waitFor().until(d -> "open".equals(d.findElement(By.tagName("body"))
                .getAttribute("data-chat-socket")));

        ProviderFakes.server().stubFor(get(urlPathEqualTo(GRAPH + "/" + pageId + "/subscribed_apps"))
                .withQueryParam("access_token", equalTo(token)).willReturn(aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json").withBody("""
                                {"error":{"message":"Error validating access token: Session has expired.",
                                "type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"Ui1"}}""")));
        assertEquals(200, admin.post("api/v1/channels/" + channelId + "/access-check", JsonValue.EMPTY_JSON_OBJECT)
                .status());

        pages.awaitText("lists:flaggedChannels", name);
        assertTrue(pages.text("lists:flaggedChannels").contains("Session has expired"),
                pages.text("lists:flaggedChannels"));
        pages.driver().findElement(By.linkText(name)).click();
        browser.waitFor().until(textToBe(By.id("pageTitle"), name));
        assertTrue(pages.text("channel:flagReason").contains("Facebook refused the page's token"),
                pages.text("channel:flagReason"));
        pages.open("designer/chat/chat-settings.xhtml");
        browser.waitFor().until(textToBe(By.id("pageTitle"), "Chat settings"));
        assertEquals("Flagged", pages.cell("channels:table", name, "flagged"), "the list marks the channel");
        pages.driver().findElement(By.linkText(name)).click();
        browser.waitFor().until(textToBe(By.id("pageTitle"), name));

        ProviderFakes.server().stubFor(get(urlPathEqualTo(GRAPH + "/" + pageId + "/subscribed_apps"))
                .withQueryParam("access_token", equalTo(token)).willReturn(okJson("""
                        {"data":[{"name":"Acme Switchboard","id":"7700999","subscribed_fields":["messages"]},
                         {"name":"Helpdesk Bot","id":"5678","subscribed_fields":["messages"]}]}""")));
        pages.submit("channel:checkAccess");
        pages.awaitText("channel:otherApps", "Helpdesk Bot (5678)");
        assertTrue(pages.driver().findElements(By.id("channel:flagReason")).isEmpty(), "the flag is gone");
        assertTrue(pages.driver().getPageSource().contains("takes the messages of channel " + name),
                "the check says so");
    }
}
