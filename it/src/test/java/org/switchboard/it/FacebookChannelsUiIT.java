package org.switchboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
 * Adding Facebook Messenger channels in a real browser through a real identity broker (FB-01, FB-02, FB-03): Keycloak,
 * started once for the run, whose identity provider {@code facebook} is a second Keycloak realm standing in for
 * Facebook's login, so the whole redirect chain runs (Switchboard → broker → "Facebook" login → broker →
 * Switchboard); the Graph API is the tests' WireMock. The administrator ends with one inactive channel per picked page,
 * each subscribed to the page's webhooks with the page's own token.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FacebookChannelsUiIT {

    private static final String CARD = "designer/chat/channel.xhtml?provider=FACEBOOK";
    private static final String GRAPH = "/facebook/v27.0";

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
    private ChatScenario scenario;

    @BeforeEach
    void setUp() {
        pages = new Pages(browser, base);
        admin = ApiClient.asAdmin(base);
        scenario = new ChatScenario(base);
        ProviderFakes.server();
    }

    /** A chat manager (not an administrator), signed in, with a queue to bind channels to. */
    private String chatManagerWithQueue() {
        String queueName = Fixtures.unique("Messenger support");
        ApiResponse created = admin.post("api/v1/chat-queues", Json.createObjectBuilder().add("name", queueName)
                .add("routingRule", "TO_ALL").build());
        assertEquals(201, created.status(), created::toString);
        String login = Fixtures.unique("pagemanager");
        JsonObject user = Fixtures.user(admin, login);
        Fixtures.grantToUser(admin, "CanManageChats", user.getInt("id"));
        pages.signIn(login, Fixtures.PASSWORD);
        return queueName;
    }

    @Test
    @DisplayName("FB-01 while an identity server setting is empty, the Facebook card names the empty ones and where "
            + "they are, and offers no sign-in")
    void brokerSettingsMissing() {
        scenario.restoreDefault("IdentityServerUrl");
        scenario.restoreDefault("IdentityServerClientSecret");
        scenario.setting("IdentityServerClientId", "switchboard");
        chatManagerWithQueue();
        pages.open(CARD);
        browser.waitFor().until(presenceOfElementLocated(By.id("channel:brokerMissing")));
        assertEquals("Fill in the identity server settings first: IdentityServerUrl, IdentityServerClientSecret "
                + "(Designer → System settings).", pages.text("channel:brokerMissing"));
        assertTrue(pages.driver().findElements(By.id("channel:signIn")).isEmpty(), "no sign-in offered");
        assertTrue(pages.driver().findElements(By.id("channel:save")).isEmpty(), "no empty card to save");
    }

    @Test
    @DisplayName("FB-01 FB-02 FB-03 signing in to Facebook through the broker lists the pages the user may answer "
            + "for; the two picked become inactive channels named after them, subscribed with their page tokens")
    void twoPagesBecomeChannels() {
        String siteUrl = admin.get("api/v1/settings/SiteUrl").object().getString("value", "");
        String shop = Fixtures.unique("Acme Shop");
        String help = Fixtures.unique("Acme Help");
        String ads = Fixtures.unique("Acme Ads");
        long id = System.nanoTime() % 1_000_000_000L;
        String shopId = "1" + id;
        String helpId = "2" + id;
        ProviderFakes.server().stubFor(get(urlPathEqualTo(GRAPH + "/me/accounts")).willReturn(okJson("""
                {"data":[
                  {"access_token":"EAAshop%1$s","category":"Retail","name":"%2$s","id":"%3$s",
                   "tasks":["ANALYZE","ADVERTISE","MESSAGING","MODERATE","CREATE_CONTENT","MANAGE"]},
                  {"access_token":"EAAads%1$s","category":"Media","name":"%4$s","id":"3%1$s",
                   "tasks":["ANALYZE","ADVERTISE"]},
                  {"access_token":"EAAhelp%1$s","category":"Support","name":"%5$s","id":"%6$s",
                   "tasks":["MESSAGING"]}],
                 "paging":{"cursors":{"before":"QVFI0","after":"QVFI1"}}}"""
                .formatted(id, shop, shopId, ads, help, helpId))));
        ProviderFakes.server().stubFor(post(urlPathEqualTo(GRAPH + "/" + shopId + "/subscribed_apps"))
                .withQueryParam("access_token", equalTo("EAAshop" + id)).willReturn(okJson("{\"success\":true}")));
        ProviderFakes.server().stubFor(post(urlPathEqualTo(GRAPH + "/" + helpId + "/subscribed_apps"))
                .withQueryParam("access_token", equalTo("EAAhelp" + id)).willReturn(okJson("{\"success\":true}")));
        // The broker sends the browser back under SiteUrl, or, while it is empty, the address the browser uses: the
        // tests' https SiteUrl does not resolve.
        scenario.restoreDefault("SiteUrl");
        scenario.setting("IdentityServerUrl", Keycloak.realmUrl());
        scenario.setting("IdentityServerClientId", Keycloak.CLIENT_ID);
        scenario.setting("IdentityServerClientSecret", Keycloak.clientSecret());
        try {
            String queueName = chatManagerWithQueue();
            pages.open("designer/chat/chat-settings.xhtml");
            pages.click("channels:newChannel_button");
            pages.click("channels:newFACEBOOK");
            browser.waitFor().until(urlContains("channel.xhtml?provider=FACEBOOK"));
            assertTrue(pages.text("channel:callbackUri").contains(base + "oauth/broker/callback"),
                    pages.text("channel:callbackUri"));
            pages.click("channel:signIn");

            // The broker's realm passes straight on to "Facebook" (kc_idp_hint), whose login form this is.
            browser.waitFor().until(urlContains("/realms/facebook/"));
            pages.driver().findElement(By.id("username")).sendKeys(Keycloak.FACEBOOK_USER);
            pages.driver().findElement(By.id("password")).sendKeys(Keycloak.facebookPassword());
            pages.driver().findElement(By.id("kc-login")).click();

            browser.waitFor().until(urlContains("facebook-pages.xhtml"));
            browser.waitFor().until(textToBe(By.id("pageTitle"), "Facebook pages"));
            String offered = pages.text("pages:pages");
            assertTrue(offered.contains(shop) && offered.contains(help), offered);
            assertFalse(offered.contains(ads), "a page without the MESSAGING task cannot be picked: " + offered);
            assertTrue(pages.text("unavailable").contains(ads), pages.text("unavailable"));
            pages.pick("pages:queue", queueName);
            pages.click("pages:connect");
            browser.waitFor().until(urlContains("chat-settings.xhtml"));
            pages.awaitText("messages", "Channels created: 2; page tokens renewed: 0.");
        } finally {
            if (!siteUrl.isEmpty()) {
                scenario.setting("SiteUrl", siteUrl);
            }
        }

        Map<String, JsonObject> channels = admin.get("api/v1/channels").array().stream().map(v -> v.asJsonObject())
                .filter(c -> "FACEBOOK".equals(c.getString("provider")))
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c, (a, b) -> a));
        for (String[] page : List.of(new String[] {shop, shopId}, new String[] {help, helpId})) {
            JsonObject channel = channels.get(page[0]);
            assertTrue(channel != null, "a channel named after " + page[0] + ": " + channels.keySet());
            assertFalse(channel.getBoolean("active"), "FB-03: created inactive");
            assertEquals(page[1], channel.getJsonObject("settings").getString("pageId"));
            assertFalse(channel.toString().contains("EAA"), "the page token is never shown: " + channel);
        }
        assertFalse(channels.containsKey(ads));
        ProviderFakes.server().verify(1, postRequestedFor(urlPathEqualTo(GRAPH + "/" + shopId + "/subscribed_apps"))
                .withQueryParam("access_token", equalTo("EAAshop" + id)));
        ProviderFakes.server().verify(1, postRequestedFor(urlPathEqualTo(GRAPH + "/" + helpId + "/subscribed_apps"))
                .withQueryParam("access_token", equalTo("EAAhelp" + id)));

        // The token Graph was asked with is the one "Facebook" issued at the sign-in, handed over by the broker.
        List<LoggedRequest> listed = ProviderFakes.server().findAll(getRequestedFor(urlPathEqualTo(GRAPH
                + "/me/accounts")));
        LoggedRequest last = listed.get(listed.size() - 1);
        JsonObject claims = claims(last.queryParameter("access_token").firstValue());
        assertTrue(claims.getString("iss").endsWith("/realms/facebook"), claims::toString);
        assertEquals(Keycloak.FACEBOOK_USER, claims.getString("preferred_username"));
    }

    /** The claims of a JWT, unchecked: only which issuer made it and for whom. */
    private static JsonObject claims(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(payload)).readObject();
    }
}
