package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * Personal API tokens on the profile page in a real browser (X-02, issue 18): a user creates a token, which the page
 * shows once, an integration uses it over HTTP, and revoking it on the page, after confirming, stops it at once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiTokensUiIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    @Test
    @DisplayName("X-02 issue 18: a token created on the profile page is shown once, works over HTTP as its user, and "
            + "stops working when revoked on the page after confirming")
    void createUseAndRevokeOnProfilePage() {
        String login = Fixtures.unique("tokenui");
        Fixtures.user(ApiClient.asAdmin(base), login);
        String name = Fixtures.unique("Warehouse");
        Pages pages = new Pages(browser, base);
        pages.signIn(login, Fixtures.PASSWORD);
        pages.open("profile.xhtml");

        pages.type("apiTokens:name", name);
        pages.click("apiTokens:create");
        pages.awaitText("messages", "Token " + name + " created.");
        String token = browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("apiTokens:newToken")).getAttribute("value"));
        assertTrue(token.matches("sbt_[A-Za-z0-9_-]{43}"), token);
        UsedSecrets.remember(token);
        assertTrue(pages.text("apiTokens:created").contains("cannot be shown again"), pages.text("apiTokens:created"));
        assertEquals("sbt_" + token.substring(4, 12) + "…", cell(name, "prefix"));

        ApiClient integration = ApiClient.anonymous(base).header("Authorization", "Bearer " + token);
        ApiResponse me = integration.get("api/v1/users/me");
        assertEquals(200, me.status(), me::toString);
        assertEquals(login, me.object().getString("login"), me::toString);

        pages.open("profile.xhtml");
        assertFalse(cell(name, "lastUsedAt").isEmpty(), "the use shows");
        assertTrue(browser.driver().findElements(By.id("apiTokens:newToken")).isEmpty(), "shown again");
        assertFalse(browser.driver().getPageSource().contains(token.substring(12)), "the page carries the token");

        revokeButton(name).click();
        pages.confirm();
        pages.awaitText("messages", "Token " + name + " revoked.");
        pages.awaitText("tokens:table", "You have no API tokens.");

        ApiResponse refused = integration.get("api/v1/users/me");
        assertEquals(401, refused.status(), refused::toString);
        assertTrue(refused.header("WWW-Authenticate").orElse("").startsWith("Bearer"), refused::toString);
    }

    /** The text of a column of the token's row in the list. */
    private String cell(String tokenName, String column) {
        return browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.xpath(row(tokenName) + "//*[contains(@id,':" + column + "')]")))
                .getText().trim();
    }

    private WebElement revokeButton(String tokenName) {
        return browser.waitFor().ignoring(StaleElementReferenceException.class).until(d -> {
            List<WebElement> buttons = d.findElements(By.xpath(row(tokenName) + "//button[contains(@id,':revoke')]"));
            return buttons.isEmpty() || !buttons.get(0).isDisplayed() ? null : buttons.get(0);
        });
    }

    private static String row(String tokenName) {
        return "//*[@id='tokens:table']//tr[.//*[contains(@id,':name')][normalize-space()='" + tokenName + "']]";
    }
}
