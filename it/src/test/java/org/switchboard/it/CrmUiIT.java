package org.switchboard.it;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.MessagingException;
import java.net.URL;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.awaitility.Awaitility;
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

/**
 * Contacts and their e-mail timeline in a real browser (MB-04): a user creates a contact with an address, an invalid
 * address is refused beside the field, the contact's timeline shows the loaded mail from that address, which opens
 * in full naming the contact it is linked to; the panel's reader names it too.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CrmUiIT {

    private static final String SECRET = "Mail-Secret-1";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()}).withPerMethodLifecycle(false);

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

    @Test
    @DisplayName("MB-04 a contact created with an address shows the mail from it on its timeline, linked both ways")
    void contactTimeline() throws MessagingException {
        String tag = Fixtures.unique("zeta").toLowerCase();
        String ann = "ann@" + tag + ".test";
        String address = "owner@" + LocalMail.provider(admin, MAIL, false, null).domain();
        MAIL.setUser(address, address, SECRET);
        LocalMail.append(MAIL, address, SECRET, "INBOX", ann, "Proposal from Ann", OffsetDateTime.now(ZoneOffset.UTC),
                "Our proposal", false);
        String login = Fixtures.unique("crmui");
        Fixtures.user(admin, login);
        ApiClient user = ApiClient.as(base, login, Fixtures.PASSWORD);
        long mailbox = user.post("api/v1/mailboxes", Json.createObjectBuilder().add("address", address)
                .add("password", SECRET).build()).assertCreated().getJsonNumber("id").longValue();
        LocalMail.syncNow(user, mailbox);
        Awaitility.await("first sync of " + address).atMost(ofSeconds(60)).pollInterval(ofMillis(250))
                .until(() -> user.get("api/v1/mailboxes/" + mailbox).object(),
                        (JsonObject m) -> "READY".equals(m.getString("status")) && m.getInt("emailCount") == 1);
        pages.signIn(login, Fixtures.PASSWORD);

        pages.click("navContacts");
        pages.click("search:newContact");
        browser.waitFor().until(urlContains("crm/contact.xhtml"));
        pages.type("contact:name", "Ann Lee");
        pages.element("contact:emails_input").sendKeys("ann at " + tag, Keys.ENTER);
        pages.click("contact:save");
        pages.awaitText("contact:emailsMessage", "is not one");

        browser.waitFor().until(elementToBeClickable(By.cssSelector("#contact\\:emails .ui-chips-token-icon")))
                .click();
        pages.element("contact:emails_input").sendKeys(ann.toUpperCase(), Keys.ENTER);
        pages.click("contact:save");
        pages.awaitText("messages", "Contact Ann Lee created.");
        pages.awaitText("pageTitle", "Ann Lee");
        browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(elementToBeClickable(By.linkText("Proposal from Ann"))).click();
        pages.awaitText("timeline:textBody", "Our proposal");
        assertEquals("Ann Lee", browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(elementToBeClickable(By.cssSelector("#timeline\\:links a"))).getText().trim());

        pages.click("navEmail");
        browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(elementToBeClickable(By.linkText("Proposal from Ann"))).click();
        pages.awaitText("email:textBody", "Our proposal");
        pages.awaitText("email:links", "Ann Lee");
    }
}
