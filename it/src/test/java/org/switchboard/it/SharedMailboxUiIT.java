package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;

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

/**
 * Sharing a mailbox in a real browser, against GreenMail (SM-01..SM-04): the owner, holding both shared-mailbox
 * operations, switches on "Access for other users" on the settings page, adds a user with Send and saves the row;
 * that user sees the mailbox's mail in the panel, marked as shared by its owner; a read-only user does not; a row is
 * removed after confirmation. A user without the operations is not offered the option.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SharedMailboxUiIT {

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

    /** A new user holding the given operations; returns {login, id}. */
    private String[] user(ApiClient admin, String prefix, String... operations) {
        String login = Fixtures.unique(prefix);
        long id = Fixtures.user(admin, login).getJsonNumber("id").longValue();
        for (String operation : operations) {
            Fixtures.grantToUser(admin, operation, id);
        }
        return new String[] {login, String.valueOf(id)};
    }

    /** A mailbox of {@code owner} with one synced e-mail; returns its id and address. */
    private Object[] syncedMailbox(ApiClient admin, ApiClient owner, String subject) throws MessagingException {
        String address = "desk@" + LocalMail.provider(admin, MAIL, false, null).domain();
        MAIL.setUser(address, address, SECRET);
        LocalMail.append(MAIL, address, SECRET, "INBOX", subject, OffsetDateTime.now(ZoneOffset.UTC), "Hello",
                false);
        long id = owner.post("api/v1/mailboxes", Json.createObjectBuilder().add("address", address)
                .add("password", SECRET).build()).assertCreated().getJsonNumber("id").longValue();
        LocalMail.syncNow(owner, id);
        MailboxesIT.awaitReady(owner, id, 1);
        return new Object[] {id, address};
    }

    private void tick(String checkboxId) {
        browser.waitFor().until(elementToBeClickable(By.cssSelector("[id='" + checkboxId + "'] .ui-chkbox-box")))
                .click();
    }

    /** Whether the wizard's password step offers "Access for other users" for an address at that mailbox's domain. */
    private boolean wizardOffersSharing(Pages pages, Object[] mailbox) {
        pages.open("panel/mailbox-new.xhtml");
        pages.type("wizard:address", "other@" + String.valueOf(mailbox[1]).split("@")[1]);
        pages.click("wizard:next");
        pages.element("wizard:password");
        return !pages.driver().findElements(By.id("wizard:shared")).isEmpty();
    }

    private void awaitEmails(String text) {
        browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("emails:table")).getText().contains(text));
    }

    @Test
    @DisplayName("SM-01 SM-02 SM-03 SM-04 the owner switches on access for other users and adds a user with Send; "
            + "that user sees the mail in the panel, a read-only user does not; a row is removed after confirmation")
    void shareWithSendHolder() throws MessagingException {
        ApiClient admin = ApiClient.asAdmin(base);
        String[] ownerUser = user(admin, "owner", "CanConnectSharedMailbox", "CanManageSharedMailboxSync");
        String[] senderUser = user(admin, "sender");
        String[] readerUser = user(admin, "reader");
        ApiClient owner = ApiClient.as(base, ownerUser[0], Fixtures.PASSWORD);
        Object[] mailbox = syncedMailbox(admin, owner, "Shared quarterly offer");
        String settings = "panel/mailbox-settings.xhtml?id=" + mailbox[0];
        owner.put("api/v1/mailboxes/" + mailbox[0] + "/access", Json.createArrayBuilder().add(Json
                .createObjectBuilder().add("userId", Long.parseLong(readerUser[1])).add("read", true)).build())
                .array();
        Pages pages = new Pages(browser, base);
        pages.signIn(ownerUser[0], Fixtures.PASSWORD);
        assertTrue(wizardOffersSharing(pages, mailbox), "the wizard offers sharing to a holder of both operations");

        pages.open(settings);
        pages.awaitText("access:sharedOff", "this list gives nobody access");
        tick("settings:shared");
        pages.click("settings:save");
        pages.awaitText("messages", "The settings of " + mailbox[1] + " are saved.");
        pages.click("access:add");
        pages.type("access:grantee_input", senderUser[0]);
        browser.waitFor().until(elementToBeClickable(By.xpath("//*[@id='access:grantee_panel']//li[contains("
                + "@data-item-label,'" + senderUser[0] + "')]"))).click();
        tick("access:sendRight");
        pages.click("access:saveRow");
        pages.awaitText("messages", "The access of Test " + senderUser[0] + " (" + senderUser[0] + ") is saved.");

        JsonObject sent = owner.get("api/v1/mailboxes/" + mailbox[0] + "/access").array().stream()
                .map(JsonValue::asJsonObject).filter(r -> senderUser[0].equals(r.getString("userLogin", "")))
                .findFirst().orElseThrow();
        assertEquals(List.of(false, true, false), List.of(sent.getBoolean("read"), sent.getBoolean("send"),
                sent.getBoolean("configure")));
        assertTrue(owner.get("api/v1/mailboxes/" + mailbox[0]).object().getBoolean("shared"));

        pages.signIn(senderUser[0], Fixtures.PASSWORD);
        pages.open("panel/email.xhtml?mailboxes=true");
        awaitEmails("Shared quarterly offer");
        pages.awaitText("mailboxes:table", "Shared by Test " + ownerUser[0]);
        assertTrue(pages.driver().findElements(By.id("mailboxes:table:0:settings")).isEmpty(),
                "no settings for a send holder");

        pages.signIn(readerUser[0], Fixtures.PASSWORD);
        pages.open("panel/email.xhtml?mailboxes=true");
        awaitEmails("No e-mail loaded.");
        assertFalse(pages.text("emails:table").contains("Shared quarterly offer"));
        assertFalse(pages.text("mailboxes:table").contains(String.valueOf(mailbox[1])));

        pages.signIn(ownerUser[0], Fixtures.PASSWORD);
        pages.open(settings);
        pages.awaitText("access:table", "Test " + readerUser[0]);
        pages.click("access:table:0:delete");
        pages.confirm();
        pages.awaitText("messages", "The access of Test " + readerUser[0] + " (" + readerUser[0] + ") is removed.");
        assertEquals(List.of(senderUser[0]), owner.get("api/v1/mailboxes/" + mailbox[0] + "/access").array().stream()
                .map(r -> r.asJsonObject().getString("userLogin")).toList());
    }

    @Test
    @DisplayName("SM-01 without both shared-mailbox operations the option \"Access for other users\" is not shown, on "
            + "the settings page nor in the wizard")
    void optionHiddenWithoutOperations() throws MessagingException {
        ApiClient admin = ApiClient.asAdmin(base);
        String[] ownerUser = user(admin, "plain", "CanConnectSharedMailbox");
        ApiClient owner = ApiClient.as(base, ownerUser[0], Fixtures.PASSWORD);
        Object[] mailbox = syncedMailbox(admin, owner, "Plain offer");
        Pages pages = new Pages(browser, base);
        pages.signIn(ownerUser[0], Fixtures.PASSWORD);

        pages.open("panel/mailbox-settings.xhtml?id=" + mailbox[0]);
        pages.awaitText("pageTitle", "Settings " + mailbox[1]);

        assertTrue(pages.driver().findElements(By.id("settings:shared")).isEmpty(), "no sharing option");
        assertTrue(pages.driver().findElements(By.id("access:add")).isEmpty(), "no access list");
        assertFalse(wizardOffersSharing(pages, mailbox), "the wizard does not offer sharing");
    }
}
