package org.switchboard.it;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.json.Json;
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

/**
 * "New e-mail" in the panel in a real browser, against GreenMail (MB-03, MB-09): the default sender is preselected,
 * the e-mail is sent and listed as sent; a refusal by the SMTP server shows the server's reason and keeps the draft.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MailSendUiIT {

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

    /** A new user with one mailbox, signed in in the browser; returns the mailbox's address. */
    private String signInWithMailbox(String name) {
        String address = name + "@" + LocalMail.provider(admin, MAIL, false, null).domain();
        MAIL.setUser(address, address, SECRET);
        String login = Fixtures.unique("sendui");
        Fixtures.user(admin, login);
        ApiClient.as(base, login, Fixtures.PASSWORD).post("api/v1/mailboxes", Json.createObjectBuilder()
                .add("address", address).add("password", SECRET).build()).assertCreated();
        pages.signIn(login, Fixtures.PASSWORD);
        return address;
    }

    private void compose(String to, String subject, String text) {
        pages.click("navEmail");
        pages.click("menu:newEmail");
        browser.waitFor().until(urlContains("email-compose.xhtml"));
        pages.type("compose:to", to);
        pages.type("compose:subject", subject);
        browser.waitFor().until(elementToBeClickable(By.cssSelector("#compose\\:body .ql-editor"))).sendKeys(text);
        pages.click("compose:send");
    }

    @Test
    @DisplayName("MB-03 MB-09 compose with the default sender preselected, send, and see the e-mail listed as sent")
    void composeAndSend() {
        String address = signInWithMailbox("ursula");
        String subject = Fixtures.unique("Welcome");

        pages.click("navEmail");
        pages.click("menu:newEmail");
        browser.waitFor().until(urlContains("email-compose.xhtml"));
        assertEquals(address, pages.text("compose:from_label"));
        compose("bob@example.org", subject, "Hello Bob");

        browser.waitFor().until(urlContains("panel/email.xhtml"));
        pages.awaitText("messages", "The e-mail is sent.");
        browser.waitUpTo(ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("emails:table")).getText().contains(subject));
        assertEquals(1, MailSendIT.received(MAIL, subject).size());
        browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(elementToBeClickable(By.linkText(subject))).click();
        pages.awaitText("email:sendStatus", "Sent");
    }

    @Test
    @DisplayName("MB-03 a refusal by the SMTP server is shown with the server's reason and the draft stays")
    void refusalKeepsDraft() {
        String address = signInWithMailbox("vera");
        MAIL.getUserManager().getUser(address).setPassword("Changed-Elsewhere-9");
        String subject = Fixtures.unique("Refused");

        compose("bob@example.org", subject, "Hello");

        pages.awaitText("messages", "535");
        assertEquals(subject, pages.element("compose:subject").getAttribute("value"));
        assertEquals("bob@example.org", pages.element("compose:to").getAttribute("value"));
    }
}
