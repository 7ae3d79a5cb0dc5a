package org.switchboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Remote content in received HTML e-mail (MB-02, issue 18 item 6) in a real browser, against GreenMail and a local
 * HTTP server that stands for a sender's image host and counts what reaches it: nothing until the reader asks, the
 * e-mail's own cid: image shown, links without opener; "Show remote images", "Always show from" and "Stop".
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RemoteContentUiIT {

    private static final String SECRET = "Mail-Secret-1";
    private static final String NEWS = "news@shop.test";
    private static final String OTHER = "offers@elsewhere.test";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()}).withPerMethodLifecycle(false);

    @RegisterExtension
    static final Browser browser = new Browser();

    /** The senders' image and style host. */
    private static WireMockServer remote;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    private Pages pages;
    private ApiClient admin;

    @BeforeAll
    static void startRemote() {
        remote = new WireMockServer(options().dynamicPort());
        remote.start();
        remote.stubFor(get(urlPathMatching("/pixel/.*")).willReturn(aResponse().withHeader("Content-Type",
                "image/png").withHeader("Cache-Control", "no-store").withBody(png())));
        remote.stubFor(get(urlPathMatching("/style/.*")).willReturn(aResponse().withHeader("Content-Type",
                "text/css").withHeader("Cache-Control", "no-store").withBody("p { color: #123456; }")));
    }

    @AfterAll
    static void stopRemote() {
        remote.stop();
    }

    @BeforeEach
    void setUp() {
        pages = new Pages(browser, base);
        admin = ApiClient.asAdmin(base);
    }

    @Test
    @DisplayName("MB-02 issue 18 item 6: a received HTML e-mail loads nothing remote until asked (tracking pixel, "
            + "stylesheet), shows its cid: image, opens links without opener; \"Show remote images\" loads them for "
            + "this e-mail, \"Always show from\" for the sender's next e-mail and no other sender's, \"Stop\" hides "
            + "them again")
    void remoteContentOnlyWhenAsked() throws MessagingException {
        String address = "rita@" + LocalMail.provider(admin, MAIL, false, null).domain();
        MAIL.setUser(address, address, SECRET);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        LocalMail.appendRaw(MAIL, address, SECRET, "INBOX", now.minusMinutes(3),
                email(NEWS, address, "Spring sale", "spring", now.minusMinutes(3)));
        LocalMail.appendRaw(MAIL, address, SECRET, "INBOX", now.minusMinutes(2),
                email(NEWS, address, "Summer sale", "summer", now.minusMinutes(2)));
        LocalMail.appendRaw(MAIL, address, SECRET, "INBOX", now.minusMinutes(1),
                email(OTHER, address, "Other offer", "other", now.minusMinutes(1)));
        String login = Fixtures.unique("remoteui");
        Fixtures.user(admin, login);
        connectAndSync(ApiClient.as(base, login, Fixtures.PASSWORD), address, 3);
        pages.signIn(login, Fixtures.PASSWORD);
        pages.open("panel/email.xhtml");

        open("Spring sale");
        inFrame(frame -> {
            awaitInlineImage(frame);
            assertTrue(frame.findElements(By.id("remote")).stream().allMatch(i -> i.getAttribute("src") == null
                    || !i.getAttribute("src").contains("/pixel/")), "the remote image is not in the document");
            WebElement offer = frame.findElement(By.id("offer"));
            assertEquals(List.of("https://shop.test/offer", "_blank"),
                    List.of(offer.getAttribute("href"), offer.getAttribute("target")));
            return null;
        });
        assertEquals(0, requests("spring"), "nothing reached the remote server");
        assertEquals(0, styleRequests("spring"), "the remote stylesheet was not loaded");
        pages.awaitText("email:remoteHidden", "Remote images are hidden to protect your privacy");
        assertEquals("Always show from " + NEWS, pages.text("email:alwaysRemote"));
        assertRel("Spring sale");
        assertEquals("allow-popups allow-popups-to-escape-sandbox", pages.element("htmlBody").getAttribute("sandbox"),
                "the frame may open links in a new window, and runs no script nor shares this page's origin");

        pages.click("email:showRemote");
        awaitRequests("spring", 1);
        Awaitility.await("the stylesheet of the spring e-mail").atMost(ofSeconds(10)).pollInterval(ofMillis(100))
                .until(() -> styleRequests("spring") >= 1);
        assertTrue(pages.driver().findElements(By.id("email:remoteHidden")).isEmpty(), "the bar no longer hides");

        pages.click("email:alwaysRemote");
        pages.awaitText("email:remoteTrusted", "Remote images from " + NEWS + " are always shown");

        open("Summer sale");
        awaitRequests("summer", 1);
        pages.awaitText("email:remoteTrusted", "Remote images from " + NEWS + " are always shown");

        open("Other offer");
        inFrame(frame -> awaitInlineImage(frame));
        pages.awaitText("email:remoteHidden", "Remote images are hidden");
        assertEquals(0, requests("other"), "another sender's images stay hidden");

        open("Summer sale");
        pages.awaitText("email:remoteTrusted", "always shown");
        int summer = requests("summer");
        pages.click("email:stopRemote");
        pages.awaitText("email:remoteHidden", "Remote images are hidden");
        inFrame(frame -> {
            awaitInlineImage(frame);
            assertTrue(frame.findElements(By.cssSelector("img[src*='/pixel/']")).isEmpty(), "hidden again");
            return null;
        });
        int spring = requests("spring");
        open("Spring sale");
        pages.awaitText("email:remoteHidden", "Remote images are hidden");
        inFrame(frame -> awaitInlineImage(frame));
        assertEquals(List.of(summer, spring), List.of(requests("summer"), requests("spring")),
                "no new request after Stop, neither for the sender's other e-mail");
    }

    @Test
    @DisplayName("MB-02 issue 18 item 6: the HTML body's URL answers its reader with its own Content-Security-Policy "
            + "and no remote URL; another user gets 404")
    void htmlUrlOnlyForItsReader() throws MessagingException {
        String address = "sara@" + LocalMail.provider(admin, MAIL, false, null).domain();
        MAIL.setUser(address, address, SECRET);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        LocalMail.appendRaw(MAIL, address, SECRET, "INBOX", now, email(NEWS, address, "Autumn sale", "autumn", now));
        String login = Fixtures.unique("remoteapi");
        Fixtures.user(admin, login);
        ApiClient owner = ApiClient.as(base, login, Fixtures.PASSWORD);
        long mailboxId = connectAndSync(owner, address, 1);
        long emailId = owner.get("api/v1/mailboxes/" + mailboxId + "/emails").array().getJsonObject(0)
                .getJsonNumber("id").longValue();
        String path = "api/v1/mailboxes/emails/" + emailId + "/html";

        // The API's default Accept is JSON; the body's document is HTML.
        ApiResponse mine = owner.header("Accept", "text/html").get(path);
        assertEquals(200, mine.status(), mine::toString);
        String policy = mine.header("Content-Security-Policy").orElse("");
        assertTrue(policy.startsWith("default-src 'none'; img-src 'self' data:;"), policy);
        assertTrue(policy.contains("frame-ancestors 'self'") && policy.contains("base-uri 'none'"), policy);
        assertEquals(List.of("nosniff", "no-referrer", "private, no-store"), List.of(
                mine.header("X-Content-Type-Options").orElse(""), mine.header("Referrer-Policy").orElse(""),
                mine.header("Cache-Control").orElse("")));
        assertFalse(mine.body().contains("localhost:" + remote.port()), mine.body());
        assertTrue(mine.body().contains("src=\"data:image/png"), mine.body());
        ApiResponse shown = owner.get(path + "?remote=true");
        assertTrue(shown.header("Content-Security-Policy").orElse("").contains("img-src 'self' data: https: http:"),
                shown::toString);
        assertTrue(shown.body().contains("localhost:" + remote.port() + "/pixel/autumn"), shown.body());
        // A value that is neither true nor false was read as false: the caller never learnt it was not understood.
        owner.get(path + "?remote=yes").assertProblem(400, "validation.query.flag", "remote");

        String stranger = Fixtures.unique("stranger");
        Fixtures.user(admin, stranger);
        ApiResponse theirs = ApiClient.as(base, stranger, Fixtures.PASSWORD).header("Accept", "text/html").get(path);
        assertEquals(404, theirs.status(), theirs::toString);
        assertFalse(theirs.body().contains("Autumn") || theirs.body().contains("pixel"), theirs.body());
        assertEquals(0, requests("autumn"), "the server itself fetched nothing remote");
    }

    /** Clicks the e-mail in the list and waits for its frame. */
    private void open(String subject) {
        browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(elementToBeClickable(By.linkText(subject))).click();
        pages.awaitText("email:subject", subject);
    }

    private <T> T inFrame(java.util.function.Function<WebDriver, T> work) {
        WebDriver driver = pages.driver();
        WebElement frame = browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(visibilityOfElementLocated(By.id("htmlBody")));
        driver.switchTo().frame(frame);
        try {
            return work.apply(driver);
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    /** The cid: image of the e-mail is drawn inside the frame. */
    private static Object awaitInlineImage(WebDriver frame) {
        browser.waitFor().ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    String width = d.findElement(By.id("inline")).getDomProperty("naturalWidth");
                    return width != null && Integer.parseInt(width) > 0;
                });
        return null;
    }

    /** The link of the open e-mail carries both rels, in any order. */
    private void assertRel(String subject) {
        String rel = inFrame(frame -> frame.findElement(By.id("offer")).getAttribute("rel"));
        assertTrue(rel != null && List.of(rel.split("\\s+")).containsAll(List.of("noopener", "noreferrer")),
                subject + ": rel=" + rel);
    }

    private static int requests(String mark) {
        return remote.findAll(getRequestedFor(urlPathEqualTo("/pixel/" + mark))).size();
    }

    private static int styleRequests(String mark) {
        return remote.findAll(getRequestedFor(urlPathEqualTo("/style/" + mark))).size();
    }

    private static void awaitRequests(String mark, int count) {
        Awaitility.await("requests for the " + mark + " image").atMost(ofSeconds(15)).pollInterval(ofMillis(100))
                .until(() -> requests(mark) >= count);
    }

    /**
     * An HTML-only e-mail (multipart/related) with a remote tracking pixel and stylesheet on the local server, an
     * inline PNG referenced by cid:, and a link.
     */
    private static String email(String from, String to, String subject, String mark, OffsetDateTime date) {
        String host = "http://localhost:" + remote.port();
        String html = "<html><head><link rel=\"stylesheet\" href=\"" + host + "/style/" + mark + "\"></head><body>"
                + "<p>Our " + subject + "</p><img id=\"remote\" src=\"" + host + "/pixel/" + mark + "\" width=\"1\">"
                + "<img id=\"inline\" src=\"cid:logo." + mark + "@shop.test\" alt=\"logo\">"
                + "<p><a id=\"offer\" href=\"https://shop.test/offer\">See the offer</a></p></body></html>";
        String image = Base64.getMimeEncoder(76, "\r\n".getBytes()).encodeToString(png());
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nDate: "
                + DateTimeFormatter.RFC_1123_DATE_TIME.format(date) + "\r\nMessage-ID: <" + mark + "."
                + System.nanoTime() + "@shop.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/related; boundary=\"rel-boundary\"\r\n\r\n"
                + "--rel-boundary\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n" + html + "\r\n"
                + "--rel-boundary\r\nContent-Type: image/png\r\nContent-ID: <logo." + mark + "@shop.test>\r\n"
                + "Content-Disposition: inline; filename=\"logo.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + image + "\r\n--rel-boundary--\r\n";
    }

    /** A 3×2 PNG. */
    private static byte[] png() {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xff0000);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects the mailbox over REST and waits for its first sync to store the e-mails; returns its id. */
    private static long connectAndSync(ApiClient user, String address, int emails) {
        return LocalMail.connectAndSync(user, address, SECRET, emails);
    }
}
