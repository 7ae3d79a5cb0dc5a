package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

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
import org.switchboard.core.common.Jsons;
import org.switchboard.core.exchange.GraphFake;

/**
 * A Microsoft 365 mailbox's contacts synced both ways on the deployed EAR (EC-01..EC-04, issue 21 item 5), against
 * the stateful Graph fake: the mailbox is connected with "Sign in with Microsoft" in a real browser, then its contact
 * sync is set up and run over REST: Outlook's contacts become CRM contacts (linked to the account of their company,
 * EC-04), the CRM's contacts of the exported category appear in Outlook, a change in Outlook arrives, a deletion there
 * leaves the CRM contact; a colleague without the right to configure the mailbox sees none of it.
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

    /** Connects the address with the wizard's "Sign in with Microsoft"; returns the mailbox's id. */
    private long connect(ApiClient user, String address) {
        pages.open("panel/mailbox-new.xhtml");
        pages.type("wizard:address", address);
        pages.click("wizard:next");
        pages.awaitText("wizard:microsoftHint", "Microsoft");
        pages.click("wizard:signInMicrosoft");
        browser.waitFor().until(urlContains("mailbox-new.xhtml?signIn="));
        pages.awaitText("wizard:connectedText", "The mailbox " + address + " is connected.");
        return user.get(MAILBOXES).array().stream().map(JsonValue::asJsonObject)
                .filter(m -> address.equals(m.getString("address"))).findFirst().orElseThrow()
                .getJsonNumber("id").longValue();
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
    @DisplayName("EC-01 EC-02 EC-03 EC-04 a Microsoft 365 mailbox's contacts sync both ways: Outlook's arrive "
            + "linked to their company's account, the exported category's go to Outlook, a change in Outlook "
            + "arrives, a deletion there leaves the CRM contact; only who may configure the mailbox sees the sync")
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

        String other = Fixtures.unique("colleague");
        Fixtures.user(admin, other);
        ApiClient colleague = ApiClient.as(base, other, Fixtures.PASSWORD);
        assertEquals(404, colleague.get(MAILBOXES + "/" + mailbox + "/contact-sync").status());
        assertEquals(404, colleague.post(MAILBOXES + "/" + mailbox + "/contact-sync/run", null).status());
    }
}
