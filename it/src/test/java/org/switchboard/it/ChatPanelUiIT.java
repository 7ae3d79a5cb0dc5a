package org.switchboard.it;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.not;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.RandomAccessFile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The communication panel's chats tab and the Chats section in a real browser (CH-03, CH-04, CH-07, CH-09, CH-11,
 * CH-12, X-04): a chat offered to a "To all" queue's operator appears without reloading, is accepted, answered with
 * text and files, a chat action runs, it is finished and stays in the Chats section with its history.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatPanelUiIT {

    private static final Set<String> DELIVERY_LABELS = Set.of("Pending", "Sent", "Delivered", "Read", "Not delivered");

    @RegisterExtension
    static final Browser browser = new Browser();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    private WebDriver driver;

    @BeforeEach
    void freshSession() {
        driver = browser.driver();
        driver.get(Deployments.resolve(base, "login.xhtml").toString());
        driver.manage().deleteAllCookies();
    }

    private void open(String path) {
        driver.get(Deployments.resolve(base, path).toString());
    }

    private WebElement element(By by) {
        return browser.waitFor().until(visibilityOfElementLocated(by));
    }

    /** Clicks the element once it is clickable, finding it again if a push re-rendered it meanwhile. */
    private void click(By by) {
        browser.waitFor().ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement target = elementToBeClickable(by).apply(d);
            if (target == null) {
                return false;
            }
            target.click();
            return true;
        });
    }

    private void signIn(String login) {
        open("login.xhtml");
        element(By.id("login:username")).sendKeys(login);
        element(By.id("login:password")).sendKeys(Fixtures.PASSWORD);
        click(By.id("login:signIn"));
        browser.waitFor().until(not(urlContains("login.xhtml")));
    }

    /** Opens the panel and waits until its web socket is connected, so that no push is missed. */
    private void openPanel() {
        open("panel/chats.xhtml");
        browser.waitFor().until(d -> "open".equals(body().getAttribute("data-chat-socket")));
    }

    private WebElement body() {
        return driver.findElement(By.tagName("body"));
    }

    /** A chat of a list of the panel ({@code offered} or {@code mine}) by its contact's name. */
    private static By chatIn(String list, String contact) {
        return By.xpath(chatXpath(list, contact));
    }

    private static String chatXpath(String list, String contact) {
        return "//*[@id='lists:" + list + "']//div[contains(@class,'sb-chat ') or @class='sb-chat']"
                + "[.//span[@class='sb-chat-contact'][normalize-space()='" + contact + "']]";
    }

    /** A message of the open conversation by its text. */
    private static By message(String text) {
        return By.xpath("//div[contains(@class,'sb-msg ')][.//div[@class='sb-msg-body'][normalize-space()='" + text
                + "']]");
    }

    private static By button(String cssClass, String text) {
        return By.xpath("//button[contains(@class,'" + cssClass + "')][normalize-space()='" + text + "']");
    }

    @Test
    @DisplayName("CH-12 CH-03 CH-07 CH-09 an offered chat appears live; accept, reply with files, act, finish")
    void chatLifecycle() throws Exception {
        ChatScenario scenario = new ChatScenario(base);
        ChatScenario.Operator operator = scenario.operator("operator");
        long queueId = scenario.queue("TO_ALL", null, operator);
        long channelId = scenario.channel(queueId, true, "en");
        String action = Fixtures.unique("Create case");
        scenario.chatAction(action, queueId, "CreateCaseFromChat");
        String quickTitle = Fixtures.unique("Greeting");
        String quickBody = "Good evening! How can I help? " + quickTitle;
        scenario.quickReply("en", quickTitle, quickBody);
        String sender = Fixtures.unique("ivan");
        String client = "Client " + sender;
        String hello = Fixtures.unique("Hello, I need help");
        signIn(operator.login());
        openPanel();
        ((JavascriptExecutor) driver).executeScript("window.sbNotReloaded = true;");

        scenario.inbound(channelId, sender, hello);

        // CH-12, CH-03: pushed to the open panel, no reload, the new-chat sound is played (CH-09).
        browser.waitUpTo(ofSeconds(30)).until(visibilityOfElementLocated(chatIn("offered", client)));
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript("return window.sbNotReloaded;"));
        browser.waitFor().until(d -> body().getAttribute("data-chat-dings") != null);
        assertEquals(200, operator.api().get("api/v1/settings/OmniChatNotificationSound/file").status(),
                "the sound the panel plays");

        click(By.xpath(chatXpath("offered", client) + "//button[contains(@class,'sb-accept')]"));
        element(chatIn("mine", client));
        browser.waitFor().until(invisibilityOfElementLocated(chatIn("offered", client)));
        browser.waitFor().until(textToBe(By.id("contact"), client));
        element(message(hello));

        // A quick reply fills the reply box (which replies are offered: quickRepliesInTheChannelsLanguage).
        click(button("sb-quick-reply", quickTitle));
        browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(d -> quickBody.equals(d.findElement(By.id("reply:text")).getDomProperty("value")));
        // A file above a reply's limit (10 MB) is refused in the browser with its name and the limit, before any
        // upload: the server would refuse it too, or, above its multipart limit, answer with an error page.
        Path huge = Files.createTempFile("huge", ".bin");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(10L * 1024 * 1024 + 1);
        }
        driver.findElement(By.cssSelector("form[id='reply'] input[type='file']")).sendKeys(huge.toString());
        String refused = browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    String text = d.findElement(By.id("filesError")).getText();
                    return text.contains(huge.getFileName().toString()) ? text : null;
                });
        assertTrue(refused.contains("10 MB"), refused);
        assertEquals("", driver.findElement(By.cssSelector("form[id='reply'] input[type='file']"))
                .getDomProperty("value"), "the refused file stays out of the form");

        Path invoice = Files.createTempFile("invoice", ".txt");
        Files.writeString(invoice, "Invoice 42");
        Path photo = Files.createTempFile("photo", ".png");
        Files.write(photo, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        driver.findElement(By.cssSelector("form[id='reply'] input[type='file']"))
                .sendKeys(invoice + "\n" + photo);
        click(By.id("reply:send"));

        // The panel refreshes itself on the pushes of this reply: read the message afresh until it settles.
        By reply = message(quickBody);
        String status = browser.waitFor().ignoring(StaleElementReferenceException.class).until(d -> {
            String shown = d.findElement(reply).findElement(By.cssSelector(".sb-msg-status")).getText().trim();
            return DELIVERY_LABELS.contains(shown) ? shown : null;
        });
        assertTrue(DELIVERY_LABELS.contains(status), status);
        browser.waitFor().ignoring(StaleElementReferenceException.class).until(d -> d.findElement(reply)
                .findElements(By.cssSelector("a.sb-attachment")).size() == 2);
        browser.waitFor().until(textToBePresentInElementLocated(reply, invoice.getFileName().toString()));
        browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(d -> "".equals(d.findElement(By.id("reply:text")).getDomProperty("value")));

        // CH-07: the queue's action runs and its result is shown.
        click(button("sb-chat-action", action));
        browser.waitFor().until(textToBePresentInElementLocated(By.id("messages"), action + ": "));

        click(By.id("conversation:finish"));
        click(By.id("confirmYes"));
        browser.waitFor().until(textToBePresentInElementLocated(By.id("messages"), "is finished"));
        browser.waitFor().until(invisibilityOfElementLocated(chatIn("mine", client)));

        // CH-12: the whole history stays in the Chats section, found by its text.
        open("panel/chat-history.xhtml");
        element(By.id("filter:text")).sendKeys(hello);
        click(By.id("filter:search"));
        By row = By.xpath("//*[@id='results:table']//a[contains(@id,':open')][normalize-space()='" + client + "']");
        click(row);
        browser.waitFor().until(textToBe(By.id("contact"), client));
        element(message(hello));
        element(message(quickBody));
        assertEquals("Completed", element(By.id("detail:chatStatus")).getText().trim());
        // A link to one chat (its id through OmniFaces @Param) opens its history at once.
        long chatId = scenario.admin.get("api/v1/chats?channelId=" + channelId).object().getJsonArray("chats")
                .getJsonObject(0).getJsonNumber("id").longValue();
        open("panel/chat-history.xhtml?id=" + chatId);
        browser.waitFor().until(textToBe(By.id("contact"), client));
        element(message(hello));

        element(By.id("filter:text")).clear();
        element(By.id("filter:text")).sendKeys(Fixtures.unique("no such text"));
        click(By.id("filter:search"));
        browser.waitFor().until(textToBePresentInElementLocated(By.id("results:table"), "No chat matches."));
        Files.delete(invoice);
        Files.delete(photo);
    }

    @Test
    @DisplayName("FB-05 a bot dialog shows in the Chats section marked Bot with no operator; an operator of the queue "
            + "takes it from the bot after confirming, and it is theirs, in work")
    void botDialogTakenInChatsSection() {
        ChatScenario scenario = new ChatScenario(base);
        ChatScenario.Operator operator = scenario.operator("botop");
        long queueId = scenario.queue("TO_ALL", null, operator);
        String pageId = Long.toString(8_000_000_000L + System.nanoTime() % 1_000_000_000L);
        String token = ProviderFakes.facebookPage(pageId);
        long channelId = ChatScenario.id(scenario.admin.post("api/v1/channels", Json.createObjectBuilder()
                .add("provider", "FACEBOOK").add("name", Fixtures.unique("Bot page")).add("active", true)
                .add("queueId", queueId).add("language", "en").add("settings", Json.createObjectBuilder()
                        .add("pageId", pageId).add("pageToken", token).add("botAppId", "1234567890")).build())
                .assertCreated());
        String sender = Fixtures.unique("psid");
        String hello = Fixtures.unique("hello bot");
        ApiResponse posted = scenario.admin.post("api/v1/inbound", Json.createObjectBuilder(ChatScenario.message(
                channelId, sender, hello, "m-" + sender)).add("botDialog", true).build());
        assertEquals(202, posted.status(), posted::toString);
        long chatId = ChatScenario.id(scenario.awaitChat(channelId, hello));

        signIn(operator.login());
        open("panel/chat-history.xhtml?id=" + chatId);
        browser.waitFor().until(textToBe(By.id("contact"), "Client " + sender));
        assertEquals("Bot dialog", element(By.id("detail:chatStatus")).getText().trim());
        element(By.id("filter:text")).sendKeys(hello);
        click(By.id("filter:search"));
        // The search re-renders the table: wait for the marker in the new rows, not an element of the old ones.
        By marker = By.xpath("//*[@id='results:table']//tr[.//a[contains(@id,':open')][normalize-space()='Client "
                + sender + "']]//span[contains(@class,'sb-bot-marker')]");
        browser.waitFor().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> "Bot".equals(d.findElement(marker).getText().trim()));
        click(By.id("detail:takeFromBot"));
        click(By.id("confirmYes"));

        browser.waitFor().until(textToBe(By.id("detail:chatStatus"), "In work"));
        assertEquals(operator.login(), scenario.summary(chatId).getString("operatorLogin"));
    }

    @Test
    @DisplayName("X-02 issue 18: a contact name with a right-to-left override (U+202E) is isolated in the chat list "
            + "and the chat header, and the text after it keeps its order")
    void rightToLeftOverrideIsolated() {
        ChatScenario scenario = new ChatScenario(base);
        ChatScenario.Operator operator = scenario.operator("operator");
        long queueId = scenario.queue("TO_ALL", null, operator);
        long channelId = scenario.channel(queueId, true, "en");
        String sender = Fixtures.unique("rlo");
        // Not isolated, the override turns round the text after the name in its paragraph, as it turns "evil.exe".
        String name = "Client " + sender + "\u202Eexe.live";
        signIn(operator.login());
        openPanel();

        ApiResponse posted = scenario.admin.post("api/v1/inbound",
                ChatScenario.message(channelId, sender, name, Fixtures.unique("Hello"), "m-" + sender));
        assertEquals(202, posted.status(), posted::toString);

        By listed = By.xpath(chatXpath("offered", name) + "//span[@class='sb-chat-contact']");
        browser.waitUpTo(ofSeconds(30)).until(visibilityOfElementLocated(listed));
        assertIsolated(shown(listed));
        click(By.xpath(chatXpath("offered", name) + "//a[contains(@class,'sb-chat-open')]"));
        browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(d -> name.equals(d.findElement(By.id("contact")).getDomProperty("textContent").strip()));
        assertIsolated(shown(By.id("contact")));
    }

    /**
     * How a name is shown: its element's tag and {@code unicode-bidi}, and the left edges of the first two letters of
     * the text after it (the next element's), with that text.
     */
    private record Shown(String tag, String bidi, List<?> following) {
    }

    /** The name's element as shown, read afresh if a push re-renders it meanwhile. */
    private Shown shown(By name) {
        return browser.waitFor().ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement element = d.findElement(name);
            Object following = ((JavascriptExecutor) d).executeScript("""
                    const node = [...arguments[0].childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
                    const start = node.textContent.search(/\\S/);
                    const range = document.createRange();
                    range.setStart(node, start);
                    range.setEnd(node, start + 1);
                    const first = range.getBoundingClientRect().left;
                    range.setStart(node, start + 1);
                    range.setEnd(node, start + 2);
                    return [first, range.getBoundingClientRect().left, node.textContent.trim()];""",
                    element.findElement(By.xpath("following-sibling::*[1]")));
            return new Shown(element.getTagName(), element.getCssValue("unicode-bidi"), (List<?>) following);
        });
    }

    /** A {@code bdi} or {@code unicode-bidi: isolate}, and the text after it in its own order (left to right). */
    private static void assertIsolated(Shown shown) {
        assertTrue("bdi".equalsIgnoreCase(shown.tag()) || "isolate".equals(shown.bidi()), shown::toString);
        assertTrue(((Number) shown.following().get(0)).doubleValue()
                < ((Number) shown.following().get(1)).doubleValue(), () -> "reordered: " + shown);
    }

    @Test
    @DisplayName("CH-11 each chat offers exactly the quick replies of its channel's language: an English and a "
            + "Russian channel of one queue")
    void quickRepliesInTheChannelsLanguage() {
        ChatScenario scenario = new ChatScenario(base);
        ChatScenario.Operator operator = scenario.operator("operator");
        long queueId = scenario.queue("TO_ALL", null, operator);
        String englishTitle = Fixtures.unique("Greeting");
        scenario.quickReply("en", englishTitle, "Good evening! How can I help? " + englishTitle);
        String russianTitle = Fixtures.unique("Приветствие");
        String russianBody = "Добрый вечер! Чем могу помочь? " + russianTitle;
        scenario.quickReply("ru", russianTitle, russianBody);
        // Quick replies are offered in the reply box of a chat one holds: both chats are accepted over REST.
        String englishClient = heldChat(scenario, operator, scenario.channel(queueId, true, "en"));
        String russianClient = heldChat(scenario, operator, scenario.channel(queueId, true, "ru"));
        signIn(operator.login());
        openPanel();

        openHeldChat(englishClient);
        assertEquals(quickReplyTitles(scenario, "en"), offeredQuickReplies(englishTitle));
        openHeldChat(russianClient);
        assertEquals(quickReplyTitles(scenario, "ru"), offeredQuickReplies(russianTitle));

        click(button("sb-quick-reply", russianTitle));
        browser.waitFor().ignoring(StaleElementReferenceException.class)
                .until(d -> russianBody.equals(d.findElement(By.id("reply:text")).getDomProperty("value")));
    }

    /** Opens a chat on the channel that the operator accepts; returns its contact's name. */
    private static String heldChat(ChatScenario scenario, ChatScenario.Operator operator, long channelId) {
        long chatId = scenario.openChat(channelId, Fixtures.unique("Hello"));
        ApiResponse accepted = operator.api().post("api/v1/chats/" + chatId + "/accept", null);
        assertEquals(200, accepted.status(), accepted::toString);
        return accepted.object().getString("contactName");
    }

    private void openHeldChat(String contact) {
        click(By.xpath(chatXpath("mine", contact) + "//a[contains(@class,'sb-chat-open')]"));
        browser.waitFor().until(textToBe(By.id("contact"), contact));
    }

    /** The titles of every quick reply in the language, as the administrator lists them. */
    private static Set<String> quickReplyTitles(ChatScenario scenario, String language) {
        return scenario.admin.get("api/v1/quick-replies").array().stream().map(JsonValue::asJsonObject)
                .filter(q -> language.equals(q.getString("language"))).map(q -> q.getString("title"))
                .collect(Collectors.toSet());
    }

    /** The titles of the quick replies the open chat's reply box offers, once it offers the expected one. */
    private Set<String> offeredQuickReplies(String expected) {
        return browser.waitFor().ignoring(StaleElementReferenceException.class).until(d -> {
            Set<String> titles = d.findElements(By.cssSelector("#reply\\:quickReplies .sb-quick-reply")).stream()
                    .map(b -> b.getText().trim()).collect(Collectors.toSet());
            return titles.contains(expected) ? titles : null;
        });
    }

    @Test
    @DisplayName("CH-04 an operator sets themselves Inactive and Active again in the panel")
    void statusToggle() {
        ChatScenario.Operator operator = new ChatScenario(base).operator("operator");
        signIn(operator.login());
        openPanel();
        assertEquals("Active", element(By.id("lists:status")).getText().trim());

        click(By.id("lists:toggleStatus"));

        browser.waitFor().until(textToBe(By.id("lists:status"), "Inactive"));
        browser.waitFor().until(textToBePresentInElementLocated(By.id("messages"), "You are Inactive"));
        assertEquals("INACTIVE", operator.api().get("api/v1/me/operator-status").object().getString("status"));
        click(By.id("lists:toggleStatus"));
        browser.waitFor().until(textToBe(By.id("lists:status"), "Active"));
        assertEquals("ACTIVE", operator.api().get("api/v1/me/operator-status").object().getString("status"));
    }

    @Test
    @DisplayName("X-04 CH-12 the panel and the Chats section speak Russian; both are linked from the header")
    void russian() {
        signIn(new ChatScenario(base).operator("russian").login());
        click(By.id("navPanel"));
        browser.waitFor().until(textToBe(By.id("pageTitle"), "Communication panel · Chats"));

        click(By.id("langRu"));

        browser.waitFor().until(textToBe(By.id("pageTitle"), "Панель коммуникаций · Чаты"));
        assertEquals("Активен", element(By.id("lists:status")).getText().trim());
        click(By.id("navChatHistory"));
        browser.waitFor().until(textToBe(By.id("pageTitle"), "Чаты"));
        click(By.id("langEn"));
        browser.waitFor().until(textToBe(By.id("pageTitle"), "Chats"));
    }
}
