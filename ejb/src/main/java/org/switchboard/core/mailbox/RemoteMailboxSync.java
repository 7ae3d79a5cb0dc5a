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
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One sync run of a mailbox whose service keeps the sync state (MB-02): Microsoft Graph's delta links
 * ({@link GraphMailboxSync}) or EWS's SyncState ({@link EwsMailboxSync}). The service's folder tree names the folders
 * by path ({@code Inbox/Projects}; a parent does not include its subfolders); each folder to sync is read page by
 * page from its stored state, and a page's new messages are read from their MIME through the same
 * {@link MailParser} as IMAP mail and stored together with the state that follows them, in one transaction: a crash
 * repeats one page at most, and a repeated message is known by its Message-ID (the dedupe key) before it is
 * downloaded. A state the service no longer knows starts the folder again, which stores nothing twice for the same
 * reason. Messages received before the load period are left out. Not a bean: {@link MailboxSyncService} makes one
 * per run.
 */
abstract class RemoteMailboxSync {

    private static final Logger LOG = Logger.getLogger(RemoteMailboxSync.class.getName());
    /** The longest wait a service's back-off gets; without one, this short back-off. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(2);
    /** Messages downloaded at once: Graph's limit of concurrent requests per mailbox. */
    static final int PARALLEL = 4;

    private final MailboxSyncStore store;
    private final Charset fallback;
    private final MailSpool spool;
    private ExecutorService executor;
    private int loaded;
    private int planned;

    RemoteMailboxSync(MailboxSyncStore store, Charset fallback, MailSpool spool) {
        this.store = store;
        this.fallback = fallback;
        this.spool = spool;
    }

    /** Downloads a page's messages {@link #PARALLEL} at a time on this pool (the container's managed executor). */
    RemoteMailboxSync downloadingOn(ExecutorService pool) {
        this.executor = pool;
        return this;
    }

    /** What a run did. */
    record Result(int folders, int stored) {
    }

    /** A folder as the service lists it. */
    record Folder(String id, String parentId, String displayName, long totalCount) {
    }

    /** An item new or changed in a folder; its Message-ID and received time when the service gives them. */
    record Item(String id, String internetMessageId, OffsetDateTime receivedAt) {
    }

    /** One page of a folder's changes, and the state that follows it: {@code complete} when none are left. */
    record Page(List<Item> changed, String nextState, boolean complete) {
    }

    /** Every folder of the mailbox that holds mail. */
    abstract List<Folder> folders(SyncPlan plan);

    /**
     * The folder's changes since {@code state} ({@code null}: from the start).
     *
     * @return {@code null} when the service no longer knows {@code state}: the folder starts again
     */
    abstract Page page(SyncPlan plan, String folderId, String state);

    /** The message's MIME source; the caller closes it. */
    abstract InputStream mime(SyncPlan plan, String itemId);

    /**
     * Whether a failure while reading one message ends the run (the service is unreachable, throttling on, the
     * sign-in gone) rather than skipping that message (the service refused it, the parser could not read it).
     */
    abstract boolean stops(RuntimeException failure);

    /** After a folder's sync: what the service needs besides (Graph's change-notification subscriptions). */
    void afterFolder(SyncPlan plan, String folderId, String path) {
    }

    /** Syncs the plan's mailbox. */
    Result run(SyncPlan plan) {
        List<Folder> folders = folders(plan);
        Map<String, String> paths = paths(folders);
        Map<String, String> idsByPath = new LinkedHashMap<>();
        paths.forEach((id, path) -> idsByPath.put(path, id));
        store.recordRemoteFolders(plan.mailboxId(), idsByPath);
        int synced = 0;
        for (Folder folder : folders) {
            String path = paths.get(folder.id());
            if (path == null || !plan.syncs(path)) {
                continue;
            }
            planned += (int) Math.min(Integer.MAX_VALUE - planned, folder.totalCount());
            syncFolder(plan, folder.id(), path);
            afterFolder(plan, folder.id(), path);
            synced++;
        }
        return new Result(synced, loaded);
    }

    /**
     * Syncs one folder page by page. A page is stored on the pool while the next one is read and downloaded (as the
     * IMAP sync reads its next batch while storing one); pages are stored in order, each after the one before it
     * committed, so the stored state never passes a page that is not stored.
     */
    private void syncFolder(SyncPlan plan, String folderId, String path) {
        SyncPlan.RemoteCursor cursor = plan.remoteCursor(path);
        // A folder the service recreated under a new id starts again (the old state names the old folder).
        String state = folderId.equals(cursor.remoteId()) ? cursor.syncState() : null;
        long lastUid = cursor.lastUid();
        boolean restarted = false;
        Storing storing = null;
        try {
            while (true) {
                Page page = page(plan, folderId, state);
                if (page == null) {
                    if (restarted || state == null) {
                        throw new IllegalStateException("The service refused a new sync of folder " + path);
                    }
                    LOG.info(() -> "Mailbox " + plan.mailboxId() + ", folder " + path
                            + ": the service no longer knows its sync state; the folder starts again (nothing is "
                            + "stored twice)");
                    storing = finish(storing);
                    state = null;
                    restarted = true;
                    continue;
                }
                List<FetchedMail> mails = new ArrayList<>();
                List<SkippedMail> skipped = new ArrayList<>();
                lastUid = read(plan, path, page.changed(), lastUid, mails, skipped);
                storing = finish(storing);
                storing = store(plan, path, mails, skipped, page.nextState(), lastUid);
                if (page.complete()) {
                    storing = finish(storing);
                    return;
                }
                state = page.nextState();
            }
        } finally {
            if (storing != null) {
                // The run failed while a page was being stored: that page still commits (or not) as a whole.
                try {
                    finish(storing);
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.FINE, "The page stored when the run failed failed too", e);
                }
            }
        }
    }

    /** A page being stored on the pool, with the messages whose spooled files go once it is done. */
    private record Storing(Future<BatchFallback.Outcome> outcome, List<FetchedMail> mails) {
    }

    /** Stores the page with the state that follows it, on the pool (or here without one). */
    private Storing store(SyncPlan plan, String path, List<FetchedMail> mails, List<SkippedMail> skipped,
            String next, long uid) {
        int plannedNow = planned;
        int loadedNow = loaded;
        Callable<BatchFallback.Outcome> work = () -> BatchFallback.store(mails, skipped,
                new BatchFallback.Store() {
                    @Override
                    public int batch(List<FetchedMail> batch, List<SkippedMail> unreadable) {
                        return store.storeRemote(plan, path, batch, unreadable, next, uid, plannedNow, loadedNow);
                    }

                    @Override
                    public int alone(FetchedMail mail) {
                        return store.storeAlone(plan, path, mail, MailboxSyncStore.REMOTE_EPOCH, false);
                    }
                });
        if (executor == null) {
            CompletableFuture<BatchFallback.Outcome> done = new CompletableFuture<>();
            try {
                done.complete(work.call());
            } catch (Exception e) {
                spool.release(mails);
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
            return new Storing(done, mails);
        }
        return new Storing(executor.submit(work), mails);
    }

    /** Waits for the page being stored, counts what it added, frees its spooled files; {@code null} to assign. */
    private Storing finish(Storing storing) {
        if (storing == null) {
            return null;
        }
        try {
            loaded += storing.outcome().get().added();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("A page could not be stored", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while a page was stored", e);
        } finally {
            spool.release(storing.mails());
        }
        return null;
    }

    /**
     * Downloads and parses a page's messages that are new to the mailbox and within the load period, giving each the
     * folder's next UID; a message that cannot be read goes to {@code skipped} with the reason.
     *
     * @return the folder's last UID after them
     */
    private long read(SyncPlan plan, String path, List<Item> changed, long lastUid, List<FetchedMail> mails,
            List<SkippedMail> skipped) {
        OffsetDateTime since = plan.loadSince();
        List<Item> wanted = new ArrayList<>();
        for (Item item : changed) {
            if (since == null || item.receivedAt() == null || !item.receivedAt().isBefore(since)) {
                wanted.add(item);
            }
        }
        List<String> keys = new ArrayList<>();
        for (Item item : wanted) {
            String key = MailParser.firstId(item.internetMessageId());
            if (key != null) {
                keys.add(key);
            }
        }
        Set<String> known = new HashSet<>(keys.isEmpty() ? Set.of() : store.keysStored(plan.mailboxId(), keys));
        List<Item> fresh = new ArrayList<>();
        for (Item item : wanted) {
            String key = MailParser.firstId(item.internetMessageId());
            // Changed (read, flagged) or already stored from another folder: nothing to load.
            if (key == null || known.add(key)) {
                fresh.add(item);
            }
        }
        // Each gets the folder's next UID in the page's order; they are downloaded a few at a time.
        List<Downloaded> downloads = downloadAll(plan, fresh, lastUid);
        RuntimeException stop = null;
        for (Downloaded download : downloads) {
            if (download.mail() != null) {
                mails.add(download.mail());
            } else if (download.failure() instanceof RuntimeException failure && stops(failure)) {
                stop = stop == null ? failure : stop;
            } else {
                unreadable(plan, path, download.uid(), download.failure(), skipped);
            }
        }
        if (stop != null) {
            spool.release(mails);
            throw stop;
        }
        return lastUid + fresh.size();
    }

    /** A message read, or why not. */
    private record Downloaded(long uid, FetchedMail mail, Exception failure) {
    }

    /**
     * Downloads and parses the items with {@link #PARALLEL} requests at once (Graph allows four per mailbox) on the
     * container's pool, or one by one in this thread without one; results in the items' order.
     */
    private List<Downloaded> downloadAll(SyncPlan plan, List<Item> items, long lastUid) {
        List<Downloaded> results = new ArrayList<>(Collections.nCopies(items.size(), null));
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                long uid = lastUid + i + 1;
                try {
                    results.set(i, new Downloaded(uid, download(plan, items.get(i), uid), null));
                } catch (IOException | MessagingException | RuntimeException e) {
                    results.set(i, new Downloaded(uid, null, e));
                }
            }
        };
        int workers = executor == null ? 0 : Math.min(PARALLEL, items.size()) - 1;
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            running.add(executor.submit(worker));
        }
        worker.run();
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("A download worker failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while messages were downloaded", e);
            }
        }
        return results;
    }

    private static void unreadable(SyncPlan plan, String path, long uid, Exception e, List<SkippedMail> skipped) {
        String reason = MailFailure.unreadable(e);
        LOG.log(Level.WARNING, e, () -> "Mailbox " + plan.mailboxId() + ", folder " + path
                + ": a message could not be read and is skipped: " + reason);
        skipped.add(new SkippedMail(uid, reason));
    }

    /** The message parsed from its MIME, in memory or, above the spool's threshold, from a spooled file. */
    private FetchedMail download(SyncPlan plan, Item item, long uid) throws IOException, MessagingException {
        Date received = item.receivedAt() == null ? null : Date.from(item.receivedAt().toInstant());
        try (InputStream mime = new BufferedInputStream(mime(plan, item.id()))) {
            byte[] head = mime.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, spool.above() + 1));
            if (head.length <= spool.above()) {
                return MailParser.parse(new ByteArrayInputStream(head), uid, received, head.length, false, fallback);
            }
            Path file = spool.newFile("message-");
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(head);
                mime.transferTo(out);
            }
            return MailParser.parse(file, uid, received, Files.size(file), false, fallback, spool);
        }
    }

    /** The service asked to wait: the sync's own background thread waits, holding no transaction or connection. */
    static void pause(Duration asked, RuntimeException interrupted) {
        Duration wait = asked == null ? DEFAULT_WAIT : asked.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : asked;
        try {
            Thread.sleep(Math.max(0, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted;
        }
    }

    /** Each folder's path from the top ({@code Inbox/Projects}), by id; a folder whose parent is not listed is top. */
    static Map<String, String> paths(List<Folder> folders) {
        Map<String, Folder> byId = new HashMap<>();
        folders.forEach(f -> byId.put(f.id(), f));
        Map<String, String> paths = new LinkedHashMap<>();
        for (Folder folder : folders) {
            StringBuilder path = new StringBuilder(segment(folder));
            Set<String> seen = new HashSet<>(Set.of(folder.id()));
            for (Folder parent = byId.get(folder.parentId()); parent != null && seen.add(parent.id());
                    parent = byId.get(parent.parentId())) {
                path.insert(0, segment(parent) + "/");
            }
            paths.put(folder.id(), path.toString());
        }
        return paths;
    }

    /** A folder's name as a path segment: a slash in it becomes a division slash, so paths stay unambiguous. */
    private static String segment(Folder folder) {
        return folder.displayName().replace("/", "\u2215");
    }
}
