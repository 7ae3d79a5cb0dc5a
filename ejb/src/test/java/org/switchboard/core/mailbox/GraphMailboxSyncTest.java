package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.exchange.GraphFake;
import org.switchboard.core.exchange.MicrosoftTokenStore;

/**
 * The Graph sync's crash safety and dedupe (MB-02), with the real {@link GraphMailboxSync} and Graph client against the
 * stateful Graph fake, and a store that keeps in memory what the database would, committing each page with its link
 * as the real one does, and that can "die" before a commit: a run killed mid-way resumes from the last committed link
 * and ends with every message stored exactly once, downloading at most one page again; an expired delta token (410)
 * restarts the round without storing anything twice or downloading known messages; a mailbox beyond Graph's request
 * quota is synced by waiting as Graph asks; the load period is honoured.
 */
class GraphMailboxSyncTest {

    private static final String ADDRESS = "anna@contoso.example";

    @TempDir
    Path spoolRoot;

    private GraphFake fake;
    /** The container's pool: downloads four at a time, a page stored while the next is read. */
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private String inbox;
    private MemoryStore store;

    @BeforeEach
    void setUp() throws Exception {
        fake = new GraphFake();
        inbox = fake.mailbox(ADDRESS);
        store = new MemoryStore();
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        fake.close();
    }

    private void add(int count, String prefix) {
        for (int i = 0; i < count; i++) {
            fake.add(ADDRESS, inbox, ("Message-ID: <" + prefix + i + "-" + UUID.randomUUID() + "@example.org>\r\n"
                    + "From: bob@example.org\r\nTo: " + ADDRESS + "\r\nSubject: " + prefix + " " + i + "\r\n"
                    + "Content-Type: text/plain\r\n\r\nBody " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private RemoteMailboxSync.Result run(OffsetDateTime loadSince) throws Exception {
        try (MailSpool spool = new MailSpool(spoolRoot, MailSpool.DEFAULT_ABOVE)) {
            return new GraphMailboxSync(fake.client(), new FakeTokens(token()), store, MailParser.DEFAULT_FALLBACK,
                    spool, Clock.systemUTC()).downloadingOn(pool).run(store.plan(loadSince));
        }
    }

    private String token() {
        return fake.accessToken(ADDRESS);
    }

    @Test
    @DisplayName("MB-02 a Graph sync killed before a page's commit resumes from the last committed link: every "
            + "message once, at most two pages downloaded again (the one being stored and the one read meanwhile)")
    void killedMidSyncResumes() throws Exception {
        add(120, "Order");
        // Killed before the commit of the Inbox's second page.
        store.dieWhenHolding = GraphMailboxSync.PAGE_SIZE;

        assertThrows(Killed.class, () -> run(null));
        assertEquals(GraphMailboxSync.PAGE_SIZE, store.inserted.size(), "the first page was committed");
        run(null);

        assertEquals(120, store.inserted.size());
        assertEquals(120, new HashSet<>(store.inserted).size(), "nothing stored twice");
        assertTrue(fake.mimeRequests(ADDRESS) <= 120 + 2 * GraphMailboxSync.PAGE_SIZE,
                "downloads: " + fake.mimeRequests(ADDRESS));
    }

    @Test
    @DisplayName("MB-02 an expired delta token (410) restarts the folder's round: the new messages are stored, the "
            + "known ones neither stored nor downloaded again")
    void expiredDeltaRestarts() throws Exception {
        add(30, "Invoice");
        run(null);
        int downloads = fake.mimeRequests(ADDRESS);
        add(5, "Reminder");
        fake.expireDeltaTokens(ADDRESS);

        run(null);

        assertEquals(35, store.inserted.size());
        assertEquals(35, new HashSet<>(store.inserted).size());
        assertEquals(5, fake.mimeRequests(ADDRESS) - downloads, "only the new messages are downloaded");
    }

    @Test
    @DisplayName("MB-02 a mailbox that needs more requests than Graph's per-mailbox quota allows syncs completely: "
            + "each refused call waits as Graph asks, every message is stored once")
    void requestQuota() throws Exception {
        add(70, "Quote");
        // Graph allows 10,000 calls in 10 minutes per mailbox; scaled down: 20 a second, for 70 downloads.
        fake.quota(20, Duration.ofSeconds(1));

        RemoteMailboxSync.Result result = run(null);

        assertEquals(70, result.stored());
        assertEquals(70, new HashSet<>(store.inserted).size());
        assertTrue(fake.overQuota() > 0, "the quota refused calls");
    }

    @Test
    @DisplayName("MB-02 messages received before the load period are left out, later ones loaded")
    void loadPeriod() throws Exception {
        add(10, "Old");
        OffsetDateTime since = OffsetDateTime.ofInstant(GraphFake.RECEIVED_BASE, ZoneOffset.UTC).plusMinutes(6);

        run(since);

        assertEquals(List.of("Old 6", "Old 7", "Old 8", "Old 9"), store.subjects.stream().sorted().toList());
    }

    /** The run's access token; Graph never refuses it here. */
    private static final class FakeTokens extends MicrosoftTokenStore {
        private final String token;

        FakeTokens(String token) {
            this.token = token;
        }

        @Override
        public String accessToken(long mailboxId) {
            return token;
        }

        @Override
        public String replaceRejected(long mailboxId, String rejected) {
            throw new AssertionError("the fake's token was refused");
        }
    }

    /** The node dies: nothing of the run goes on (an Error, so that no fallback of the run catches it). */
    private static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    /** What the database would hold: folders, cursors, stored dedupe keys; each page "commits" or the run dies. */
    private static final class MemoryStore extends MailboxSyncStore {
        final List<String> inserted = new ArrayList<>();
        final List<String> subjects = new ArrayList<>();
        final Map<String, String> folderIds = new LinkedHashMap<>();
        final Map<String, SyncPlan.RemoteCursor> cursors = new HashMap<>();
        final Set<String> keys = new HashSet<>();
        /** Dies before the first commit of messages once this many are stored; negative: never. */
        int dieWhenHolding = -1;

        synchronized SyncPlan plan(OffsetDateTime loadSince) {
            return new SyncPlan(1, ADDRESS, List.of("anna"), null, ADDRESS, null, true, Set.of(), Map.of(),
                    FolderCursor.initial(loadSince), MailTransport.GRAPH, Map.copyOf(cursors), loadSince, null, null);
        }

        @Override
        public synchronized void recordRemoteFolders(long mailboxId, Map<String, String> idsByPath) {
            idsByPath.forEach((path, id) -> {
                folderIds.put(path, id);
                cursors.putIfAbsent(path, new SyncPlan.RemoteCursor(id, null, 0, null, null, null));
            });
        }

        @Override
        public synchronized Set<String> keysStored(long mailboxId, List<String> asked) {
            Set<String> found = new HashSet<>(asked);
            found.retainAll(keys);
            return found;
        }

        @Override
        public synchronized int storeRemote(SyncPlan plan, String folderName, List<FetchedMail> mails,
                List<SkippedMail> skipped, String syncState, long lastUid, int plannedSoFar, int loadedSoFar) {
            if (dieWhenHolding >= 0 && inserted.size() >= dieWhenHolding && !mails.isEmpty()) {
                dieWhenHolding = -1;
                throw new Killed();
            }
            int added = 0;
            for (FetchedMail mail : mails) {
                if (keys.add(mail.dedupeKey())) {
                    inserted.add(mail.dedupeKey());
                    subjects.add(mail.subject());
                    added++;
                }
            }
            cursors.put(folderName, new SyncPlan.RemoteCursor(folderIds.get(folderName), syncState, lastUid, null,
                    null, null));
            return added;
        }

        @Override
        public synchronized int storeAlone(SyncPlan plan, String folderName, FetchedMail mail, long uidValidity,
                boolean resync) {
            throw new AssertionError("no batch fails in these tests");
        }
    }
}
