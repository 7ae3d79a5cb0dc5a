package org.switchboard.core.mailbox;

import jakarta.mail.MessagingException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.core.common.Pkce;
import org.switchboard.core.exchange.EntraException;
import org.switchboard.core.exchange.GraphException;
import org.switchboard.core.exchange.GraphMailClient;
import org.switchboard.core.exchange.GraphMailClient.DeltaMessage;
import org.switchboard.core.exchange.GraphMailClient.DeltaPage;
import org.switchboard.core.exchange.GraphMailClient.MailFolder;
import org.switchboard.core.exchange.GraphMailbox;
import org.switchboard.core.exchange.MicrosoftTokenStore;

/**
 * One sync run of a Microsoft 365 mailbox over Microsoft Graph (MB-02, SM-01): the folder tree from
 * {@code mailFolders} (a folder's name is its path, {@code Inbox/Projects}; a parent does not include its
 * subfolders), then for each folder to sync its {@code messages/delta} round, page by page. A page's new messages are
 * read from their MIME ({@code $value}) through the same {@link MailParser} as IMAP mail and stored together with the
 * link that follows them (the next page's, or the round's delta link), in one transaction: a crash repeats one page at
 * most, and a repeated message is known by its Message-ID (the dedupe key) before it is downloaded. A 410 (the delta
 * token expired) starts the folder's round again, which stores nothing twice for the same reason. Throttling (429,
 * 503) waits as Graph asks, a refused access token is refreshed once, and messages older than the load period are
 * left out. The mailbox is always reached by its address ({@code /users/{address}}), so a sign-in as another account
 * can never load that account's mail instead: a shared mailbox works the same way through the connecting user's
 * {@code .Shared} permissions. Not a bean: {@link MailboxSyncService} makes one per run.
 */
final class GraphMailboxSync {

    private static final Logger LOG = Logger.getLogger(GraphMailboxSync.class.getName());
    /** Messages asked for per delta page ({@code Prefer: odata.maxpagesize}). */
    static final int PAGE_SIZE = 50;
    /** How many throttled answers in a row one call waits out before the run gives up until the next. */
    private static final int THROTTLE_WAITS = 5;
    /** The longest wait a {@code Retry-After} gets; without one, this short back-off. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(2);
    /** MP-11: a subscription is renewed when it expires within this (Graph keeps one at most 10,070 minutes). */
    static final Duration RENEW_BEFORE = Duration.ofDays(1);
    /** MP-11: after Graph refused a subscription, the next attempt waits this long. */
    static final Duration RETRY = Duration.ofDays(1);

    private final GraphMailClient graph;
    private final MicrosoftTokenStore tokens;
    private final MailboxSyncStore store;
    private final Charset fallback;
    private final MailSpool spool;
    private final Clock clock;
    private GraphMailbox mailbox;
    private int loaded;
    private int planned;

    GraphMailboxSync(GraphMailClient graph, MicrosoftTokenStore tokens, MailboxSyncStore store, Charset fallback,
            MailSpool spool, Clock clock) {
        this.clock = clock;
        this.graph = graph;
        this.tokens = tokens;
        this.store = store;
        this.fallback = fallback;
        this.spool = spool;
    }

    /** What a run did. */
    record Result(int folders, int stored) {
    }

    /**
     * Syncs the plan's mailbox.
     *
     * @throws GraphException when Graph failed beyond what the run handles (unreachable, refusing, throttling on)
     * @throws EntraException when no access token could be had ({@code SIGN_IN_AGAIN}: the mailbox is flagged)
     */
    Result run(SyncPlan plan) {
        mailbox = new GraphMailbox(plan.address(), true, tokens.accessToken(plan.mailboxId()));
        List<MailFolder> folders = call(plan, box -> graph.folders(box));
        Map<String, String> paths = paths(folders);
        Map<String, String> idsByPath = new LinkedHashMap<>();
        paths.forEach((id, path) -> idsByPath.put(path, id));
        store.recordRemoteFolders(plan.mailboxId(), idsByPath);
        int synced = 0;
        for (MailFolder folder : folders) {
            String path = paths.get(folder.id());
            if (path == null || !plan.syncs(path)) {
                continue;
            }
            planned += (int) Math.min(Integer.MAX_VALUE - planned, folder.totalCount());
            syncFolder(plan, folder.id(), path);
            keepSubscribed(plan, folder.id(), path);
            synced++;
        }
        return new Result(synced, loaded);
    }

    private void syncFolder(SyncPlan plan, String folderId, String path) {
        SyncPlan.RemoteCursor cursor = plan.remoteCursor(path);
        // A folder the service recreated under a new id starts a new round (the old link names the old folder).
        String link = folderId.equals(cursor.remoteId()) ? cursor.syncState() : null;
        long lastUid = cursor.lastUid();
        boolean restarted = false;
        while (true) {
            DeltaPage page;
            try {
                String from = link;
                page = call(plan, box -> graph.delta(box, folderId, from, PAGE_SIZE));
            } catch (GraphException e) {
                if (e.outcome() != GraphException.Outcome.DELTA_EXPIRED || restarted) {
                    throw e;
                }
                LOG.info(() -> "Mailbox " + plan.mailboxId() + ", folder " + path
                        + ": the delta token expired; the folder's round starts again (nothing is stored twice)");
                link = null;
                restarted = true;
                continue;
            }
            List<FetchedMail> mails = new ArrayList<>();
            List<SkippedMail> skipped = new ArrayList<>();
            lastUid = read(plan, path, page.changed(), lastUid, mails, skipped);
            String state = page.complete() ? page.deltaLink() : page.nextLink();
            long uid = lastUid;
            BatchFallback.Outcome outcome = BatchFallback.store(mails, skipped, new BatchFallback.Store() {
                @Override
                public int batch(List<FetchedMail> batch, List<SkippedMail> unreadable) {
                    return store.storeRemote(plan, path, batch, unreadable, state, uid, planned, loaded);
                }

                @Override
                public int alone(FetchedMail mail) {
                    return store.storeAlone(plan, path, mail, MailboxSyncStore.REMOTE_EPOCH, false);
                }
            });
            spool.release(mails);
            loaded += outcome.added();
            if (page.complete()) {
                return;
            }
            link = page.nextLink();
        }
    }

    /**
     * MP-11: keeps the folder subscribed to Graph's change notifications while {@code SiteUrl} is a public https
     * address and the mailbox loads automatically: subscribes (a new random clientState, encrypted at rest) when it
     * has none, renews a day before expiry (or when Graph asked to reauthorize), subscribes again when Graph no longer
     * has it, and deletes it when notifications are off. A refusal (a shared mailbox: delegated tokens cannot
     * subscribe to it; a notification URL Graph cannot reach) is recorded and tried again a day later; the interval's
     * polling covers the folder meanwhile. Runs inside the mailbox's sync claim: once across nodes.
     */
    private void keepSubscribed(SyncPlan plan, String folderId, String path) {
        SyncPlan.RemoteCursor cursor = plan.remoteCursor(path);
        OffsetDateTime now = OffsetDateTime.now(clock);
        try {
            if (plan.hooksUrl() == null) {
                if (cursor.subscriptionId() != null) {
                    call(plan, box -> {
                        graph.unsubscribe(box, cursor.subscriptionId());
                        return null;
                    });
                    store.subscription(plan, path, null, null, null, null);
                }
                return;
            }
            if (cursor.subscriptionRefusedAt() != null && cursor.subscriptionRefusedAt().isAfter(now.minus(RETRY))) {
                return;
            }
            if (cursor.subscriptionId() != null && folderId.equals(cursor.remoteId())) {
                if (cursor.subscriptionExpiresAt() != null
                        && cursor.subscriptionExpiresAt().isAfter(now.plus(RENEW_BEFORE))) {
                    return;
                }
                try {
                    GraphMailClient.Subscription renewed = call(plan,
                            box -> graph.renew(box, cursor.subscriptionId(), null));
                    store.subscriptionRenewed(cursor.subscriptionId(), renewed.expiresAt());
                    return;
                } catch (GraphException e) {
                    if (e.outcome() != GraphException.Outcome.SUBSCRIPTION_GONE) {
                        throw e;
                    }
                }
            }
            String clientState = Pkce.random(32);
            GraphMailClient.Subscription created = call(plan, box -> graph.subscribe(box, folderId,
                    plan.hooksUrl() + GraphHooks.PATH, plan.hooksUrl() + GraphHooks.LIFECYCLE_PATH, clientState, null));
            store.subscription(plan, path, created.id(), clientState, created.expiresAt(), null);
            LOG.fine(() -> "Mailbox " + plan.mailboxId() + ", folder " + path + ": subscribed to Graph's change "
                    + "notifications until " + created.expiresAt());
        } catch (GraphException e) {
            if (e.outcome() == GraphException.Outcome.REFUSED) {
                store.subscription(plan, path, null, null, null, now);
                LOG.info(() -> "Mailbox " + plan.mailboxId() + ", folder " + path + ": Graph refused change "
                        + "notifications (" + e.getMessage() + "); the folder is polled every interval");
            } else {
                LOG.info(() -> "Mailbox " + plan.mailboxId() + ", folder " + path + ": the subscription to Graph's "
                        + "change notifications is tried again next sync: " + e.getMessage());
            }
        }
    }

    /**
     * Downloads and parses a page's messages that are new to the mailbox and within the load period, giving each the
     * folder's next UID; a message that cannot be read goes to {@code skipped} with the parser's words, one that was
     * deleted meanwhile is left out.
     *
     * @return the folder's last UID after them
     */
    private long read(SyncPlan plan, String path, List<DeltaMessage> changed, long lastUid, List<FetchedMail> mails,
            List<SkippedMail> skipped) {
        OffsetDateTime since = plan.loadSince();
        List<DeltaMessage> wanted = new ArrayList<>();
        for (DeltaMessage message : changed) {
            if (since == null || message.receivedAt() == null || !message.receivedAt().isBefore(since)) {
                wanted.add(message);
            }
        }
        List<String> keys = new ArrayList<>();
        for (DeltaMessage message : wanted) {
            String key = key(message);
            if (key != null) {
                keys.add(key);
            }
        }
        Set<String> known = new HashSet<>(keys.isEmpty() ? Set.of() : store.keysStored(plan.mailboxId(), keys));
        long uid = lastUid;
        for (DeltaMessage message : wanted) {
            String key = key(message);
            // Changed (read, flagged, moved within the folder) or already stored from another folder: nothing to load.
            if (key != null && !known.add(key)) {
                continue;
            }
            long next = uid + 1;
            try {
                FetchedMail mail = download(plan, message, next);
                if (mail != null) {
                    mails.add(mail);
                    uid = next;
                }
            } catch (GraphException e) {
                if (e.outcome() != GraphException.Outcome.REFUSED) {
                    throw e;
                }
                skipped.add(new SkippedMail(next, "Microsoft Graph refused the message: " + e.getMessage()));
                uid = next;
            } catch (IOException | MessagingException | RuntimeException e) {
                String reason = MailFailure.unreadable(e);
                LOG.log(Level.WARNING, e, () -> "Mailbox " + plan.mailboxId() + ", folder " + path
                        + ": a message could not be read and is skipped: " + reason);
                skipped.add(new SkippedMail(next, reason));
                uid = next;
            }
        }
        return uid;
    }

    /** The message parsed from its MIME, in memory or, above the spool's threshold, from a spooled file. */
    private FetchedMail download(SyncPlan plan, DeltaMessage message, long uid) throws IOException, MessagingException {
        Date received = message.receivedAt() == null ? null : Date.from(message.receivedAt().toInstant());
        try (InputStream mime = new BufferedInputStream(call(plan, box -> graph.mime(box, message.id())))) {
            byte[] head = mime.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, spool.above() + 1));
            if (head.length <= spool.above()) {
                return MailParser.parse(new ByteArrayInputStream(head), uid, received, head.length, false,
                        fallback);
            }
            Path file = spool.newFile("message-");
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(head);
                mime.transferTo(out);
            }
            return MailParser.parse(file, uid, received, Files.size(file), false, fallback, spool);
        }
    }

    /** The dedupe key Graph's {@code internetMessageId} gives, as the parser takes it from the Message-ID. */
    private static String key(DeltaMessage message) {
        return MailParser.firstId(message.internetMessageId());
    }

    /**
     * One Graph call with the run's token: throttling waited out as Graph asks (a few times at most), a refused token
     * replaced once by a refreshed one.
     */
    private <T> T call(SyncPlan plan, Function<GraphMailbox, T> request) {
        boolean refreshed = false;
        int waits = 0;
        while (true) {
            try {
                return request.apply(mailbox);
            } catch (GraphException e) {
                if (e.outcome() == GraphException.Outcome.TOKEN_REJECTED && !refreshed) {
                    refreshed = true;
                    mailbox = mailbox.withToken(tokens.replaceRejected(plan.mailboxId(), mailbox.accessToken()));
                    continue;
                }
                if (e.outcome() == GraphException.Outcome.THROTTLED && waits++ < THROTTLE_WAITS) {
                    pause(e.retryAfter());
                    continue;
                }
                throw e;
            }
        }
    }

    /** Graph asked to wait: the sync's own background thread waits, holding no transaction and no connection. */
    private static void pause(Duration asked) {
        Duration wait = asked == null ? DEFAULT_WAIT : asked.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : asked;
        try {
            Thread.sleep(Math.max(0, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(GraphException.Outcome.UNAVAILABLE, "interrupted while Graph asked to wait");
        }
    }

    /** Each folder's path from the top ({@code Inbox/Projects}), by id; a folder whose parent is not listed is top. */
    static Map<String, String> paths(List<MailFolder> folders) {
        Map<String, MailFolder> byId = new HashMap<>();
        folders.forEach(f -> byId.put(f.id(), f));
        Map<String, String> paths = new LinkedHashMap<>();
        for (MailFolder folder : folders) {
            StringBuilder path = new StringBuilder(folder.displayName().replace("/", "\u2215"));
            Set<String> seen = new HashSet<>(Set.of(folder.id()));
            for (MailFolder parent = byId.get(folder.parentId()); parent != null && seen.add(parent.id());
                    parent = byId.get(parent.parentId())) {
                path.insert(0, parent.displayName().replace("/", "\u2215") + "/");
            }
            paths.put(folder.id(), path.toString());
        }
        return paths;
    }
}
