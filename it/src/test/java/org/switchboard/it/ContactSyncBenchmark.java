package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.exchange.GraphFake;

/**
 * Contact sync benchmark (issue 21, EC-01 EC-02), run only by the Maven profile {@code benchmark} with
 * {@code -Dit.test=ContactSyncBenchmark} (README): a Microsoft 365 mailbox whose Contacts folder in the Graph fake holds
 * {@code bench.contacts.n} contacts (5,000) and a CRM group of as many contacts, the sync exporting that group. The
 * first two-way sync (every Outlook contact imported, every CRM contact of the group created in Outlook) is timed from
 * "Run sync" to the sync being ready, then a sync with nothing changed on either side. Prints the figures; asserts only
 * that every contact arrived once on each side.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContactSyncBenchmark {

    private static final int CONTACTS = Integer.getInteger("bench.contacts.n", 5_000);
    private static final String MAILBOXES = "api/v1/mailboxes";

    @RegisterExtension
    static final Browser browser = new Browser();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    @Test
    @DisplayName("EC-01 EC-02 contact sync benchmark: the first two-way sync of a large mailbox and CRM, then a sync "
            + "with nothing changed")
    void firstAndQuietSync() throws Exception {
        ApiClient admin = ApiClient.asAdmin(base);
        GraphFake graph = MicrosoftFake.get();
        graph.redirectUri(base + "oauth/microsoft/callback");
        ChatScenario settings = new ChatScenario(base);
        String siteUrl = admin.get("api/v1/settings/SiteUrl").object().getString("value", "");
        settings.restoreDefault("SiteUrl");
        try {
            MicrosoftFake.Provider provider = MicrosoftFake.provider(admin);
            String login = Fixtures.unique("bench");
            Fixtures.user(admin, login);
            ApiClient user = ApiClient.as(base, login, Fixtures.PASSWORD);
            Pages pages = new Pages(browser, base);
            pages.signIn(login, Fixtures.PASSWORD);
            String tag = Fixtures.unique("b").toLowerCase(Locale.ROOT);
            String address = "contacts-" + tag + "@" + provider.domain();
            graph.mailbox(address);
            String folder = graph.defaultContactFolder(address);
            for (int i = 0; i < CONTACTS; i++) {
                graph.addContact(address, folder, Jsons.object().add("givenName", "Out" + i)
                        .add("surname", "Look " + tag).add("displayName", "Out" + i + " Look " + tag)
                        .add("companyName", "Company " + (i % 50)).add("jobTitle", "Buyer")
                        .add("mobilePhone", "+1 555 " + (1000 + i % 9000))
                        .add("emailAddresses", Jsons.array().add(Jsons.object().add("name", "Out" + i)
                                .add("address", "out" + i + "@" + tag + ".example"))).build());
            }
            long group = user.post("api/v1/contact-groups", Json.createObjectBuilder().add("name", "Bench " + tag)
                    .build()).assertCreated().getJsonNumber("id").longValue();
            long fillStart = System.nanoTime();
            fillCrm(user, group, tag);
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            long mailbox = MicrosoftFake.connect(pages, browser, user, address);
            JsonObject sync = user.get(MAILBOXES + "/" + mailbox + "/contact-sync").object();
            user.put(MAILBOXES + "/" + mailbox + "/contact-sync", Json.createObjectBuilder()
                    .add("version", sync.getJsonNumber("version").longValue()).add("exportMode", "CATEGORIES")
                    .add("groupIds", Json.createArrayBuilder().add(group)).build()).object();

            double first = timedRun(user, mailbox);
            int inCrm = Integer.parseInt(user.get("api/v1/contacts?max=1&search=" + tag).header("X-Total-Count")
                    .orElseThrow());
            int inOutlook = graph.contactIds(address, folder).size();
            double quiet = timedRun(user, mailbox);
            System.out.printf(Locale.ROOT, "%nContact sync on %s: %,d contacts in Outlook, %,d in the CRM group "
                            + "(made over REST in %.1f s)%n"
                            + "first two-way sync %8.2f s  %8.0f items/s  (%,d imported, %,d exported)%n"
                            + "no-change sync     %8.2f s%n",
                    TestSettings.server(), CONTACTS, CONTACTS, fillSeconds, first, 2 * CONTACTS / first, CONTACTS,
                    CONTACTS, quiet);
            assertEquals(List.of(2 * CONTACTS, 2 * CONTACTS), List.of(inCrm, inOutlook),
                    "every contact once on each side");
        } finally {
            if (!siteUrl.isEmpty()) {
                settings.setting("SiteUrl", siteUrl);
            }
        }
    }

    /** The CRM's half: contacts of the group, four requests at once. */
    private static void fillCrm(ApiClient user, long group, String tag) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < CONTACTS; i++) {
                int n = i;
                calls.add(callers.submit(() -> user.post("api/v1/contacts", Json.createObjectBuilder()
                        .add("givenName", "Crm" + n).add("familyName", "Here " + tag)
                        .add("companyName", "Company " + (n % 50)).add("emails", Json.createArrayBuilder()
                                .add("crm" + n + "@" + tag + ".example"))
                        .add("groupIds", Json.createArrayBuilder().add(group)).build()).assertCreated()));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    /** "Run sync" until the sync is ready again; the seconds it took. */
    private static double timedRun(ApiClient user, long mailbox) {
        String path = MAILBOXES + "/" + mailbox + "/contact-sync";
        String before = user.get(path).object().getString("lastSyncedAt", "");
        long start = System.nanoTime();
        assertEquals(202, user.post(path + "/run", null).status());
        Awaitility.await("contact sync").atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> user.get(path).object(), s -> "READY".equals(s.getString("status"))
                        && !s.getBoolean("running") && s.getString("lastSyncedAt", "").compareTo(before) > 0);
        return (System.nanoTime() - start) / 1e9;
    }
}
