package org.switchboard.core.exchange;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.exchange.GraphMailClient.DeltaMessage;
import org.switchboard.core.exchange.GraphMailClient.DeltaPage;
import org.switchboard.core.exchange.GraphMailClient.MailFolder;

/**
 * MB-02, MB-03, SM-01: {@link HttpGraphMailClient} against the stateful Graph of {@link GraphFake}, signed in
 * through its Entra ID: the folder tree in pages, delta rounds and their expiry, throttling, links to another host,
 * streamed MIME, the MIME send and Graph's limit of concurrent requests per mailbox.
 */
class HttpGraphMailClientTest {

    private static final String ANNA = MicrosoftOAuthTest.ANNA;
    private static final String SUPPORT = "support@contoso.com";
    private static final long MB = 1024 * 1024;

    private GraphFake fake;
    private HttpGraphMailClient graph;
    private GraphMailbox anna;
    private String inbox;

    @BeforeEach
    void start() throws Exception {
        fake = new GraphFake();
        inbox = fake.mailbox(ANNA);
        fake.mailbox(SUPPORT);
        anna = MicrosoftOAuthTest.signedIn(fake, ANNA);
        graph = new HttpGraphMailClient(fake.graphUrl() + "/", 50 * MB);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static byte[] mail(String messageId, String text) {
        return ("Message-ID: " + messageId + "\r\nFrom: Bob <bob@example.com>\r\nTo: anna@contoso.com\r\n"
                + "Subject: " + text + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A whole delta round from {@code link} (null: a new one): every page, and the delta link that ends it. */
    private DeltaPage round(String link, int pageSize, List<Integer> pageSizes) {
        List<DeltaMessage> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        DeltaPage page = graph.delta(anna, inbox, link, pageSize);
        while (true) {
            changed.addAll(page.changed());
            removed.addAll(page.removedIds());
            pageSizes.add(page.changed().size() + page.removedIds().size());
            if (page.complete()) {
                assertNull(page.nextLink());
                return new DeltaPage(changed, removed, null, page.deltaLink());
            }
            page = graph.delta(anna, inbox, page.nextLink(), pageSize);
        }
    }

    @Test
    @DisplayName("MB-02: every folder with its child folders, across pages, with parent, well-known name and count")
    void foldersAcrossPages() {
        fake.folderPageSize(2);
        String projects = fake.folder(ANNA, null, "Projects");
        String alpha = fake.folder(ANNA, projects, "Alpha");
        fake.folder(ANNA, projects, "Beta");
        fake.folder(ANNA, projects, "Gamma");
        fake.folder(ANNA, alpha, "Drafts 2026");
        fake.folder(ANNA, null, "Archive");
        fake.add(ANNA, inbox, mail("<1@example.com>", "one"));
        fake.add(ANNA, inbox, mail("<2@example.com>", "two"));

        List<MailFolder> folders = graph.folders(anna);

        Map<String, MailFolder> byName = folders.stream().collect(Collectors.toMap(MailFolder::displayName,
                Function.identity()));
        assertEquals(Set.of("Sent Items", "Inbox", "Projects", "Archive", "Alpha", "Beta", "Gamma", "Drafts 2026"),
                byName.keySet());
        assertEquals(8, folders.size());
        assertEquals("inbox", byName.get("Inbox").wellKnownName());
        assertEquals("sentitems", byName.get("Sent Items").wellKnownName());
        assertNull(byName.get("Projects").wellKnownName());
        assertEquals(2, byName.get("Inbox").totalCount());
        assertEquals(3, byName.get("Projects").childFolderCount());
        assertEquals(projects, byName.get("Gamma").parentId());
        assertEquals(alpha, byName.get("Drafts 2026").parentId());
        assertEquals(byName.get("Inbox").parentId(), byName.get("Archive").parentId());
        assertTrue(folders.indexOf(byName.get("Projects")) < folders.indexOf(byName.get("Alpha"))
                && folders.indexOf(byName.get("Alpha")) < folders.indexOf(byName.get("Drafts 2026")),
                "parents come before their children");
    }

    @Test
    @DisplayName("MB-02: a first delta round returns every message in pages of odata.maxpagesize; its delta link then "
            + "returns only what was added, changed or deleted, and can be replayed")
    void deltaRounds() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(fake.add(ANNA, inbox, mail("<" + i + "@example.com>", "message " + i)));
        }
        String elsewhere = fake.folder(ANNA, null, "Elsewhere");
        fake.add(ANNA, elsewhere, mail("<other@example.com>", "not in the inbox"));

        List<Integer> pages = new ArrayList<>();
        DeltaPage first = round(null, 2, pages);

        assertEquals(List.of(2, 2, 1), pages);
        assertEquals(3, fake.deltaRequests(ANNA));
        assertEquals(ids, first.changed().stream().map(DeltaMessage::id).toList());
        assertEquals("<3@example.com>", first.changed().get(2).internetMessageId());
        assertNotNull(first.changed().get(0).receivedAt());
        assertEquals(List.of(), first.removedIds());

        String added = fake.add(ANNA, inbox, mail("<6@example.com>", "message 6"));
        fake.change(ANNA, ids.get(1));
        fake.delete(ANNA, ids.get(3));
        pages.clear();
        DeltaPage second = round(first.deltaLink(), 2, pages);

        assertEquals(Set.of(ids.get(1), added), second.changed().stream().map(DeltaMessage::id)
                .collect(Collectors.toSet()));
        assertEquals(List.of(ids.get(3)), second.removedIds());
        assertEquals(List.of(2, 1), pages);
        DeltaPage replayed = round(first.deltaLink(), 10, new ArrayList<>());
        assertEquals(second.changed(), replayed.changed(), "a delta link not yet committed can be used again");
        DeltaPage quiet = round(second.deltaLink(), 2, new ArrayList<>());
        assertEquals(List.of(), quiet.changed());
        assertEquals(List.of(), quiet.removedIds());
    }

    @Test
    @DisplayName("MB-02: an expired delta token (410 syncStateNotFound) is the resync outcome; a new round works")
    void deltaExpired() {
        fake.add(ANNA, inbox, mail("<1@example.com>", "one"));
        DeltaPage first = round(null, 10, new ArrayList<>());
        fake.expireDeltaTokens(ANNA);

        GraphException e = assertThrows(GraphException.class, () -> graph.delta(anna, inbox, first.deltaLink(), 10));

        assertEquals(GraphException.Outcome.DELTA_EXPIRED, e.outcome());
        assertTrue(e.getMessage().contains("410 syncStateNotFound"), e.getMessage());
        assertEquals(1, round(null, 10, new ArrayList<>()).changed().size());
    }

    @Test
    @DisplayName("MB-02: 429 and 503 with Retry-After are the throttled outcome carrying Graph's wait; no retry inside")
    void throttled() {
        fake.throttleNext(1, 429, 7);
        GraphException tooMany = assertThrows(GraphException.class, () -> graph.folders(anna));
        assertEquals(GraphException.Outcome.THROTTLED, tooMany.outcome());
        assertEquals(Duration.ofSeconds(7), tooMany.retryAfter());
        assertTrue(tooMany.getMessage().contains("TooManyRequests"), tooMany.getMessage());

        fake.throttleNext(1, 503, 30);
        GraphException unavailable = assertThrows(GraphException.class, () -> graph.delta(anna, inbox, null, 10));
        assertEquals(GraphException.Outcome.THROTTLED, unavailable.outcome());
        assertEquals(Duration.ofSeconds(30), unavailable.retryAfter());

        assertEquals(2, graph.folders(anna).size());
    }

    @Test
    @DisplayName("MB-02: a refused access token is the token-rejected outcome (the caller refreshes once)")
    void tokenRejected() {
        fake.expireAccessTokens();
        GraphException e = assertThrows(GraphException.class, () -> graph.folders(anna));
        assertEquals(GraphException.Outcome.TOKEN_REJECTED, e.outcome());
        assertTrue(!e.getMessage().contains(anna.accessToken()));
    }

    @Test
    @DisplayName("MB-02: a next or delta link to another host is refused, never followed with the token")
    void foreignLinks() {
        GraphException given = assertThrows(GraphException.class, () -> graph.delta(anna, inbox,
                "https://graph.example.net/v1.0/me/mailFolders/x/messages/delta?$deltatoken=abc", 10));
        assertEquals(GraphException.Outcome.REFUSED, given.outcome());
        assertTrue(given.getMessage().contains("graph.example.net"), given.getMessage());

        // The fake's own server under another name: followed, the call would succeed.
        fake.linksTo(fake.loginUrl().replace("localhost", "127.0.0.1"));
        fake.folderPageSize(1);
        GraphException paged = assertThrows(GraphException.class, () -> graph.folders(anna));
        assertEquals(GraphException.Outcome.REFUSED, paged.outcome());
        assertTrue(paged.getMessage().contains("127.0.0.1"), paged.getMessage());
    }

    @Test
    @DisplayName("MB-02: a 20 MB message's MIME is streamed through, byte for byte")
    void mimeStreamed() throws IOException {
        byte[] head = mail("<big@example.com>", "attachment follows").clone();
        byte[] big = Arrays.copyOf(head, 20 * (int) MB);
        Arrays.fill(big, head.length, big.length, (byte) 'A');
        String id = fake.add(ANNA, inbox, big);

        long count = 0;
        byte[] start = new byte[head.length];
        try (InputStream in = graph.mime(anna, id)) {
            count += in.readNBytes(start, 0, start.length);
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                count += n;
            }
        }

        assertEquals(20 * MB, count);
        assertArrayEquals(head, start);
        assertEquals(1, fake.mimeRequests(ANNA));
    }

    @Test
    @DisplayName("MB-02: reading past the configured maximum fails with a clear reason, and the slot is freed each "
            + "time")
    void mimeTooLarge() {
        String id = fake.add(ANNA, inbox, new byte[(int) (2 * MB)]);
        HttpGraphMailClient small = new HttpGraphMailClient(fake.graphUrl(), MB);
        for (int i = 0; i < HttpGraphMailClient.CONCURRENT_PER_MAILBOX + 1; i++) {
            IOException e = assertThrows(IOException.class, () -> {
                try (InputStream in = small.mime(anna, id)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            });
            assertEquals("The message is larger than the 1 MB allowed (switchboard.microsoft.mime-max-bytes)",
                    e.getMessage());
        }
        GraphException missing = assertThrows(GraphException.class, () -> small.mime(anna, "AAMkAGnone="));
        assertEquals(GraphException.Outcome.REFUSED, missing.outcome());
    }

    @Test
    @DisplayName("MB-03, SM-01: sendMail posts the base64 MIME as text/plain, Graph answers 202 and keeps it in Sent "
            + "Items; a shared mailbox sends through the user's token")
    void sendMail() {
        byte[] mime = mail("<reply@contoso.com>", "Re: your order");
        graph.sendMail(anna, mime);

        assertEquals(1, fake.sent(ANNA).size());
        assertArrayEquals(mime, fake.sent(ANNA).get(0));
        MailFolder sentItems = graph.folders(anna).stream().filter(f -> "sentitems".equals(f.wellKnownName()))
                .findFirst().orElseThrow();
        assertEquals(1, sentItems.totalCount());

        fake.grantAccess(SUPPORT, ANNA);
        GraphMailbox shared = new GraphMailbox(SUPPORT, true, anna.accessToken());
        graph.sendMail(shared, mail("<support@contoso.com>", "Ticket 42"));
        assertEquals(1, fake.sent(SUPPORT).size());
        assertEquals(1, fake.sent(ANNA).size());
    }

    @Test
    @DisplayName("SM-01: a shared mailbox the user was not given access to is refused (403 ErrorAccessDenied); once "
            + "granted, the same token reaches it")
    void sharedMailboxNeedsAccess() {
        GraphMailbox shared = new GraphMailbox(SUPPORT, true, anna.accessToken());

        GraphException denied = assertThrows(GraphException.class, () -> graph.folders(shared));

        assertEquals(GraphException.Outcome.REFUSED, denied.outcome());
        assertEquals("Microsoft Graph: HTTP 403 ErrorAccessDenied: Access is denied. Check credentials and try again.",
                denied.getMessage());
        assertEquals(2, graph.folders(anna).size(), "the user's own mailbox needs no grant");
        GraphMailbox ownAsShared = new GraphMailbox(ANNA, true, anna.accessToken());
        assertEquals(2, graph.folders(ownAsShared).size(), "nor does it through /users/{own address}");

        fake.grantAccess(SUPPORT, ANNA);
        assertEquals(2, graph.folders(shared).size());
    }

    @Test
    @DisplayName("MB-02: never more than 4 requests at once for one mailbox; another mailbox has its own 4")
    void fourPerMailbox() throws Exception {
        fake.grantAccess(SUPPORT, ANNA);
        GraphMailbox shared = new GraphMailbox(SUPPORT, true, anna.accessToken());
        ExecutorService callers = Executors.newFixedThreadPool(13);
        try {
            fake.hold();
            List<Future<List<MailFolder>>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(callers.submit(() -> graph.folders(anna)));
            }
            for (int i = 0; i < 3; i++) {
                calls.add(callers.submit(() -> graph.folders(shared)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> fake.inFlight(ANNA) == 4
                    && fake.inFlight(SUPPORT) == 3);
            fake.release();
            for (Future<List<MailFolder>> call : calls) {
                assertEquals(2, call.get().size());
            }
        } finally {
            fake.release();
            callers.shutdownNow();
        }
        assertEquals(4, fake.maxInFlight(ANNA));
        assertEquals(3, fake.maxInFlight(SUPPORT));
    }
}
