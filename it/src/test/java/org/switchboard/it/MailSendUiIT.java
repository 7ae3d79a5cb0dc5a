package org.switchboard.it;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.json.Json;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * "New e-mail" in the panel in a real browser, against GreenMail (MB-03, MB-09, MB-11): the default sender is
 * preselected, the e-mail is sent and listed as sent; a refusal by the SMTP server shows the server's reason and keeps
 * the draft; a signature pasted with formatting, a link and two pictures goes out with every e-mail.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MailSendUiIT {

    private static final String SECRET = "Mail-Secret-1";
    /** A 1×1 PNG and a 1×1 GIF, as a mail client puts pictures on the clipboard. */
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
            + "AAAABJRU5ErkJggg==";
    private static final String GIF = "R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==";

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

    /** A user signed in in the browser, with their REST client and their one mailbox. */
    private record SignedIn(ApiClient api, long mailboxId, String address) {
    }

    /** A new user with one mailbox, signed in in the browser. */
    private SignedIn signInWithMailbox(String name) {
        String address = name + "@" + LocalMail.provider(admin, MAIL, false, null).domain();
        MAIL.setUser(address, address, SECRET);
        String login = Fixtures.unique("sendui");
        Fixtures.user(admin, login);
        ApiClient api = ApiClient.as(base, login, Fixtures.PASSWORD);
        long id = api.post("api/v1/mailboxes", Json.createObjectBuilder().add("address", address)
                .add("password", SECRET).build()).assertCreated().getJsonNumber("id").longValue();
        pages.signIn(login, Fixtures.PASSWORD);
        return new SignedIn(api, id, address);
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
        String address = signInWithMailbox("ursula").address();
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
        String address = signInWithMailbox("vera").address();
        MAIL.getUserManager().getUser(address).setPassword("Changed-Elsewhere-9");
        String subject = Fixtures.unique("Refused");

        compose("bob@example.org", subject, "Hello");

        pages.awaitText("messages", "535");
        assertEquals(subject, pages.element("compose:subject").getAttribute("value"));
        assertEquals("bob@example.org", pages.element("compose:to").getAttribute("value"));
    }

    @Test
    @DisplayName("MB-03 issue 18 item 7: files above an e-mail's 20 MB are refused with a message on the field: in the "
            + "browser before any upload (one file too large, or two too large together), and by the server when the "
            + "browser does not check; the draft stays and nothing is sent")
    void filesAboveTheLimitRefusedOnTheField() throws Exception {
        signInWithMailbox("wanda");
        pages.click("navEmail");
        pages.click("menu:newEmail");
        browser.waitFor().until(urlContains("email-compose.xhtml"));
        By input = By.cssSelector("form[id='compose'] input[type='file']");

        Path huge = sized("huge", 20L * 1024 * 1024 + 1);
        browser.driver().findElement(input).sendKeys(huge.toString());
        String refused = fileError(huge.getFileName().toString());
        assertTrue(refused.contains("20 MB"), refused);
        assertEquals("", browser.driver().findElement(input).getDomProperty("value"), "the file stays out of the form");

        Path first = sized("first", 11L * 1024 * 1024);
        Path second = sized("second", 11L * 1024 * 1024);
        browser.driver().findElement(input).sendKeys(first + "\n" + second);
        assertTrue(fileError("20 MB together").contains("20 MB"));
        assertEquals("", browser.driver().findElement(input).getDomProperty("value"));

        // Without the browser's check (scripts off, an old page), the server refuses on the same field.
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.querySelector('[data-max-bytes]').removeAttribute('data-max-bytes');");
        Path third = sized("third", 10L * 1024 * 1024 + 512 * 1024);
        Path fourth = sized("fourth", 10L * 1024 * 1024 + 512 * 1024);
        browser.driver().findElement(input).sendKeys(third + "\n" + fourth);
        String subject = Fixtures.unique("Too heavy");
        pages.type("compose:to", "bob@example.org");
        pages.type("compose:subject", subject);
        browser.waitFor().until(elementToBeClickable(By.cssSelector("#compose\\:body .ql-editor"))).sendKeys("Hi");
        pages.click("compose:send");

        pages.awaitText("compose:filesMessage", "20 MB together");
        assertEquals(subject, pages.element("compose:subject").getAttribute("value"));
        assertTrue(MailSendIT.received(MAIL, subject).isEmpty());
    }

    /** A file of that many bytes (sparse: nothing is written). */
    private static Path sized(String name, long bytes) throws IOException {
        Path file = Files.createTempFile(name, ".bin");
        try (RandomAccessFile handle = new RandomAccessFile(file.toFile(), "rw")) {
            handle.setLength(bytes);
        }
        file.toFile().deleteOnExit();
        return file;
    }

    /** The browser's message under the files field, once it names {@code expected}. */
    private String fileError(String expected) {
        return browser.waitFor().ignoring(StaleElementReferenceException.class).until(d -> {
            String text = d.findElement(By.id("filesError")).getText();
            return text.contains(expected) ? text : null;
        });
    }

    @Test
    @DisplayName("MB-11 a signature pasted with bold, italics, a link and two pictures is saved on the settings page "
            + "and goes out with the e-mail: the formatting and the link kept, each picture an inline part that the "
            + "HTML names by its Content-ID")
    void pastedSignatureWithTwoPictures() throws Exception {
        SignedIn user = signInWithMailbox("wanda");
        pages.open("panel/mailbox-settings.xhtml?id=" + user.mailboxId());
        pages.awaitText("pageTitle", "Settings " + user.address());
        pages.driver().findElement(By.cssSelector("[id='settings:useSignature'] .ui-chkbox-box")).click();
        browser.waitFor().until(d -> d.findElement(By.id("settings:useSignature_input")).isSelected());
        paste("settings:signature", "<p><b>Anna Smith</b>, <i>Sales</i></p>"
                + "<p><a href=\"https://www.example.org/anna\">www.example.org/anna</a></p>"
                + "<p><img src=\"data:image/png;base64," + PNG + "\" alt=\"logo\">"
                + "<img src=\"data:image/gif;base64," + GIF + "\" alt=\"badge\"></p>");
        pages.click("settings:save");
        pages.awaitText("messages", "The settings of " + user.address() + " are saved.");
        String subject = Fixtures.unique("Signed");

        compose("bob@example.org", subject, "Hello Bob");

        pages.awaitText("messages", "The e-mail is sent.");
        MimeMessage message = MailSendIT.received(MAIL, subject).get(0);
        Multipart related = (Multipart) ((Multipart) message.getContent()).getBodyPart(1).getContent();
        assertTrue(related.getContentType().startsWith("multipart/related"), related.getContentType());
        assertEquals(3, related.getCount(), "the HTML and two pictures");
        String html = (String) related.getBodyPart(0).getContent();
        assertTrue(html.contains("Hello Bob"), html);
        assertTrue(html.contains("<strong>Anna Smith</strong>"), html);
        assertTrue(html.contains("<em>Sales</em>"), html);
        assertTrue(html.contains("href=\"https://www.example.org/anna\"") && html.contains(">www.example.org/anna</a>"),
                html);
        List<String> types = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            MimeBodyPart image = (MimeBodyPart) related.getBodyPart(i);
            String contentId = image.getContentID().replaceAll("[<>]", "");
            assertTrue(html.contains("src=\"cid:" + contentId + "\""), contentId + " in " + html);
            assertEquals(Part.INLINE, image.getDisposition());
            types.add(image.getContentType().replaceAll(";.*", "").toLowerCase());
            byte[] expected = Base64.getDecoder().decode(i == 1 ? PNG : GIF);
            assertArrayEquals(expected, image.getInputStream().readAllBytes(), "picture " + i);
        }
        assertEquals(List.of("image/png", "image/gif"), types);
        assertFalse(html.contains("data:image"), "no picture is left inline as a data URI");
    }

    /**
     * Pastes HTML into a PrimeFaces text editor as the browser does with the clipboard's HTML (a paste event, which
     * the editor converts), and waits until its pictures are in.
     */
    private void paste(String editorId, String html) {
        int pictures = html.split("<img", -1).length - 1;
        WebElement editor = browser.waitFor().until(elementToBeClickable(
                By.cssSelector("[id='" + editorId + "'] .ql-editor")));
        editor.click();
        ((JavascriptExecutor) pages.driver()).executeScript("""
                const data = new DataTransfer();
                data.setData('text/html', arguments[1]);
                data.setData('text/plain', arguments[0].innerText);
                arguments[0].dispatchEvent(new ClipboardEvent('paste',
                        {clipboardData: data, bubbles: true, cancelable: true}));""", editor, html);
        browser.waitFor().until(d -> d.findElements(By.cssSelector("[id='" + editorId + "'] .ql-editor img"))
                .size() == pictures);
    }
}
