package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Session;
import java.net.URL;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.core.exchange.GraphFake;

/**
 * Microsoft 365 first-sync benchmark (MB-02 over Graph, issue 20), run only by the Maven profile {@code benchmark}
 * with {@code -Dit.test=GraphSyncBenchmark} (README): the Graph fake in the test JVM holds a mailbox of
 * {@code bench.graph.n} messages (10,000, written as the IMAP benchmark writes its own: bodies of mixed sizes, 5% with
 * a file), connected with "Sign in with Microsoft" in a real browser; its first sync is timed from the request to the
 * mailbox being ready with every message stored (delta pages of 50, each message's MIME downloaded and parsed, at most
 * 4 requests at once per mailbox as Graph allows). A mailbox of {@code bench.graph.warmup} messages (5,000; 0 for
 * none) is synced first to warm the server up. The server's heap: peak during the sync and after a GC. Prints the
 * figures; asserts only that every message was stored once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GraphSyncBenchmark {

    private static final int MESSAGES = Integer.getInteger("bench.graph.n", 10_000);
    private static final int WARMUP = Integer.getInteger("bench.graph.warmup", 5_000);
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
    @DisplayName("MB-02 Graph sync benchmark: first sync of a large Microsoft 365 mailbox")
    void firstSync() throws Exception {
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

            double warmSeconds = Double.NaN;
            if (WARMUP > 0) {
                String warm = "warm-" + Fixtures.unique("g").toLowerCase(Locale.ROOT) + "@" + provider.domain();
                populate(graph, warm, WARMUP);
                warmSeconds = MailSyncBenchmark.firstSync(user, connect(pages, user, warm), WARMUP);
            }
            String address = "bench-" + Fixtures.unique("g").toLowerCase(Locale.ROOT) + "@" + provider.domain();
            long populateStart = System.nanoTime();
            long bytes = populate(graph, address, MESSAGES);
            double populateSeconds = (System.nanoTime() - populateStart) / 1e9;
            long id = connect(pages, user, address);

            long pid = ServerHeap.serverPid();
            long heapBefore = ServerHeap.heapAfterGc(pid);
            ServerHeap.Sampler sampler = new ServerHeap.Sampler(pid);
            double seconds = MailSyncBenchmark.firstSync(user, id, MESSAGES);
            long heapPeak = sampler.stop();
            long heapAfter = ServerHeap.heapAfterGc(pid);
            System.out.printf(Locale.ROOT, "%nGraph sync on %s: %,d messages, %.1f MB of MIME in the Graph fake "
                            + "(filled in %.1f s)%n"
                            + "warm-up sync      %8.2f s  %8.0f msgs/s  (%,d messages, the deployment's first)%n"
                            + "first sync        %8.2f s  %8.0f msgs/s  (request to ready, every message stored)%n"
                            + "Graph requests    %,d delta pages, %,d MIME downloads, at most %d at once%n"
                            + "server heap       before %d MB, peak during sync %d MB (+%d), after GC %d MB (+%d)%n",
                    TestSettings.server(), MESSAGES, bytes / 1e6, populateSeconds, warmSeconds, WARMUP / warmSeconds,
                    WARMUP, seconds, MESSAGES / seconds, graph.deltaRequests(address), graph.mimeRequests(address),
                    graph.maxInFlight(address), heapBefore / 1024, heapPeak / 1024, (heapPeak - heapBefore) / 1024,
                    heapAfter / 1024, (heapAfter - heapBefore) / 1024);
            assertTrue(seconds > 0);
        } finally {
            if (!siteUrl.isEmpty()) {
                settings.setting("SiteUrl", siteUrl);
            }
        }
    }

    /** The wizard's "Sign in with Microsoft" for the address; load period ALL; returns the mailbox's id. */
    private static long connect(Pages pages, ApiClient user, String address) {
        long id = MicrosoftFake.connect(pages, browser, user, address);
        JsonObject mailbox = user.get(MAILBOXES + "/" + id).object();
        user.put(MAILBOXES + "/" + id + "/settings", Json.createObjectBuilder()
                .add("version", mailbox.getJsonNumber("version").longValue()).add("loadPeriod", "ALL")
                .add("autoSync", false).add("allFolders", true).add("selectedFolders", Json.createArrayBuilder())
                .add("sendEnabled", true).add("defaultSender", false).add("useAlias", false)
                .add("useSignature", false).build()).object();
        return id;
    }

    /** Fills the fake mailbox's Inbox with the IMAP benchmark's messages; returns the MIME bytes. */
    private static long populate(GraphFake graph, String address, int count) throws Exception {
        String inbox = graph.mailbox(address);
        Session session = Session.getInstance(new Properties());
        Random random = new Random(42);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            Date date = Date.from(now.minusSeconds((long) (count - i) * 20).toInstant());
            byte[] source = MailSyncBenchmark.source(MailSyncBenchmark.message(session, random, i, address, date));
            bytes += source.length;
            graph.add(address, inbox, source);
        }
        return bytes;
    }
}
