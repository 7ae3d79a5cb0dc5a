package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.exchange.GraphFake;

/**
 * A Microsoft 365 mailbox's contacts synced both ways on the deployed EAR (EC-01..EC-04, issue 21 item 5), against
 * the stateful Graph fake: the mailbox is connected with "Sign in with Microsoft" in a real browser, then its contact
 * sync is set up and run over REST: Outlook's contacts become CRM contacts (linked to the account of their company,
 * EC-04), the CRM's contacts of the exported category appear in Outlook, a change in Outlook arrives, a deletion there
 * leaves the CRM contact; a colleague without the right to configure the mailbox sees none of it. The same set up in
 * the panel (MB-05, EC-05): the mailbox's Contacts tab reached from the Contacts section's "Sync contacts" menu, its
 * folders asked from the mailbox, a refusal on the field, "Run sync" with its result, in English and in Russian.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContactSyncIT {

    private static final String MAILBOXES = "api/v1/mailboxes";
    private static final long SUPPLIERS = 4;

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
    private GraphFake graph;
    private String siteUrl;

    @BeforeEach
    void setUp() {
        pages = new Pages(browser, base);
        admin = ApiClient.asAdmin(base);
        graph = MicrosoftFake.get();
        // Entra ID sends the browser back under SiteUrl, or, while it is empty, to the address the browser uses.
        siteUrl = admin.get("api/v1/settings/SiteUrl").object().getString("value", "");
        new ChatScenario(base).restoreDefault("SiteUrl");
        graph.redirectUri(base + "oauth/microsoft/callback");
    }

    @AfterEach
    void restoreSiteUrl() {
        if (!siteUrl.isEmpty()) {
            new ChatScenario(base).setting("SiteUrl", siteUrl);
        }
    }

    private long connect(ApiClient user, String address) {
        return MicrosoftFake.connect(pages, browser, user, address);
    }

    /** A Microsoft 365 mailbox of a new user signed in in the browser, with Ann in a folder "Partners". */
    private record Setup(ApiClient user, String address, long mailbox, String tag, String defaultFolder,
            String partners) {
    }

    private Setup mailboxWithTwoFolders(String prefix) {
        MicrosoftFake.Provider provider = MicrosoftFake.provider(admin);
        String address = Fixtures.unique(prefix).toLowerCase() + "@" + provider.domain();
        graph.mailbox(address);
        String folder = graph.defaultContactFolder(address);
        String partners = graph.contactFolder(address, null, "Partners");
        String tag = Fixtures.unique("Page").toLowerCase();
        graph.addContact(address, folder, Jsons.object().add("givenName", "Bo").add("surname", "Default " + tag)
                .add("displayName", "Bo Default " + tag).build());
        graph.addContact(address, partners, Jsons.object().add("givenName", "Ann").add("surname", "Partner " + tag)
                .add("displayName", "Ann Partner " + tag).build());
        String login = Fixtures.unique(prefix);
        Fixtures.user(admin, login);
        pages.signIn(login, Fixtures.PASSWORD);
        ApiClient user = ApiClient.as(base, login, Fixtures.PASSWORD);
        return new Setup(user, address, connect(user, address), tag, folder, partners);
    }

    /** Contacts → Actions → "Sync contacts" (a submenu that opens beside it) → the item {@code id}. */
    private void syncMenu(String item) {
        pages.click("navContacts");
        pages.click("search:actions_button");
        browser.waitFor().until(visibilityOfElementLocated(By.id("search:actions_menu")));
        pages.driver().findElement(By.cssSelector("[id='search:syncContacts'] > a")).click();
        pages.click(item);
    }

    private void tick(String groupId, String label) {
        browser.waitFor().until(elementToBeClickable(By.xpath("//*[@id='" + groupId + "']//label[normalize-space()='"
                + label + "']"))).click();
    }

    private void checkbox(String id) {
        browser.waitFor().until(elementToBeClickable(By.cssSelector("[id='" + id + "'] .ui-chkbox-box"))).click();
    }

    private void tab(String label) {
        browser.waitFor().until(elementToBeClickable(By.xpath("//*[@id='mailboxTabs:tabs']//a[normalize-space()='"
                + label + "']"))).click();
    }

    private static JsonObject awaitSynced(ApiClient user, long mailbox, String after) {
        return Awaitility.await("contact sync of mailbox " + mailbox).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> user.get(MAILBOXES + "/" + mailbox + "/contact-sync").object(),
                        s -> "READY".equals(s.getString("status")) && !s.getBoolean("running")
                                && s.getString("lastSyncedAt", "").compareTo(after) > 0);
    }

    private static String run(ApiClient user, long mailbox) {
        String before = user.get(MAILBOXES + "/" + mailbox + "/contact-sync").object().getString("lastSyncedAt", "");
        ApiResponse started = user.post(MAILBOXES + "/" + mailbox + "/contact-sync/run", null);
        assertEquals(202, started.status(), started::toString);
        return before;
    }

    private static JsonObject crmContact(ApiClient user, String search) {
        List<JsonObject> found = user.get("api/v1/contacts?search=" + URLEncoder.encode(search,
                StandardCharsets.UTF_8)).array().stream()
                .map(JsonValue::asJsonObject).toList();
        assertEquals(1, found.size(), found::toString);
        return found.get(0);
    }

    @Test
    @DisplayName("MB-05 EC-01 EC-02 EC-03 EC-05 the Contacts tab of a Microsoft 365 mailbox opens from Contacts → "
            + "Actions → Sync contacts → Set up; its folders are asked from the mailbox, a category export without a "
            + "category is refused on the field, Run sync imports the ticked folder only and exports the ticked "
            + "category's and group's contacts; "
            + "Run sync in the Contacts section runs it again")
    void syncPage() {
        Setup setup = mailboxWithTwoFolders("syncpage");
        String address = setup.address();
        setup.user().post("api/v1/contacts", Json.createObjectBuilder().add("name", "Cy Supplier " + setup.tag())
                .add("categoryId", SUPPLIERS).build()).assertCreated();
        String group = "Fair " + setup.tag();
        long groupId = setup.user().post("api/v1/contact-groups", Json.createObjectBuilder().add("name", group)
                .build()).assertCreated().getJsonNumber("id").longValue();
        setup.user().post("api/v1/contacts", Json.createObjectBuilder().add("name", "Gus Grouped " + setup.tag())
                .add("groupIds", Json.createArrayBuilder().add(groupId)).build()).assertCreated();

        syncMenu("search:setUp" + setup.mailbox());
        pages.awaitText("pageTitle", "Contacts " + address);
        assertEquals("Not run yet", pages.text("state:status"));
        pages.awaitText("sync:notSetUp", "not set up yet");
        tab("Mail");
        pages.awaitText("pageTitle", "Settings " + address);
        tab("Contacts");
        pages.awaitText("pageTitle", "Contacts " + address);

        tick("sync:allFolders", "Selected folders");
        pages.awaitText("sync:noFolders", "No folder is known yet");
        pages.click("sync:refreshFolders");
        pages.awaitText("messages", "The mailbox reported 2 contact folder(s).");
        tick("sync:folders", "Partners");
        tick("sync:exportMode", "Contacts of the selected categories and groups");
        pages.element("sync:categories");
        pages.click("sync:save");
        pages.awaitText("sync:categoriesMessage", "Choose at least one category or group to export, or export all contacts.");
        tick("sync:categories", "Suppliers");
        tick("sync:groups", group);
        pages.click("sync:save");
        pages.awaitText("messages", "The contact sync of " + address + " is saved.");
        assertTrue(pages.driver().findElements(By.id("sync:notSetUp")).isEmpty(), "set up now");

        pages.click("state:run");
        pages.awaitText("state:status", "Up to date");
        pages.element("state:lastSync");
        pages.awaitText("issues:table", "Nothing to look at.");
        ApiClient user = setup.user();
        assertEquals("Ann Partner " + setup.tag(), crmContact(user, "partner " + setup.tag()).getString("name"));
        assertEquals(0, user.get("api/v1/contacts?search=" + URLEncoder.encode("default " + setup.tag(),
                StandardCharsets.UTF_8)).array().size(), "the default folder is not ticked");
        assertTrue(graph.contactIds(address, setup.defaultFolder()).stream().map(id -> graph.contact(address, id))
                .anyMatch(c -> ("Cy Supplier " + setup.tag()).equals(c.getString("displayName"))),
                "the Suppliers go to the default folder");
        assertTrue(graph.contactIds(address, setup.defaultFolder()).stream().map(id -> graph.contact(address, id))
                .anyMatch(c -> ("Gus Grouped " + setup.tag()).equals(c.getString("displayName"))),
                "and the contacts of the ticked group, which have no category");
        JsonObject saved = user.get(MAILBOXES + "/" + setup.mailbox() + "/contact-sync").object();
        assertEquals(List.of("true", "false", "CATEGORIES", "[" + SUPPLIERS + "]", "[" + groupId + "]"), List.of(
                String.valueOf(saved.getBoolean("setUp")), String.valueOf(saved.getBoolean("allFolders")),
                saved.getString("exportMode"), saved.getJsonArray("categoryIds").toString(),
                saved.getJsonArray("groupIds").toString()), saved::toString);

        String before = saved.getString("lastSyncedAt");
        syncMenu("search:runSync");
        pages.awaitText("messages", "The contact sync has started for " + address + ".");
        awaitSynced(user, setup.mailbox(), before);
    }

    @Test
    @DisplayName("MB-05 EC-05 X-04 the Contacts tab and the Sync contacts menu speak Russian; the first Run sync asks "
            + "before it runs with the settings shown")
    void syncPageInRussian() {
        Setup setup = mailboxWithTwoFolders("syncru");
        pages.click("langRu");
        try {
            pages.click("navContacts");
            pages.awaitText("search:actions_button", "Действия");
            syncMenu("search:setUp" + setup.mailbox());
            pages.awaitText("pageTitle", "Контакты " + setup.address());
            assertEquals("Ещё не запускалась", pages.text("state:status"));
            pages.awaitText("mailboxTabs:tabs", "Почта");
            pages.awaitText("sync:allFolders", "Все папки типа «Контакты»");
            // Not set up: the first run asks, since it would export every contact the user may see.
            pages.click("state:run");
            browser.waitFor().until(d -> d.findElements(By.cssSelector(".ui-confirm-dialog-message")).stream()
                    .anyMatch(m -> m.isDisplayed() && m.getText().contains("Первый запуск")));
            pages.click("confirmNo");
            assertEquals("Ещё не запускалась", pages.text("state:status"));
            tick("sync:exportMode", "Никакие (только загрузка)");
            checkbox("sync:importContacts");
            pages.click("sync:save");
            pages.awaitText("sync:importContactsMessage", "Импортируйте контакты, экспортируйте их или то и другое.");
            checkbox("sync:importContacts");
            pages.click("sync:save");
            pages.awaitText("messages", "Синхронизация контактов " + setup.address() + " сохранена.");
            pages.click("state:run");
            pages.awaitText("state:status", "Актуальна");
            assertEquals("Bo Default " + setup.tag(), crmContact(setup.user(), "default " + setup.tag())
                    .getString("name"), "all folders by default");
        } finally {
            pages.click("langEn");
        }
    }

    @Test
    @DisplayName("EC-01 EC-02 EC-03 EC-04 a Microsoft 365 mailbox's contacts sync both ways: Outlook's arrive "
            + "linked to their company's account, the exported category's go to Outlook, a change in Outlook "
            + "arrives, a deletion there leaves the CRM contact, an automatic sync runs by itself; only who may "
            + "configure the mailbox sees the sync")
    void twoWaySync() {
        MicrosoftFake.Provider provider = MicrosoftFake.provider(admin);
        String address = Fixtures.unique("sync").toLowerCase() + "@" + provider.domain();
        graph.mailbox(address);
        String folder = graph.defaultContactFolder(address);
        String tag = Fixtures.unique("Acme").toLowerCase();
        String ann = graph.addContact(address, folder, Jsons.object().add("givenName", "Ann")
                .add("surname", "Lee " + tag).add("displayName", "Ann Lee " + tag).add("companyName", tag)
                .add("mobilePhone", "+1 555 0100").add("emailAddresses", Jsons.array().add(Jsons.object()
                        .add("name", "Ann").add("address", "ann@" + tag + ".example"))).build());
        long account = admin.post("api/v1/accounts", Json.createObjectBuilder().add("name", tag.toUpperCase()).build())
                .assertCreated().getJsonNumber("id").longValue();
        String login = Fixtures.unique("contactsync");
        Fixtures.user(admin, login);
        pages.signIn(login, Fixtures.PASSWORD);
        ApiClient user = ApiClient.as(base, login, Fixtures.PASSWORD);
        long mailbox = connect(user, address);
        user.post("api/v1/contacts", Json.createObjectBuilder().add("name", "Dee Moe " + tag)
                .add("categoryId", SUPPLIERS).add("companyName", "Delta").build()).assertCreated();

        JsonObject sync = user.get(MAILBOXES + "/" + mailbox + "/contact-sync").object();
        assertEquals(List.of("NEW", "ALL", "false"), List.of(sync.getString("status"), sync.getString("exportMode"),
                String.valueOf(sync.getBoolean("autoSync"))), sync::toString);
        JsonObject saved = user.put(MAILBOXES + "/" + mailbox + "/contact-sync", Json.createObjectBuilder()
                .add("version", sync.getJsonNumber("version").longValue()).add("autoSync", false)
                .add("allFolders", true).add("exportMode", "CATEGORIES")
                .add("categoryIds", Json.createArrayBuilder().add(SUPPLIERS)).build()).object();
        user.put(MAILBOXES + "/" + mailbox + "/contact-sync", Json.createObjectBuilder()
                .add("version", saved.getJsonNumber("version").longValue()).add("exportMode", "CATEGORIES")
                .build()).assertProblem(400, "validation.contactSync.categories", "categoryIds");
        user.put(MAILBOXES + "/" + mailbox + "/contact-sync", Json.createObjectBuilder()
                .add("version", saved.getJsonNumber("version").longValue()).add("importContacts", false)
                .add("exportMode", "NONE").build())
                .assertProblem(400, "validation.contactSync.nothing", "importContacts");

        awaitSynced(user, mailbox, run(user, mailbox));

        JsonObject imported = crmContact(user, "lee " + tag);
        assertEquals(List.of("Ann Lee " + tag, "ann@" + tag + ".example", "MOBILE +1 555 0100", "" + account, login),
                List.of(imported.getString("name"), imported.getJsonArray("emails").getString(0),
                        imported.getJsonArray("phones").getJsonObject(0).getString("kind") + " "
                                + imported.getJsonArray("phones").getJsonObject(0).getString("number"),
                        String.valueOf(imported.getJsonNumber("accountId").longValue()), imported.getString("owner")),
                imported::toString);
        assertTrue(graph.contactIds(address, folder).stream().map(id -> graph.contact(address, id))
                .anyMatch(c -> ("Dee Moe " + tag).equals(c.getString("displayName"))), "exported to Outlook");
        assertTrue(user.get(MAILBOXES + "/" + mailbox + "/contact-sync").object().getJsonArray("folders").stream()
                .map(JsonValue::asJsonObject).anyMatch(f -> folder.equals(f.getString("id"))));

        graph.changeContact(address, ann, Jsons.object().add("jobTitle", "Head of buying").build());
        awaitSynced(user, mailbox, run(user, mailbox));
        assertEquals("Head of buying", crmContact(user, "lee " + tag).getString("jobTitle"));

        graph.deleteContact(address, ann);
        awaitSynced(user, mailbox, run(user, mailbox));
        assertEquals("Ann Lee " + tag, crmContact(user, "lee " + tag).getString("name"), "the CRM contact stays");
        // The mailbox also receives the Suppliers of earlier runs on the same database: only this run's are counted.
        assertEquals(List.of("Dee Moe " + tag), graph.contactIds(address, folder).stream()
                .map(id -> graph.contact(address, id).getString("displayName")).filter(name -> name.endsWith(tag))
                .toList(), "Ann is not created in Outlook again, Dee once");

        // EC-03: switched to automatic, the sync runs on its own (the timer's tick), with no "Run sync".
        JsonObject current = user.get(MAILBOXES + "/" + mailbox + "/contact-sync").object();
        graph.changeContact(address, graph.addContact(address, folder, Jsons.object().add("givenName", "Al")
                .add("surname", "Auto " + tag).add("displayName", "Al Auto " + tag).build()), Jsons.object()
                .add("jobTitle", "Driver").build());
        user.put(MAILBOXES + "/" + mailbox + "/contact-sync", Json.createObjectBuilder()
                .add("version", current.getJsonNumber("version").longValue()).add("autoSync", true)
                .add("exportMode", "CATEGORIES").add("categoryIds", Json.createArrayBuilder().add(SUPPLIERS))
                .build()).object();
        awaitSynced(user, mailbox, current.getString("lastSyncedAt"));
        assertEquals("Driver", crmContact(user, "auto " + tag).getString("jobTitle"));

        String other = Fixtures.unique("colleague");
        Fixtures.user(admin, other);
        ApiClient colleague = ApiClient.as(base, other, Fixtures.PASSWORD);
        assertEquals(404, colleague.get(MAILBOXES + "/" + mailbox + "/contact-sync").status());
        assertEquals(404, colleague.post(MAILBOXES + "/" + mailbox + "/contact-sync/run", null).status());
    }
}
