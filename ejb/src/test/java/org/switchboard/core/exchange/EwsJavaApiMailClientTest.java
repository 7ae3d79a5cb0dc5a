package org.switchboard.core.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.PropertySet;
import microsoft.exchange.webservices.data.core.enumeration.misc.ExchangeVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.exchange.EwsMailClient.FolderPage;
import org.switchboard.core.exchange.EwsMailClient.ItemPage;
import org.switchboard.core.exchange.EwsMailClient.SyncedFolder;
import org.switchboard.core.exchange.EwsMailClient.SyncedItem;
import org.switchboard.core.mailbox.FetchedMail;
import org.switchboard.core.mailbox.MailParser;

/**
 * MB-02, MB-03, SM-01: {@link EwsJavaApiMailClient} (ews-java-api 2.0 on Java 17) against the stateful Exchange of
 * {@link EwsFake}: the folder tree and folders' items synchronised in pages from sync states, a refused state, the MIME
 * read and parsed, the send kept in Sent Items, Basic, NTLM and bearer sign-in, throttling with its back-off, shared
 * mailboxes with and without access, unreachable and untrusted servers, and no secret in any text.
 */
class EwsJavaApiMailClientTest {

    private static final String ANNA = "anna@contoso.com";
    private static final String SUPPORT = "support@contoso.com";
    private static final String PASSWORD = "Winter-2026!";

    private EwsFake fake;
    private EwsJavaApiMailClient ews;
    private EwsMailbox anna;
    private String inbox;

    @BeforeEach
    void start() throws Exception {
        fake = new EwsFake();
        inbox = fake.mailbox(ANNA);
        fake.mailbox(SUPPORT);
        fake.password(ANNA, ANNA, PASSWORD);
        ews = new EwsJavaApiMailClient();
        anna = new EwsMailbox(fake.url(), ANNA, new EwsCredentials.Basic(ANNA, PASSWORD), false);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static byte[] mail(String messageId, String text) {
        return ("Message-ID: " + messageId + "\r\nFrom: Bob <bob@example.com>\r\nTo: anna@contoso.com\r\n"
                + "Subject: " + text + "\r\nDate: Mon, 4 May 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A whole sync from {@code state}: every page (their sizes into {@code pages}) and the last page's state. */
    private ItemPage syncAll(EwsMailbox mailbox, String folderId, String state, int maxChanges, List<Integer> pages) {
        List<SyncedItem> changed = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        ItemPage page;
        do {
            page = ews.syncItems(mailbox, folderId, state, maxChanges);
            changed.addAll(page.changed());
            deleted.addAll(page.deletedIds());
            pages.add(page.changed().size() + page.deletedIds().size());
            state = page.syncState();
        } while (page.moreAvailable());
        return new ItemPage(changed, deleted, state, false);
    }

    private static Map<String, SyncedFolder> byName(FolderPage page) {
        return page.changed().stream().collect(Collectors.toMap(SyncedFolder::displayName, Function.identity()));
    }

    @Test
    @DisplayName("MB-02: the first hierarchy sync lists every mail folder with parent, well-known name and count, and "
            + "no calendar; its state then gives only the folders created, renamed or deleted since")
    void folderHierarchy() {
        String projects = fake.folder(ANNA, null, "Projects");
        String alpha = fake.folder(ANNA, projects, "Alpha");
        fake.add(ANNA, inbox, mail("<1@example.com>", "one"));
        fake.add(ANNA, inbox, mail("<2@example.com>", "two"));

        FolderPage first = ews.folders(anna, null);

        Map<String, SyncedFolder> folders = byName(first);
        assertEquals(Set.of("Inbox", "Drafts", "Sent Items", "Deleted Items", "Junk Email", "Outbox", "Projects",
                "Alpha"), folders.keySet(), "mail folders only: the calendar is left out");
        assertEquals("inbox", folders.get("Inbox").wellKnownName());
        assertEquals(inbox, folders.get("Inbox").id());
        assertEquals("sentitems", folders.get("Sent Items").wellKnownName());
        assertEquals("junkemail", folders.get("Junk Email").wellKnownName());
        assertNull(folders.get("Projects").wellKnownName());
        assertEquals(2, folders.get("Inbox").totalCount());
        assertEquals(projects, folders.get("Alpha").parentId());
        assertEquals(folders.get("Inbox").parentId(), folders.get("Projects").parentId());
        assertEquals(List.of(), first.deletedIds());

        String beta = fake.folder(ANNA, projects, "Beta");
        fake.renameFolder(ANNA, alpha, "Alpha 2026");
        fake.deleteFolder(ANNA, projects);
        FolderPage second = ews.folders(anna, first.syncState());

        assertEquals(Set.of("Beta", "Alpha 2026"), byName(second).keySet());
        assertEquals(beta, byName(second).get("Beta").id());
        assertEquals(alpha, byName(second).get("Alpha 2026").id());
        assertEquals(List.of(projects), second.deletedIds());

        FolderPage quiet = ews.folders(anna, second.syncState());
        assertEquals(List.of(), quiet.changed());
        assertEquals(List.of(), quiet.deletedIds());
    }

    @Test
    @DisplayName("MB-02: the first sync of a folder returns every item in pages of maxChanges, with Message-ID and "
            + "received time, more available until the last page")
    void firstSyncInPages() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(fake.add(ANNA, inbox, mail("<" + i + "@example.com>", "message " + i)));
        }
        String elsewhere = fake.folder(ANNA, null, "Elsewhere");
        fake.add(ANNA, elsewhere, mail("<other@example.com>", "not in the inbox"));

        ItemPage page1 = ews.syncItems(anna, inbox, null, 2);
        ItemPage page2 = ews.syncItems(anna, inbox, page1.syncState(), 2);
        ItemPage page3 = ews.syncItems(anna, inbox, page2.syncState(), 2);

        assertEquals(List.of(2, 2, 1), List.of(page1.changed().size(), page2.changed().size(),
                page3.changed().size()));
        assertEquals(List.of(true, true, false), List.of(page1.moreAvailable(), page2.moreAvailable(),
                page3.moreAvailable()));
        List<SyncedItem> all = new ArrayList<>(page1.changed());
        all.addAll(page2.changed());
        all.addAll(page3.changed());
        assertEquals(ids, all.stream().map(SyncedItem::id).toList());
        assertEquals("<3@example.com>", all.get(2).internetMessageId());
        assertEquals(OffsetDateTime.parse("2026-05-04T08:02:00Z"), all.get(2).receivedAt());
        assertFalse(all.get(2).read());
        assertEquals(List.of(), page3.deletedIds());
    }

    @Test
    @DisplayName("MB-02: a later sync returns only what was added, changed, marked read or deleted since its state; "
            + "a state not yet committed can be used again")
    void laterSyncGivesChangesOnly() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(fake.add(ANNA, inbox, mail("<" + i + "@example.com>", "message " + i)));
        }
        ItemPage first = syncAll(anna, inbox, null, 10, new ArrayList<>());
        assertEquals(5, first.changed().size());

        String added = fake.add(ANNA, inbox, mail("<6@example.com>", "message 6"));
        fake.change(ANNA, ids.get(1));
        fake.markRead(ANNA, ids.get(2), true);
        fake.delete(ANNA, ids.get(3));
        String gone = fake.add(ANNA, inbox, mail("<7@example.com>", "added and deleted in between"));
        fake.delete(ANNA, gone);
        List<Integer> pages = new ArrayList<>();
        ItemPage second = syncAll(anna, inbox, first.syncState(), 2, pages);

        Map<String, SyncedItem> changed = second.changed().stream().collect(Collectors.toMap(SyncedItem::id,
                Function.identity()));
        assertEquals(Set.of(added, ids.get(1), ids.get(2)), changed.keySet());
        assertEquals("<6@example.com>", changed.get(added).internetMessageId());
        assertEquals("<2@example.com>", changed.get(ids.get(1)).internetMessageId());
        assertTrue(changed.get(ids.get(2)).read(), "a read-flag change carries the flag");
        assertNull(changed.get(ids.get(2)).internetMessageId(), "a read-flag change carries nothing else");
        assertEquals(List.of(ids.get(3)), second.deletedIds());
        assertEquals(List.of(2, 2), pages);

        ItemPage replayed = syncAll(anna, inbox, first.syncState(), 10, new ArrayList<>());
        assertEquals(second.changed(), replayed.changed());
        ItemPage quiet = ews.syncItems(anna, inbox, second.syncState(), 10);
        assertEquals(List.of(), quiet.changed());
        assertEquals(List.of(), quiet.deletedIds());
        assertFalse(quiet.moreAvailable());
    }

    @Test
    @DisplayName("MB-02: a sync state Exchange refuses (ErrorInvalidSyncStateData) is the resync outcome, for items "
            + "and folders; a sync from an empty state works again")
    void invalidSyncState() {
        fake.add(ANNA, inbox, mail("<1@example.com>", "one"));
        ItemPage items = ews.syncItems(anna, inbox, null, 10);
        FolderPage folders = ews.folders(anna, null);
        fake.invalidateSyncStates(ANNA);

        EwsException item = assertThrows(EwsException.class, () -> ews.syncItems(anna, inbox, items.syncState(), 10));
        EwsException folder = assertThrows(EwsException.class, () -> ews.folders(anna, folders.syncState()));

        assertEquals(EwsException.Outcome.SYNC_STATE_INVALID, item.outcome());
        assertEquals("ErrorInvalidSyncStateData", item.code());
        assertEquals("Exchange: ErrorInvalidSyncStateData: Synchronization state data is corrupt or otherwise invalid.",
                item.getMessage());
        assertEquals(EwsException.Outcome.SYNC_STATE_INVALID, folder.outcome());
        assertEquals(1, ews.syncItems(anna, inbox, null, 10).changed().size());
    }

    @Test
    @DisplayName("MB-02: an item's MIME is read byte for byte and parses into the message it was")
    void mimeReadAndParsed() throws Exception {
        byte[] source = mail("<mime@example.com>", "Invoice 42");
        String id = fake.add(ANNA, inbox, source);

        byte[] read;
        try (InputStream in = ews.mime(anna, id)) {
            read = in.readAllBytes();
        }
        FetchedMail parsed = MailParser.parse(new ByteArrayInputStream(read), 1, null, read.length, false);

        assertArrayEquals(source, read);
        assertEquals("mime@example.com", parsed.messageId());
        assertEquals("Invoice 42", parsed.subject());
        assertEquals("bob@example.com", parsed.from().address());
        EwsException missing = assertThrows(EwsException.class, () -> ews.mime(anna, "AAMkAGI2bm9uZQ==AAA="));
        assertEquals(EwsException.Outcome.REFUSED, missing.outcome());
        assertEquals("ErrorItemNotFound", missing.code());
    }

    @Test
    @DisplayName("MB-03: a MIME send goes out with SendAndSaveCopy and is kept in the mailbox's Sent Items")
    void sendSavesToSentItems() {
        byte[] mime = mail("<reply@contoso.com>", "Re: your order");
        String sentItems = fake.folderId(ANNA, "sentitems");

        ews.send(anna, mime);

        assertEquals(1, fake.sent(ANNA).size());
        assertArrayEquals(mime, fake.sent(ANNA).get(0));
        assertEquals(1, fake.count(ANNA, sentItems));
        SyncedItem kept = ews.syncItems(anna, sentItems, null, 10).changed().get(0);
        assertEquals("<reply@contoso.com>", kept.internetMessageId());
        assertTrue(fake.requests().get(0).contains("MessageDisposition=\"SendAndSaveCopy\""));
    }

    @Test
    @DisplayName("MB-02: a wrong password is the sign-in-failed outcome (401), and neither password is in its text")
    void wrongPassword() {
        EwsMailbox wrong = anna.withCredentials(new EwsCredentials.Basic(ANNA, "Summer-2025?"));

        EwsException e = assertThrows(EwsException.class, () -> ews.folders(wrong, null));

        assertEquals(EwsException.Outcome.SIGN_IN_FAILED, e.outcome());
        assertEquals("HTTP 401", e.code());
        assertFalse(e.getMessage().contains("Summer-2025?") || e.getMessage().contains(PASSWORD), e.getMessage());
        assertEquals(List.of(), fake.requests(), "nothing reached EWS");
    }

    @Test
    @DisplayName("MB-02: a bearer token the server accepts signs in; once revoked it is the sign-in-failed outcome")
    void bearerToken() {
        String token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.ews-access.signature";
        fake.acceptToken(token, ANNA);
        EwsMailbox oauth = anna.withCredentials(new EwsCredentials.Bearer(token));
        fake.add(ANNA, inbox, mail("<1@example.com>", "one"));

        assertEquals(1, ews.syncItems(oauth, inbox, null, 10).changed().size());

        fake.revokeToken(token);
        EwsException e = assertThrows(EwsException.class, () -> ews.syncItems(oauth, inbox, null, 10));
        assertEquals(EwsException.Outcome.SIGN_IN_FAILED, e.outcome());
        assertFalse(e.getMessage().contains(token), e.getMessage());
    }

    @Test
    @DisplayName("MB-02: NTLM signs in with a real NTLMv2 challenge and response; a wrong password is refused")
    void ntlm() {
        fake.ntlmUser(ANNA, "anna", PASSWORD);
        EwsMailbox windows = anna.withCredentials(new EwsCredentials.Ntlm("anna", PASSWORD, fake.ntlmDomain()));
        fake.add(ANNA, inbox, mail("<1@example.com>", "one"));

        assertEquals(1, ews.syncItems(windows, inbox, null, 10).changed().size());
        assertEquals("inbox", byName(ews.folders(windows, null)).get("Inbox").wellKnownName(),
                "the second request on the NTLM connection is signed in too");

        EwsMailbox wrong = anna.withCredentials(new EwsCredentials.Ntlm("anna", "Summer-2025?", fake.ntlmDomain()));
        EwsException e = assertThrows(EwsException.class, () -> ews.syncItems(wrong, inbox, null, 10));
        assertEquals(EwsException.Outcome.SIGN_IN_FAILED, e.outcome());
    }

    @Test
    @DisplayName("MB-02: ErrorServerBusy is the throttled outcome carrying Exchange's BackOffMilliseconds; no retry "
            + "inside")
    void throttled() {
        fake.busyNext(1, 297_749);

        EwsException e = assertThrows(EwsException.class, () -> ews.syncItems(anna, inbox, null, 10));

        assertEquals(EwsException.Outcome.THROTTLED, e.outcome());
        assertEquals("ErrorServerBusy", e.code());
        assertEquals(Duration.ofMillis(297_749), e.backOff());
        assertEquals(1, fake.requests().size(), "not retried");
        assertEquals(List.of(), ews.syncItems(anna, inbox, null, 10).changed());
    }

    @Test
    @DisplayName("SM-01: a shared mailbox is reached with the user's own sign-in only when granted (ErrorAccessDenied "
            + "before); then its folders and items sync and a send goes out from, and is kept in, the shared mailbox")
    void sharedMailbox() {
        EwsMailbox shared = new EwsMailbox(fake.url(), SUPPORT, anna.credentials(), true);
        String supportInbox = fake.folderId(SUPPORT, "inbox");
        fake.add(SUPPORT, supportInbox, mail("<ticket@example.com>", "Ticket 42"));

        EwsException denied = assertThrows(EwsException.class, () -> ews.folders(shared, null));
        assertEquals(EwsException.Outcome.REFUSED, denied.outcome());
        assertEquals("ErrorAccessDenied", denied.code());
        assertEquals(EwsException.Outcome.REFUSED, assertThrows(EwsException.class,
                () -> ews.syncItems(shared, supportInbox, null, 10)).outcome());

        fake.grant(SUPPORT, ANNA);
        Map<String, SyncedFolder> folders = byName(ews.folders(shared, null));
        assertEquals(supportInbox, folders.get("Inbox").id());
        assertEquals("inbox", folders.get("Inbox").wellKnownName());
        assertEquals("<ticket@example.com>", ews.syncItems(shared, supportInbox, null, 10).changed().get(0)
                .internetMessageId());
        ews.send(shared, mail("<answer@contoso.com>", "Re: Ticket 42"));

        assertEquals(1, fake.sent(SUPPORT).size());
        assertEquals(List.of(), fake.sent(ANNA));
        assertEquals(1, fake.count(SUPPORT, fake.folderId(SUPPORT, "sentitems")));
        String request = fake.requests().get(fake.requests().size() - 1);
        assertTrue(request.contains("<t:EmailAddress>support@contoso.com</t:EmailAddress>"), request);
        assertFalse(request.contains("ExchangeImpersonation"), "reached as another mailbox, not impersonated");
    }

    @Test
    @DisplayName("MB-02: no answer from the server is the unavailable outcome")
    void unreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EwsMailbox nowhere = new EwsMailbox(URI.create("http://localhost:" + port + EwsFake.PATH), ANNA,
                anna.credentials(), false);

        EwsException e = assertThrows(EwsException.class, () -> ews.folders(nowhere, null));

        assertEquals(EwsException.Outcome.UNAVAILABLE, e.outcome());
        assertEquals("Exchange is not reachable: the connection failed", e.getMessage());
    }

    @Test
    @DisplayName("MB-02: no password or token in the credentials', the mailbox's or an exception's text")
    void secretsStayHidden() {
        EwsCredentials.Ntlm ntlm = new EwsCredentials.Ntlm("anna", PASSWORD, "CONTOSO");
        EwsCredentials.Bearer bearer = new EwsCredentials.Bearer("eyJ0eXAi.secret-token");

        assertEquals("Basic[user=anna@contoso.com, password=***]", anna.credentials().toString());
        assertEquals("Ntlm[user=anna, domain=CONTOSO, password=***]", ntlm.toString());
        assertEquals("Bearer[accessToken=***]", bearer.toString());
        assertEquals("EwsMailbox[url=" + fake.url() + ", address=anna@contoso.com, credentials=Basic[user="
                + "anna@contoso.com, password=***], shared=false]", anna.toString());
        assertThrows(IllegalArgumentException.class, () -> new EwsMailbox(URI.create("https://anna:" + PASSWORD
                + "@mail.contoso.com/EWS/Exchange.asmx"), ANNA, ntlm, false));
        EwsException refused = assertThrows(EwsException.class, () -> ews.folders(anna.withCredentials(bearer),
                null));
        assertNotNull(refused.getMessage());
        assertFalse(refused.getMessage().contains("secret-token"), refused.getMessage());
    }

    @Test
    @DisplayName("MB-02: a self-signed TLS certificate, which ews-java-api alone accepts, is refused before anything "
            + "is sent")
    void untrustedCertificate(@TempDir Path dir) throws Exception {
        char[] secret = "changeit".toCharArray();
        Path store = dir.resolve("exchange.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "exchange", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                store.toString(), "-storepass", "changeit").redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.log").toFile()).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool made the key");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, secret);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, secret);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("localhost", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        AtomicInteger reached = new AtomicInteger();
        server.createContext("/", exchange -> {
            reached.incrementAndGet();
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("https://localhost:" + server.getAddress().getPort() + EwsFake.PATH);
            EwsException e = assertThrows(EwsException.class, () -> ews.folders(new EwsMailbox(url, ANNA,
                    anna.credentials(), false), null));

            assertEquals(EwsException.Outcome.REFUSED, e.outcome());
            assertEquals("TLS", e.code());
            assertEquals(0, reached.get(), "no request, so no password, went to the impostor");
            try (ExchangeService stock = new ExchangeService(ExchangeVersion.Exchange2010_SP2)) {
                stock.setUrl(url);
                assertThrows(Exception.class, () -> stock.syncFolderHierarchy(PropertySet.IdOnly, null));
            }
            assertEquals(1, reached.get(), "ews-java-api's own trust manager let the request through");
        } finally {
            server.stop(0);
        }
    }
}
