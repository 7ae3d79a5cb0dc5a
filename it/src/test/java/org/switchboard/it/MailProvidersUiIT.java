package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * The designer's Lookups "Mail providers list" and "Mail provider domains" in a real browser (MP-01, MP-04, MP-08,
 * MP-09, MP-10, MP-13, X-06), used by the administrator, and "Add provider" in the panel's mailbox wizard (MP-08).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MailProvidersUiIT {

    private static final String PROVIDERS = "designer/mail/providers.xhtml";
    private static final String DOMAINS = "designer/mail/domains.xhtml";

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

    private void signInAsAdministrator() {
        pages.signIn(ApiClient.ADMIN, TestSettings.adminPassword());
    }

    private JsonObject provider(String name) {
        ApiResponse created = admin.post("api/v1/mail-providers", Json.createObjectBuilder().add("type", "IMAP")
                .add("name", name).add("imapHost", "imap.example.com").add("smtpHost", "smtp.example.com").build());
        assertEquals(201, created.status(), created::toString);
        return created.object();
    }

    @Test
    @DisplayName("X-06 MP-10 MP-01 Lookups → Mail providers list: a new IMAP provider is refused without its incoming "
            + "server on that field, then saved with Apply and listed")
    void addImapProvider() {
        signInAsAdministrator();
        pages.open("designer/settings.xhtml");
        pages.click("navLookups");
        pages.click("mailProviders");
        browser.waitFor().until(textToBe(By.id("pageTitle"), "Mail providers list"));
        assertEquals("IMAP/SMTP", pages.cell("providers:table", "GMail", "type"));
        String name = Fixtures.unique("Example mail");

        pages.click("newProvider");
        pages.type("provider:name", name);
        pages.type("provider:smtpHost", "smtp.example.com");
        pages.submit("provider:apply");
        pages.awaitText("provider:imapHostMessage", "Enter a value.");
        assertTrue(pages.driver().getCurrentUrl().contains("provider.xhtml"), "nothing is saved");
        pages.type("provider:imapHost", "imap@example.com");
        pages.submit("provider:apply");
        pages.awaitText("provider:imapHostMessage", "Enter a host name such as imap.example.com");
        pages.type("provider:imapHost", "imap.example.com");
        pages.click("provider:apply");

        browser.waitFor().until(urlContains("providers.xhtml"));
        pages.awaitText("messages", "Mail provider " + name + " is created.");
        assertEquals("imap.example.com, smtp.example.com", pages.cell("providers:table", name, "servers"));
        assertEquals("Basic (user name and password)", pages.cell("providers:table", name, "authentication"));
    }

    @Test
    @DisplayName("MP-03 MO-01 MO-02 the Exchange block: an Exchange Server provider with OAuth 2.0 shows the tenant, "
            + "the redirect URI and EWS.AccessAsUser.All on the server's own address taken from the EWS address typed, "
            + "Microsoft 365 Graph's permissions; a wrong tenant is refused on its field; saved and listed")
    void exchangeProviderWithOAuth() {
        signInAsAdministrator();
        pages.open(PROVIDERS);
        String name = Fixtures.unique("Fabrikam hybrid");
        pages.click("newProvider");
        pages.pick("provider:type", "Exchange / Microsoft 365");
        pages.type("provider:name", name);
        pages.pick("provider:authentication", "OAuth 2.0");
        // The OAuth block is replaced by each ajax answer: a field read while it is swapped is one more "not yet".
        browser.waitFor().ignoring(StaleElementReferenceException.class).until(d -> d.findElement(
                By.id("provider:permissions")).getAttribute("value").contains("Mail.ReadWrite.Shared"));

        pages.pick("provider:exchangeKind", "Exchange Server (EWS)");
        pages.type("provider:serviceAddress", "https://Mail.Fabrikam.example/EWS/Exchange.asmx");
        pages.click("provider:name"); // leaving the address names the permission after it
        browser.waitFor().ignoring(StaleElementReferenceException.class).until(d -> ("offline_access, "
                + "https://mail.fabrikam.example/EWS.AccessAsUser.All").equals(d.findElement(By.id("provider:permissions"))
                .getAttribute("value")));
        assertTrue(pages.element("provider:redirectUri").getAttribute("value").endsWith("/oauth/microsoft/callback"));
        assertTrue(pages.driver().findElements(By.id("provider:ntlmDomain")).isEmpty(), "no NTLM domain with OAuth");

        pages.type("provider:oauthTenant", "not a tenant!");
        pages.type("provider:oauthClientId", "6731de76-14a6-49ae-97bc-6eba6914391e");
        pages.type("provider:oauthClientSecret", "Hybrid-Secret-1");
        UsedSecrets.remember("Hybrid-Secret-1");
        pages.submit("provider:apply");
        pages.awaitText("provider:oauthTenantMessage", "tenant");
        pages.type("provider:oauthTenant", "fabrikam.example");
        pages.type("provider:oauthClientSecret", "Hybrid-Secret-1");
        pages.click("provider:apply");

        browser.waitFor().until(urlContains("providers.xhtml"));
        pages.awaitText("messages", "Mail provider " + name + " is created.");
        assertEquals("OAuth 2.0", pages.cell("providers:table", name, "authentication"));
    }

    @Test
    @DisplayName("MP-13 switching SMTP off hides the outgoing block; the provider is saved receive-only")
    void smtpOff() {
        signInAsAdministrator();
        pages.open(PROVIDERS);
        String name = Fixtures.unique("Receive only");
        pages.click("newProvider");
        pages.type("provider:name", name);
        pages.type("provider:imapHost", "imap.example.com");
        pages.element("provider:smtpHost");

        pages.driver().findElement(By.xpath("//*[@id='provider:smtpEnabled']//div[contains(@class,'ui-chkbox-box')]"))
                .click();
        browser.waitFor().until(invisibilityOfElementLocated(By.id("provider:smtpHost")));
        assertTrue(pages.driver().findElements(By.id("provider:smtpPort")).isEmpty(), "the SMTP block is gone");
        pages.click("provider:apply");

        browser.waitFor().until(urlContains("providers.xhtml"));
        assertEquals("imap.example.com", pages.cell("providers:table", name, "servers"));
        pages.driver().findElement(By.linkText(name)).click();
        browser.waitFor().until(textToBe(By.id("pageTitle"), name));
        assertTrue(pages.driver().findElements(By.id("provider:smtpHost")).isEmpty(), "still off when reopened");
    }

    @Test
    @DisplayName("MP-10 a provider is deleted from its form after confirmation")
    void deleteProvider() {
        String name = Fixtures.unique("Doomed");
        provider(name);
        signInAsAdministrator();
        pages.open(PROVIDERS);

        pages.driver().findElement(By.linkText(name)).click();
        browser.waitFor().until(textToBe(By.id("pageTitle"), name));
        pages.click("provider:delete");
        pages.confirm();

        browser.waitFor().until(urlContains("providers.xhtml"));
        pages.awaitText("messages", "Mail provider " + name + " is deleted.");
        assertTrue(pages.driver().findElements(By.linkText(name)).isEmpty(), "the provider is gone");
    }

    @Test
    @DisplayName("MP-04 Lookups → Mail provider domains: a domain is added for a provider, found by the filter, and "
            + "deleted after confirmation")
    void addAndDeleteDomain() {
        String providerName = Fixtures.unique("Company mail");
        provider(providerName);
        String domain = Fixtures.unique("company") + ".org";
        signInAsAdministrator();
        pages.open(DOMAINS);
        browser.waitFor().until(textToBe(By.id("pageTitle"), "Mail provider domains"));

        pages.type("newDomain:domain", domain.toUpperCase());
        pages.pick("newDomain:provider", providerName);
        pages.click("newDomain:add");
        pages.awaitText("messages", "The domain " + domain + " now belongs to " + providerName + ".");

        pages.type("domains:table:domain:filter", domain);
        By row = By.xpath("//*[@id='domains:table']//tr[.//*[contains(@id,':name')][normalize-space()='" + domain
                + "']]");
        browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.xpath("//*[@id='domains:table_data']/tr")).size() == 1
                        && !d.findElements(row).isEmpty());
        assertTrue(pages.driver().findElement(row).getText().contains(providerName));
        pages.driver().findElement(row).findElement(By.xpath(".//button[contains(@id,':remove')]")).click();
        pages.confirm();

        pages.awaitText("messages", "The domain " + domain + " is deleted.");
        browser.waitFor().until(d -> d.findElements(row).isEmpty());
    }

    @Test
    @DisplayName("MP-08 MP-09 the profile offers the mail providers to an administrator only; a user without "
            + "CanManageAdministration is refused the pages")
    void onlyForAdministrators() {
        signInAsAdministrator();
        pages.open("profile.xhtml");
        pages.click("mailProviders");
        browser.waitFor().until(textToBe(By.id("pageTitle"), "Mail providers list"));

        String login = Fixtures.unique("clerk");
        Fixtures.user(admin, login);
        pages.signIn(login, Fixtures.PASSWORD);
        pages.open("profile.xhtml");
        browser.waitFor().until(visibilityOfElementLocated(By.id("login")));
        assertFalse(pages.driver().getPageSource().contains("id=\"mailProviders\""), "no link for a clerk");
        for (String page : new String[] {PROVIDERS, DOMAINS, "designer/mail/provider.xhtml",
                "designer/lookups.xhtml"}) {
            pages.open(page);
            assertEquals("Access denied", pages.text("pageTitle"), page);
        }
    }

    @Test
    @DisplayName("MP-08 MP-09 in the panel's mailbox wizard an administrator is offered \"Add provider\" for an "
            + "unknown domain; it opens a new provider's form, and the provider saved there is offered by the wizard; "
            + "a user without CanManageAdministration is not offered it")
    void addProviderFromMailboxWizard() {
        String address = "carl@" + Fixtures.unique("newco").toLowerCase() + ".test";
        String name = Fixtures.unique("Newco mail");
        signInAsAdministrator();
        startWizard(address);

        WebElement link = pages.element("wizard:addProvider");
        assertEquals("Add provider", link.getText().trim());
        link.click();
        browser.waitFor().until(textToBe(By.id("pageTitle"), "New mail provider"));
        pages.type("provider:name", name);
        pages.type("provider:imapHost", "imap.newco.test");
        pages.type("provider:smtpHost", "smtp.newco.test");
        pages.click("provider:apply");
        browser.waitFor().until(urlContains("providers.xhtml"));
        pages.awaitText("messages", "Mail provider " + name + " is created.");
        startWizard(address);
        pages.pick("wizard:provider", name);

        String login = Fixtures.unique("clerk");
        Fixtures.user(admin, login);
        pages.signIn(login, Fixtures.PASSWORD);
        startWizard(address);
        assertTrue(pages.driver().findElements(By.id("wizard:addProvider")).isEmpty(), "no Add provider for a clerk");
    }

    /** The panel's e-mail tab → "New account" → the address → "Next": an unknown domain, so providers are listed. */
    private void startWizard(String address) {
        pages.click("navEmail");
        pages.click("menu:newAccount");
        browser.waitFor().until(urlContains("mailbox-new.xhtml"));
        pages.type("wizard:address", address);
        pages.click("wizard:next");
        pages.awaitText("wizard:provider_label", "Choose the provider of this address");
    }
}
