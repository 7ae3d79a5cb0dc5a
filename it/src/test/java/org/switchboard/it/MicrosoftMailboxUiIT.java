package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.Map;
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
import org.switchboard.core.exchange.EwsFake;
import org.switchboard.core.exchange.GraphFake;

/**
 * Microsoft 365 mailboxes end to end (issue 20: MP-03, MO-01, MO-02, MB-01, MB-02, MB-03, MB-12, SM-01), against the
 * stateful Entra ID and Graph fake the servers are configured with: a user connects a mailbox with "Sign in with
 * Microsoft" in a real browser (authorization code with PKCE through the fake's authorize endpoint and the
 * application's callback), its mail loads over Graph's delta and comes back changed without duplicates, e-mails go out
 * through {@code sendMail}, an expired delta token and throttling lose nothing, and a revoked consent flags the mailbox
 * "sign in again" until its owner does.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MicrosoftMailboxUiIT {

    private static final String MAILBOXES = "api/v1/mailboxes";

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
        // Entra ID sends the browser back under SiteUrl, or, while it is empty, to the address the browser uses: the
        // tests' https SiteUrl does not resolve.
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

    /** A mailbox at the fake with a unique address under the provider's domain; returns the address and inbox id. */
    private record FakeMailbox(String address, String inbox) {
    }

    private FakeMailbox fakeMailbox(MicrosoftFake.Provider provider, String name) {
        String address = Fixtures.unique(name).toLowerCase() + "@" + provider.domain();
        return new FakeMailbox(address, graph.mailbox(address));
    }

    /** A plain user signed in in the browser and over the API. */
    private ApiClient signInAsNewUser() {
        String login = Fixtures.unique("ms365");
        Fixtures.user(admin, login);
        pages.signIn(login, Fixtures.PASSWORD);
        return ApiClient.as(base, login, Fixtures.PASSWORD);
    }

    /** The wizard with "Sign in with Microsoft": connects the address and returns the new mailbox's id. */
    private long connect(ApiClient user, String address) {
        signInWithMicrosoft(address, null);
        pages.awaitText("wizard:connectedText", "The mailbox " + address + " is connected.");
        return user.get(MAILBOXES).array().stream().map(JsonValue::asJsonObject)
                .filter(m -> address.equals(m.getString("address"))).findFirst().orElseThrow()
                .getJsonNumber("id").longValue();
    }

    /**
     * The wizard up to Microsoft's answer: the address, the account to sign in as when the provider asks for it,
     * "Sign in with Microsoft", and back through the callback.
     */
    private void signInWithMicrosoft(String address, String login) {
        pages.open("panel/mailbox-new.xhtml");
        pages.type("wizard:address", address);
        pages.click("wizard:next");
        pages.awaitText("wizard:microsoftHint", "Microsoft");
        assertTrue(pages.driver().findElements(By.id("wizard:password")).isEmpty(), "no password is asked");
        if (login != null) {
            pages.type("wizard:login", login);
        }
        pages.click("wizard:signInMicrosoft");
        // The fake's authorize endpoint signs the hinted user in and sends the browser back through the callback.
        browser.waitFor().until(urlContains("mailbox-new.xhtml?signIn="));
    }

    /** Loads everything (the fake's messages are from May 2026) and waits for a sync with that many e-mails. */
    private static void loadAll(ApiClient user, long id) {
        JsonObject mailbox = user.get(MAILBOXES + "/" + id).object();
        user.put(MAILBOXES + "/" + id + "/settings", Json.createObjectBuilder()
                .add("version", mailbox.getJsonNumber("version").longValue()).add("loadPeriod", "ALL")
                .add("autoSync", true).add("allFolders", true).add("selectedFolders", Json.createArrayBuilder())
                .add("sendEnabled", true).add("defaultSender", true).add("useAlias", false)
                .add("useSignature", false).build()).object();
    }

    private static JsonObject awaitEmails(ApiClient user, long id, int count) {
        return Awaitility.await("mailbox " + id + " ready with " + count + " e-mails").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> user.get(MAILBOXES + "/" + id).object(),
                        m -> "READY".equals(m.getString("status")) && m.getInt("emailCount") == count);
    }

    private static List<String> subjects(ApiClient user, long id) {
        return user.get(MAILBOXES + "/" + id + "/emails?first=0&max=200").array().stream()
                .map(e -> e.asJsonObject().getString("subject", "")).sorted().toList();
    }

    @Test
    @DisplayName("MO-01 MP-03 MB-01 MB-02 \"Sign in with Microsoft\" connects a Microsoft 365 mailbox (PKCE, state, "
            + "login_hint); its mail loads over Graph from MIME, and the next delta stores what is new, once")
    void connectAndSync() {
        MicrosoftFake.Provider provider = MicrosoftFake.provider(admin);
        FakeMailbox box = fakeMailbox(provider, "anna");
        String projects = graph.folder(box.address(), box.inbox(), "Projects");
        graph.add(box.address(), box.inbox(), MicrosoftFake.message(box.address(), "Quarterly offer", "Terms"));
        graph.add(box.address(), box.inbox(), MicrosoftFake.message(box.address(), "Invoice 7", "Due"));
        graph.add(box.address(), projects, MicrosoftFake.message(box.address(), "Project plan", "Plan"));
        ApiClient user = signInAsNewUser();

        long id = connect(user, box.address());
        Map<String, String> redeemed = graph.lastTokenForm();
        assertEquals("authorization_code", redeemed.get("grant_type"));
        assertTrue(redeemed.get("code_verifier").length() >= 43, "PKCE verifier sent with the code");
        JsonObject connected = user.get(MAILBOXES + "/" + id).object();
        assertEquals("GRAPH", connected.getString("transport"));
        assertFalse(connected.containsKey("password"));

        loadAll(user, id);
        LocalMail.syncNow(user, id);
        awaitEmails(user, id, 3);
        assertEquals(List.of("Invoice 7", "Project plan", "Quarterly offer"), subjects(user, id));
        List<String> folders = user.get(MAILBOXES + "/" + id + "/settings").object().getJsonArray("folders").stream()
                .map(f -> f.asJsonObject().getString("fullName")).toList();
        assertTrue(folders.containsAll(List.of("Inbox", "Inbox/Projects", "Sent Items")), folders::toString);

        String invoice = graph.add(box.address(), box.inbox(), MicrosoftFake.message(box.address(), "Reminder",
                "Second notice"));
        graph.change(box.address(), invoice);
        int mimeBefore = graph.mimeRequests(box.address());
        LocalMail.syncNow(user, id);
        awaitEmails(user, id, 4);
        assertEquals(List.of("Invoice 7", "Project plan", "Quarterly offer", "Reminder"), subjects(user, id));
        assertEquals(1, graph.mimeRequests(box.address()) - mimeBefore,
                "only the new message is downloaded: the changed one is known by its Message-ID");
    }

    @Test
    @DisplayName("MB-02 an expired delta token (410) starts the folder's round again and throttling (429 with "
            + "Retry-After) is waited out: nothing is lost, nothing stored twice")
    void expiredDeltaAndThrottling() {
        MicrosoftFake.Provider provider = MicrosoftFake.provider(admin);
        FakeMailbox box = fakeMailbox(provider, "finn");
        for (int i = 1; i <= 3; i++) {
            graph.add(box.address(), box.inbox(), MicrosoftFake.message(box.address(), "Order " + i, "Order"));
        }
        ApiClient user = signInAsNewUser();
        long id = connect(user, box.address());
        loadAll(user, id);
        LocalMail.syncNow(user, id);
        awaitEmails(user, id, 3);

        graph.add(box.address(), box.inbox(), MicrosoftFake.message(box.address(), "Order 4", "Order"));
        graph.expireDeltaTokens(box.address());
        graph.throttleNext(2, 429, 1);
        LocalMail.syncNow(user, id);
        awaitEmails(user, id, 4);
        assertEquals(List.of("Order 1", "Order 2", "Order 3", "Order 4"), subjects(user, id));
    }

    @Test
    @DisplayName("MB-03 an e-mail from a Microsoft 365 mailbox goes out through Graph's sendMail as MIME, recorded "
            + "SENT")
    void sendOverGraph() {
        MicrosoftFake.Provider provider = MicrosoftFake.provider(admin);
        FakeMailbox box = fakeMailbox(provider, "sam");
        ApiClient user = signInAsNewUser();
        long id = connect(user, box.address());

        JsonObject sent = user.post(MAILBOXES + "/" + id + "/emails", Json.createObjectBuilder()
                .add("to", Json.createArrayBuilder().add("bob@example.org")).add("subject", "Our offer")
                .add("html", "<p>Dear Bob</p>").build()).assertCreated();
        assertEquals("SENT", sent.getString("status"), sent::toString);
        List<byte[]> mime = graph.sent(box.address());
        assertEquals(1, mime.size());
        String source = new String(mime.get(0), StandardCharsets.UTF_8);
        assertTrue(source.contains("Subject: Our offer") && source.contains("bob@example.org"), source);
    }

    @Test
    @DisplayName("MO-01 MP-03 MB-02 MB-03 hybrid Exchange: an Exchange Server provider with OAuth 2.0 signs in with "
            + "Microsoft for EWS.AccessAsUser.All on the server's own address; its mail loads over EWS with the "
            + "bearer token, a token Exchange refuses is refreshed once, and an e-mail goes out over EWS")
    void hybridExchangeOverEws() {
        EwsFake ews = MicrosoftFake.ews();
        String scope = "http://localhost:" + ews.url().getPort() + "/EWS.AccessAsUser.All";
        // The Exchange Server trusts the tokens Entra ID issued for its own address, and no other.
        ews.trustTokens(token -> graph.userOf(token, scope));
        MicrosoftFake.Provider provider = MicrosoftFake.hybridProvider(admin);
        String address = Fixtures.unique("nina").toLowerCase() + "@" + provider.domain();
        graph.mailbox(address); // the user, synchronised from Active Directory, is in the Entra ID directory
        String inbox = ews.mailbox(address);
        ews.add(address, inbox, MicrosoftFake.message(address, "Price list", "Attached"));
        ApiClient user = signInAsNewUser();

        long id = connect(user, address);
        assertTrue(graph.lastTokenForm().get("scope").contains(scope), graph.lastTokenForm()::toString);
        JsonObject connected = user.get(MAILBOXES + "/" + id).object();
        assertEquals("EWS", connected.getString("transport"));
        loadAll(user, id);
        LocalMail.syncNow(user, id);
        awaitEmails(user, id, 1);

        // Every issued token is refused now: the sync gets a new one (with the EWS scope) and carries on.
        graph.expireAccessTokens();
        ews.add(address, inbox, MicrosoftFake.message(address, "Order 12", "Confirmed"));
        LocalMail.syncNow(user, id);
        awaitEmails(user, id, 2);
        assertEquals("refresh_token", graph.lastTokenForm().get("grant_type"));
        assertTrue(graph.lastTokenForm().get("scope").contains(scope), graph.lastTokenForm()::toString);
        assertEquals(List.of("Order 12", "Price list"), subjects(user, id));

        JsonObject sent = user.post(MAILBOXES + "/" + id + "/emails", Json.createObjectBuilder()
                .add("to", Json.createArrayBuilder().add("bob@example.org")).add("subject", "Quote 5")
                .add("html", "<p>Dear Bob</p>").build()).assertCreated();
        assertEquals("SENT", sent.getString("status"), sent::toString);
        assertEquals(1, ews.sent(address).size());
    }

    @Test
    @DisplayName("MO-02 MB-12 an access token is refreshed with the rotated refresh token kept; a revoked consent "
            + "flags the mailbox \"sign in again\", pauses its sync and tells its owner; signing in again clears it")
    void tokenLifecycle() {
        MicrosoftFake.Provider provider = MicrosoftFake.provider(admin);
        FakeMailbox box = fakeMailbox(provider, "lena");
        graph.add(box.address(), box.inbox(), MicrosoftFake.message(box.address(), "Welcome", "Hello"));
        ApiClient user = signInAsNewUser();
        long id = connect(user, box.address());
        loadAll(user, id);

        // Graph refuses every token it issued: the sync refreshes once (rotation on) and carries on.
        graph.expireAccessTokens();
        LocalMail.syncNow(user, id);
        awaitEmails(user, id, 1);
        assertEquals("refresh_token", graph.lastTokenForm().get("grant_type"));
        // The rotated refresh token was kept: a second refresh with it succeeds.
        graph.expireAccessTokens();
        graph.add(box.address(), box.inbox(), MicrosoftFake.message(box.address(), "Second", "Hello"));
        LocalMail.syncNow(user, id);
        awaitEmails(user, id, 2);

        graph.revokeConsent(box.address());
        graph.expireAccessTokens();
        LocalMail.syncNow(user, id);
        JsonObject flagged = Awaitility.await("mailbox flagged").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> user.get(MAILBOXES + "/" + id).object(),
                        m -> m.containsKey("signInNeededAt") && !"SYNCING".equals(m.getString("status")));
        assertTrue(flagged.getString("signInReason").contains("AADSTS70000"), flagged::toString);
        List<JsonObject> events = Awaitility.await("MailboxSignInNeeded journaled").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Fixtures.journaled(admin, "MailboxSignInNeeded", box.address()), e -> !e.isEmpty());
        assertEquals(1, events.size(), "told once");
        assertEquals(id, events.get(0).getJsonNumber("mailboxId").longValue());

        pages.open("panel/email.xhtml");
        assertTrue(pages.text("signInNeeded").contains(box.address()), pages.text("signInNeeded"));
        pages.open("panel/mailbox-settings.xhtml?id=" + id);
        assertTrue(pages.text("settings:signInNeeded").contains("AADSTS70000"));
        assertEquals("Microsoft Graph (Microsoft 365)", pages.text("settings:transport"));

        // A new sign-in is a new grant (the fake refuses only the revoked grant's refresh tokens).
        pages.click("settings:signInAgain");
        browser.waitFor().until(urlContains("mailbox-settings.xhtml"));
        pages.awaitText("messages", "is signed in again");
        JsonObject again = user.get(MAILBOXES + "/" + id).object();
        assertFalse(again.containsKey("signInNeededAt"), again::toString);
        assertNotEquals("FAILED", awaitEmails(user, id, 2).getString("status"));
    }

    @Test
    @DisplayName("SM-01 MO-01 a shared Microsoft 365 mailbox is reached with the connecting user's own sign-in: "
            + "refused with Graph's reason while its owner has not granted access, connected and loaded once granted")
    void sharedMailboxThroughOwnSignIn() {
        MicrosoftFake.Provider provider = MicrosoftFake.provider(admin, "MANUAL");
        FakeMailbox support = fakeMailbox(provider, "support");
        FakeMailbox lena = fakeMailbox(provider, "lena");
        graph.add(support.address(), support.inbox(), MicrosoftFake.message(support.address(), "Ticket 12", "Help"));
        ApiClient user = signInAsNewUser();

        signInWithMicrosoft(support.address(), lena.address());
        pages.awaitText("messages", "cannot open the mailbox " + support.address());
        assertTrue(pages.text("messages").contains("Access is denied"), pages.text("messages"));
        assertTrue(user.get(MAILBOXES).array().isEmpty(), "nothing connected");

        graph.grantAccess(support.address(), lena.address());
        signInWithMicrosoft(support.address(), lena.address());
        pages.awaitText("wizard:connectedText", "The mailbox " + support.address() + " is connected.");
        long id = user.get(MAILBOXES).array().getJsonObject(0).getJsonNumber("id").longValue();
        assertEquals(lena.address(), user.get(MAILBOXES + "/" + id).object().getString("login"));
        loadAll(user, id);
        LocalMail.syncNow(user, id);
        awaitEmails(user, id, 1);
        assertEquals(List.of("Ticket 12"), subjects(user, id));
    }

    @Test
    @DisplayName("MP-11 with a public https SiteUrl each synced folder subscribes to Graph's change notifications "
            + "(validation echoed, clientState kept): new mail arrives by itself; a forged notification changes "
            + "nothing; a removed subscription is made again")
    void changeNotifications() throws Exception {
        MicrosoftFake.Provider provider = MicrosoftFake.provider(admin);
        FakeMailbox box = fakeMailbox(provider, "nora");
        ApiClient user = signInAsNewUser();
        long id = connect(user, box.address());
        loadAll(user, id);
        ChatScenario settings = new ChatScenario(base);
        settings.setting("SiteUrl", ProviderFakes.SITE_URL);
        String actual = base.toString().replaceAll("/$", "");
        graph.deliverTo(ProviderFakes.SITE_URL, actual);
        LocalMail.syncNow(user, id);
        List<GraphFake.StoredSubscription> subscriptions = Awaitility.await("subscriptions").atMost(
                Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> graph.subscriptions().stream().filter(s -> s.resource().contains(box.address())
                        || s.resource().contains(URLEncoder.encode(box.address(), StandardCharsets.UTF_8)))
                        .toList(), list -> list.size() == 2);
        for (GraphFake.StoredSubscription subscription : subscriptions) {
            assertEquals(ProviderFakes.SITE_URL + "/hooks/microsoft/graph", subscription.notificationUrl());
            assertEquals(ProviderFakes.SITE_URL + "/hooks/microsoft/graph/lifecycle",
                    subscription.lifecycleNotificationUrl());
            assertTrue(subscription.clientState().length() >= 32, "a random clientState");
        }
        awaitEmails(user, id, 0);

        // Nobody asks for a sync: the notification does.
        graph.add(box.address(), box.inbox(), MicrosoftFake.message(box.address(), "Pushed", "Arrived by itself"));
        awaitEmails(user, id, 1);
        assertTrue(graph.deliveries().stream().anyMatch(d -> d.status() == 202), graph.deliveries()::toString);

        // A forged notification (wrong clientState) is answered and dropped: it asks for no sync.
        GraphFake.StoredSubscription inbox = subscriptions.stream()
                .filter(s -> s.resource().contains(box.inbox())).findFirst().orElseThrow();
        ApiResponse forged = ApiClient.anonymous(base).post("hooks/microsoft/graph", Json.createObjectBuilder()
                .add("value", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("subscriptionId", inbox.id()).add("clientState", "forged").add("changeType", "created")
                        .add("resource", "Users/x/Messages/y").add("tenantId", "t"))).build());
        assertEquals(202, forged.status(), forged::toString);
        ApiResponse malformed = ApiClient.anonymous(base).post("hooks/microsoft/graph", Json.createArrayBuilder()
                .build());
        assertEquals(400, malformed.status(), malformed::toString);

        // Graph removed the inbox's subscription: the sync it asks for subscribes again.
        graph.lifecycle(inbox.id(), "subscriptionRemoved");
        Awaitility.await("subscribed again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> graph.subscriptions().stream().filter(s -> s.resource().contains(box.inbox()))
                        .map(GraphFake.StoredSubscription::id).toList(), ids -> ids.size() == 1
                                && !ids.contains(inbox.id()));
    }

    @Test
    @DisplayName("MO-01 a callback whose state this session did not start is refused with a 400 page, and nothing is "
            + "connected")
    void forgedCallbackRefused() {
        ApiClient user = signInAsNewUser();
        pages.open("oauth/microsoft/callback?code=0.ARoAforged&state=forged-state");
        assertEquals("Sign-in not completed", pages.text("pageTitle"));
        assertTrue(user.get(MAILBOXES).array().isEmpty());
    }
}
