package org.switchboard.it;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * The panel's e-mail tab, the mailbox wizard and a mailbox's settings page in a real browser, against GreenMail
 * (MB-01, MB-06, MB-07, MB-10, MB-12, MP-04, MP-09): a plain user connects a mailbox, loads its mail and reads it;
 * reaches a mailbox's settings from the tab's menus and the profile; saves its folders and settings, cancels, changes
 * its password; and is offered the provider list, not "Add provider", for an unknown domain.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MailboxUiIT {

    private static final String SECRET = "Mail-Secret-1";
    private static final String APP_PASSWORDS = "https://mail.example.org/app-passwords";
    /** The e-mail tab's page size. */
    private static final int EMAIL_PAGE = 50;

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

    /** A plain user (no system operation), signed in in the browser; returns the login. */
    private String signInAsNewUser() {
        String login = Fixtures.unique("mailui");
        Fixtures.user(admin, login);
        pages.signIn(login, Fixtures.PASSWORD);
        return login;
    }

    @Test
    @DisplayName("MB-01 MB-06 MB-07 the wizard finds the provider, refuses a wrong password on its field and creates "
            + "nothing, connects with the right one; \"Start loading mail\" shows the e-mail, which opens in full")
    void connectLoadAndRead() throws MessagingException {
        LocalMail.Provider provider = LocalMail.provider(admin, MAIL, false, APP_PASSWORDS);
        String address = "anna@" + provider.domain();
        MAIL.setUser(address, address, SECRET);
        LocalMail.append(MAIL, address, SECRET, "INBOX", "Quarterly offer", OffsetDateTime.now(ZoneOffset.UTC),
                "Terms of the quarterly offer", true);
        String login = signInAsNewUser();
        ApiClient user = ApiClient.as(base, login, Fixtures.PASSWORD);

        pages.click("navEmail");
        pages.click("menu:newAccount");
        browser.waitFor().until(urlContains("mailbox-new.xhtml"));
        pages.type("wizard:address", address);
        pages.click("wizard:next");
        pages.awaitText("wizard:providerName", provider.name());
        WebElement hint = pages.element("appPasswordLink");
        assertEquals(List.of(APP_PASSWORDS, "_blank", "Use an app password generated at your provider"),
                List.of(hint.getAttribute("href"), hint.getAttribute("target"), hint.getText().trim()));
        assertTrue(hint.getAttribute("rel").contains("noopener"), hint.getAttribute("rel"));

        pages.type("wizard:password", "wrong");
        pages.click("wizard:signIn");
        pages.awaitText("wizard:passwordMessage", "127.0.0.1 refused the log-in");
        assertTrue(user.get("api/v1/mailboxes").array().isEmpty(), "a refused log-in creates nothing");

        pages.type("wizard:password", SECRET);
        pages.click("wizard:signIn");
        pages.awaitText("wizard:connectedText", "The mailbox " + address + " is connected.");
        pages.element("wizard:openSettings");
        pages.click("wizard:startLoading");

        browser.waitFor().until(urlContains("panel/email.xhtml"));
        browser.waitUpTo(ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("emails:table")).getText().contains("Quarterly offer"));
        browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(elementToBeClickable(By.linkText("Quarterly offer"))).click();
        pages.awaitText("email:textBody", "Terms of the quarterly offer");
        assertEquals("Quarterly offer", pages.text("email:subject"));
        assertEquals("bob@example.org", pages.text("email:from"));
        WebElement file = browser.waitFor().until(visibilityOfElementLocated(By.cssSelector("#fileList a")));
        assertEquals("offer.pdf", file.getText().trim());
        assertTrue(file.getAttribute("href").matches(".*/api/v1/mailboxes/emails/\\d+/files/\\d+"),
                file.getAttribute("href"));
    }

    @Test
    @DisplayName("MB-06 the e-mail tab pages by 50, newest first: \"Older\" shows the rest, \"Newer\" comes back")
    void paging() throws MessagingException {
        String address = "finn@" + LocalMail.provider(admin, MAIL, false, null).domain();
        MAIL.setUser(address, address, SECRET);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int count = EMAIL_PAGE + 3;
        for (int i = 1; i <= count; i++) {
            LocalMail.append(MAIL, address, SECRET, "INBOX", String.format("Mail %02d", i),
                    now.minusMinutes(count - i), "Body " + i, false);
        }
        String login = signInAsNewUser();
        ApiClient user = ApiClient.as(base, login, Fixtures.PASSWORD);
        connectAndSync(user, address, count);

        pages.open("panel/email.xhtml");
        pages.awaitText("emails:range", "E-mails 1–" + EMAIL_PAGE);
        assertEquals(List.of(String.format("Mail %02d", count), "Mail 04"), firstAndLastSubject());
        assertEquals(List.of(false, true), List.of(pages.element("emails:newer").isEnabled(),
                pages.element("emails:older").isEnabled()));

        pages.click("emails:older");
        pages.awaitText("emails:range", "E-mails " + (EMAIL_PAGE + 1) + "–" + count);
        assertEquals(List.of("Mail 03", "Mail 01"), firstAndLastSubject());
        assertEquals(List.of(true, false), List.of(pages.element("emails:newer").isEnabled(),
                pages.element("emails:older").isEnabled()));

        pages.click("emails:newer");
        pages.awaitText("emails:range", "E-mails 1–" + EMAIL_PAGE);
        assertEquals(List.of(String.format("Mail %02d", count), "Mail 04"), firstAndLastSubject());
    }

    /** Connects the mailbox over REST and waits for its first sync to store the e-mails; returns its id. */
    private static long connectAndSync(ApiClient user, String address, int emails) {
        return LocalMail.connectAndSync(user, address, SECRET, emails);
    }

    /** The subjects of the e-mail list's first and last rows. */
    private List<String> firstAndLastSubject() {
        List<WebElement> links = pages.driver().findElements(By.cssSelector("[id^='emails:table:'][id$=':open']"));
        return List.of(links.get(0).getText().trim(), links.get(links.size() - 1).getText().trim());
    }

    @Test
    @DisplayName("MB-06 \"Go to mailbox settings\" lists my mailboxes with \"Add\" and each one's settings; \"Edit "
            + "settings\" picks a mailbox and opens its settings; the profile's \"Email accounts\" opens the same list")
    void mailboxMenus() {
        LocalMail.Provider provider = LocalMail.provider(admin, MAIL, false, null);
        String first = "hana@" + provider.domain();
        String second = "ivan@" + provider.domain();
        String login = signInAsNewUser();
        ApiClient user = ApiClient.as(base, login, Fixtures.PASSWORD);
        long firstId = connect(user, first);
        long secondId = connect(user, second);

        pages.click("navEmail");
        assertTrue(pages.driver().findElements(By.id("mailboxes:table")).isEmpty(), "the list is not shown yet");
        pages.click("menu:mailboxSettings");
        pages.awaitText("mailboxes:table", first);
        pages.awaitText("mailboxes:table", second);
        pages.element("mailboxes:add");
        mailboxRowButton(second, "settings").click();
        pages.awaitText("pageTitle", "Settings " + second);
        assertTrue(pages.driver().getCurrentUrl().endsWith("mailbox-settings.xhtml?id=" + secondId),
                pages.driver().getCurrentUrl());

        pages.click("navEmail");
        pages.click("menu:editSettings_button");
        browser.waitFor().until(visibilityOfElementLocated(By.id("menu:editSettings_menu")));
        assertEquals(List.of(first, second), pages.driver().findElements(
                By.cssSelector("[id='menu:editSettings_menu'] .ui-menuitem-text")).stream()
                .map(item -> item.getAttribute("textContent").trim()).toList());
        pages.click("menu:edit" + firstId);
        pages.awaitText("pageTitle", "Settings " + first);
        assertTrue(pages.driver().getCurrentUrl().endsWith("mailbox-settings.xhtml?id=" + firstId),
                pages.driver().getCurrentUrl());

        pages.click("userMenu:profile");
        pages.click("emailAccounts");
        browser.waitFor().until(urlContains("panel/email.xhtml?mailboxes=true"));
        pages.awaitText("mailboxes:table", first);
        pages.awaitText("mailboxes:table", second);
        pages.click("mailboxes:add");
        browser.waitFor().until(urlContains("panel/mailbox-new.xhtml"));
        pages.element("wizard:address");
    }

    /** The button of the mailbox list's row that shows the address. */
    private WebElement mailboxRowButton(String address, String button) {
        return browser.waitFor().until(elementToBeClickable(By.xpath("//*[@id='mailboxes:table']//tr[.//*[contains(@id,"
                + "':address')][normalize-space()='" + address + "']]//*[contains(@id,':" + button + "')]")));
    }

    /** Connects the GreenMail account (a user of {@link #MAIL} with {@link #SECRET}) over REST; returns its id. */
    private long connect(ApiClient user, String address) {
        MAIL.setUser(address, address, SECRET);
        return user.post("api/v1/mailboxes", Json.createObjectBuilder().add("address", address)
                .add("password", SECRET).build()).assertCreated().getJsonNumber("id").longValue();
    }

    /** Opens the page "Settings <address>" of one of my mailboxes. */
    private void openSettings(long id, String address) {
        pages.open("panel/mailbox-settings.xhtml?id=" + id);
        pages.awaitText("pageTitle", "Settings " + address);
    }

    /** Ticks or clears a PrimeFaces check box of the settings form. */
    private void setCheckbox(String id, boolean checked) {
        WebElement input = pages.driver().findElement(By.id(id + "_input"));
        if (input.isSelected() != checked) {
            pages.driver().findElement(By.cssSelector("[id='" + id + "'] .ui-chkbox-box")).click();
            browser.waitFor().until(d -> d.findElement(By.id(id + "_input")).isSelected() == checked);
        }
    }

    @Test
    @DisplayName("MB-12 Save on \"Settings <address>\" stores the changes, which the page shows when opened again")
    void savePersists() {
        String address = "jana@" + LocalMail.provider(admin, MAIL, false, null).domain();
        ApiClient user = ApiClient.as(base, signInAsNewUser(), Fixtures.PASSWORD);
        long id = connect(user, address);
        openSettings(id, address);

        setCheckbox("settings:useAlias", true);
        pages.type("settings:alias", "Jana from Sales");
        setCheckbox("settings:sendEnabled", false);
        pages.click("settings:save");

        pages.awaitText("messages", "The settings of " + address + " are saved.");
        JsonObject saved = user.get("api/v1/mailboxes/" + id).object();
        assertEquals(List.of(true, "Jana from Sales", false), List.of(saved.getBoolean("useAlias"),
                saved.getString("alias"), saved.getBoolean("sendEnabled")));
        openSettings(id, address);
        assertEquals(List.of("Jana from Sales", true, false), List.of(
                pages.element("settings:alias").getAttribute("value"),
                pages.driver().findElement(By.id("settings:useAlias_input")).isSelected(),
                pages.driver().findElement(By.id("settings:sendEnabled_input")).isSelected()));
    }

    @Test
    @DisplayName("MB-12 Cancel on \"Settings <address>\" goes back to my mailboxes and stores nothing")
    void cancelDiscards() {
        String address = "karl@" + LocalMail.provider(admin, MAIL, false, null).domain();
        ApiClient user = ApiClient.as(base, signInAsNewUser(), Fixtures.PASSWORD);
        long id = connect(user, address);
        long version = user.get("api/v1/mailboxes/" + id).object().getJsonNumber("version").longValue();
        openSettings(id, address);

        setCheckbox("settings:useAlias", true);
        pages.type("settings:alias", "Not to be kept");
        setCheckbox("settings:sendEnabled", false);
        pages.click("settings:cancel");

        browser.waitFor().until(urlContains("panel/email.xhtml?mailboxes=true"));
        pages.awaitText("mailboxes:table", address);
        JsonObject kept = user.get("api/v1/mailboxes/" + id).object();
        assertEquals(List.of(version, false, true), List.of(kept.getJsonNumber("version").longValue(),
                kept.getBoolean("useAlias"), kept.getBoolean("sendEnabled")));
        assertTrue(!kept.containsKey("alias") || kept.isNull("alias"), kept::toString);
        openSettings(id, address);
        assertEquals("", pages.element("settings:alias").getAttribute("value"));
        assertTrue(pages.driver().findElement(By.id("settings:sendEnabled_input")).isSelected());
    }

    @Test
    @DisplayName("MB-12 \"Change account settings\" asks for the password again: one the server refuses is shown on "
            + "its field and not stored; the new one is stored, and the mailbox loads mail with it again")
    void changeAccountSettings() throws MessagingException {
        String address = "lena@" + LocalMail.provider(admin, MAIL, false, null).domain();
        ApiClient user = ApiClient.as(base, signInAsNewUser(), Fixtures.PASSWORD);
        long id = connect(user, address);
        LocalMail.append(MAIL, address, SECRET, "INBOX", "After the change", OffsetDateTime.now(ZoneOffset.UTC),
                "Hello", false);
        // The password was changed at the provider: the stored one no longer logs in.
        String changed = "Changed-At-Provider-2";
        MAIL.getUserManager().getUser(address).setPassword(changed);
        LocalMail.syncNow(user, id);
        Awaitility.await("refused sync of " + address).atMost(ofSeconds(60)).pollInterval(ofMillis(250))
                .until(() -> user.get("api/v1/mailboxes/" + id).object().getString("status"), "FAILED"::equals);
        openSettings(id, address);

        pages.click("settings:changeAccount");
        pages.type("credentials:password", SECRET);
        pages.click("credentials:apply");
        pages.awaitText("credentials:passwordMessage", "127.0.0.1 refused the log-in");
        assertTrue(pages.element("credentials:password").isDisplayed(), "the dialog stays open");
        pages.type("credentials:password", changed);
        pages.click("credentials:apply");

        pages.awaitText("messages", "The account settings of " + address + " are changed.");
        browser.waitFor().until(invisibilityOfElementLocated(By.id("credentialsDialog")));
        LocalMail.syncNow(user, id);
        Awaitility.await("sync of " + address + " with the new password").atMost(ofSeconds(60))
                .pollInterval(ofMillis(250)).until(() -> user.get("api/v1/mailboxes/" + id).object(),
                        m -> "READY".equals(m.getString("status")) && m.getInt("emailCount") == 1);
    }

    @Test
    @DisplayName("MB-02 an e-mail with only an HTML body is shown in a sandbox: its text is read, its scripts do not run")
    void htmlOnlyInSandbox() throws MessagingException {
        String address = "eve@" + LocalMail.provider(admin, MAIL, false, null).domain();
        MAIL.setUser(address, address, SECRET);
        LocalMail.appendHtml(MAIL, address, SECRET, "INBOX", "Quarterly figures", OffsetDateTime.now(ZoneOffset.UTC),
                "<html><body><h1>Quarterly figures</h1><p>Revenue grew by <b>12%</b>.</p>"
                        + "<script>parent.document.title = 'script ran';</script>"
                        + "<img src=\"x\" onerror=\"parent.document.title = 'handler ran'\"></body></html>");
        String login = signInAsNewUser();
        ApiClient user = ApiClient.as(base, login, Fixtures.PASSWORD);
        connectAndSync(user, address, 1);

        pages.open("panel/email.xhtml");
        browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(elementToBeClickable(By.linkText("Quarterly figures"))).click();
        WebElement frame = browser.waitFor().until(visibilityOfElementLocated(By.id("htmlBody")));
        String title = pages.driver().getTitle();

        // Issue 18 item 6: links may open a new window, without opener; still no script and no same origin.
        assertEquals("allow-popups allow-popups-to-escape-sandbox", frame.getAttribute("sandbox"),
                "a sandbox that allows no script");
        pages.driver().switchTo().frame(frame);
        try {
            browser.waitFor().until(d -> d.findElement(By.tagName("body")).getText()
                    .contains("Revenue grew by 12%."));
        } finally {
            pages.driver().switchTo().defaultContent();
        }
        assertEquals(title, pages.driver().getTitle(), "neither the script nor the handler ran");
        assertFalse(title.contains("ran"), title);
    }

    @Test
    @DisplayName("MP-02 MB-01 a provider whose log-in is entered by hand asks for it in the wizard: left empty it is "
            + "refused on its field and nothing is created; given, the mailbox logs in with it")
    void manualLogin() {
        LocalMail.Provider provider = LocalMail.provider(admin, MAIL, false, null, "MANUAL");
        String address = "dana@" + provider.domain();
        MAIL.setUser(address, "dana-login", SECRET);
        String login = signInAsNewUser();
        ApiClient user = ApiClient.as(base, login, Fixtures.PASSWORD);

        pages.open("panel/mailbox-new.xhtml");
        pages.type("wizard:address", address);
        pages.click("wizard:next");
        pages.awaitText("wizard:providerName", provider.name());
        pages.type("wizard:password", SECRET);
        pages.click("wizard:signIn");
        pages.awaitText("wizard:loginMessage", "Enter a value.");
        assertTrue(user.get("api/v1/mailboxes").array().isEmpty(), "nothing is created without the log-in");

        pages.type("wizard:login", "dana-login");
        pages.type("wizard:password", SECRET);
        pages.click("wizard:signIn");
        pages.awaitText("wizard:connectedText", "The mailbox " + address + " is connected.");
        JsonObject mailbox = user.get("api/v1/mailboxes").array().getJsonObject(0);
        assertEquals(List.of(address, "dana-login"), List.of(mailbox.getString("address"),
                mailbox.getString("login")));
    }

    @Test
    @DisplayName("MB-10 \"Selected folders\" with none ticked is refused beside the list; "
            + "with INBOX ticked it is saved")
    void selectedFolders() throws MessagingException {
        String address = "gil@" + LocalMail.provider(admin, MAIL, false, null).domain();
        MAIL.setUser(address, address, SECRET);
        LocalMail.append(MAIL, address, SECRET, "INBOX", "Inbox mail", OffsetDateTime.now(ZoneOffset.UTC), "Hello",
                false);
        String login = signInAsNewUser();
        ApiClient user = ApiClient.as(base, login, Fixtures.PASSWORD);
        long id = connectAndSync(user, address, 1);

        pages.open("panel/mailbox-settings.xhtml?id=" + id);
        pages.awaitText("pageTitle", "Settings " + address);
        browser.waitFor().until(elementToBeClickable(By.xpath(
                "//*[@id='settings:allFolders']//label[normalize-space()='Selected folders']"))).click();
        pages.element("settings:folders");
        pages.click("settings:save");
        pages.awaitText("settings:foldersMessage", "Tick at least one folder, or load all folders.");

        browser.waitFor().until(elementToBeClickable(By.xpath(
                "//*[@id='settings:folders']//label[normalize-space()='INBOX']"))).click();
        pages.click("settings:save");
        pages.awaitText("messages", "The settings of " + address + " are saved.");
        JsonObject saved = user.get("api/v1/mailboxes/" + id + "/settings").object();
        assertEquals(false, saved.getJsonObject("mailbox").getBoolean("allFolders"));
        assertTrue(saved.getJsonArray("folders").stream().map(JsonValue::asJsonObject)
                .anyMatch(f -> "INBOX".equals(f.getString("fullName")) && f.getBoolean("selected")), saved::toString);
    }

    @Test
    @DisplayName("MP-04 MP-09 an unknown domain offers the providers to choose from; a plain user gets no "
            + "\"Add provider\"")
    void unknownDomain() {
        signInAsNewUser();
        pages.open("panel/mailbox-new.xhtml");

        pages.type("wizard:address", "carl@" + Fixtures.unique("newco").toLowerCase() + ".test");
        pages.click("wizard:next");

        pages.awaitText("wizard:provider_label", "Choose the provider of this address");
        assertTrue(pages.driver().findElements(By.id("wizard:addProvider")).isEmpty(), "no Add provider link");
        assertTrue(pages.driver().findElements(By.linkText("Add provider")).isEmpty(), "no Add provider link");
    }
}
