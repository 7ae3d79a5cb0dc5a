package org.switchboard.core.mailbox;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.core.common.NodeName;
import org.switchboard.core.common.ProviderException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.core.exchange.EntraException;
import org.switchboard.core.exchange.EwsException;
import org.switchboard.core.exchange.EwsMailClient;
import org.switchboard.core.exchange.GraphException;
import org.switchboard.core.exchange.GraphMailClient;
import org.switchboard.core.exchange.MicrosoftTokenStore;
import org.switchboard.core.settings.SettingCodes;
import org.switchboard.core.settings.SystemSettings;
import org.switchboard.model.mailbox.Mailbox;

/**
 * Runs mailbox syncs (MB-02). A run first claims its mailbox with a conditional update, so that two nodes (or a
 * timer tick and a user's "load mail now") never sync one mailbox at once; then reads its plan, logs in (or takes
 * the connection its last run left open, {@link ImapConnections}), records the server's folders and syncs each
 * folder to sync with {@link ImapFolderSync}, every batch in its own transaction. No transaction is open while the
 * server is talked to. A failure is recorded on the mailbox with a reason its owner can act on, and the next
 * automatic run is scheduled by {@code MailboxSyncInterval} either way.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailboxSyncService {

    private static final Logger LOG = Logger.getLogger(MailboxSyncService.class.getName());
    /**
     * How long a claim holds unless renewed: every stored batch and every tick of the sync timer (10 s) renew the
     * claims of this node's live runs, so a claim outlives its run by at most this much when the node dies. A node
     * that starts again releases its dead claims at once ({@link #releaseDeadClaims}).
     */
    static final Duration CLAIM = Duration.ofMinutes(1);
    private static final int DUE_MAX = 20;
    public static final String FALLBACK_CHARSET = "switchboard.mail.fallback-charset";

    @PersistenceContext
    private EntityManager em;

    @Inject
    private MailboxSyncStore store;

    @Inject
    private ImapConnections connections;

    @Inject
    private SystemSettings settings;

    @Inject
    private Clock clock;

    @Inject
    private MailboxSyncService self;

    @Inject
    private MailboxSyncRuns runs;

    /** Received 8-bit text that is not UTF-8 and names no known charset is read in this one (MB-02). */
    @Inject
    @ConfigProperty(name = FALLBACK_CHARSET, defaultValue = "windows-1251")
    private String fallbackCharset;

    /**
     * A message larger than this is read into a temporary file and parsed from there, and its parts larger than
     * this are streamed into the database (issue 18 item 7); in bytes, 2 MB unless configured.
     */
    @Inject
    @ConfigProperty(name = MailSpool.ABOVE, defaultValue = "2097152")
    private long streamAbove;

    @Inject
    private NodeName node;

    @Inject
    private GraphMailClient graph;

    @Inject
    private MicrosoftTokenStore tokens;

    @Inject
    private EwsMailClient ews;

    /** Reads a folder's next batch while the current one is stored (see {@link ImapFolderSync}). */
    @Resource
    private ManagedExecutorService reader;

    /** What one run did: folders synced, e-mails stored, or why it failed. */
    public record SyncReport(long mailboxId, boolean claimed, int folders, int stored, MailFailure failure,
            long durationMillis) {
    }

    /** The ids of the mailboxes due for a run (requested, or automatic and past their time) and not claimed. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public List<Long> due() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return em.createNamedQuery(Mailbox.DUE, Long.class).setParameter("now", now).setMaxResults(DUE_MAX)
                .getResultList();
    }

    /** Starts a run of each due mailbox in the background (the timer's tick). */
    public void dispatchDue() {
        for (Long id : self.due()) {
            self.runInBackground(id);
        }
    }

    /** Runs the mailbox's sync on the container's asynchronous pool, if no other run holds it. */
    @Asynchronous
    public void runInBackground(long mailboxId) {
        try {
            run(mailboxId);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Sync of mailbox " + mailboxId + " failed unexpectedly", e);
        }
    }

    /**
     * New mail was seen (an IMAP IDLE watch): the mailbox is asked for and a run starts now. When a run holds it
     * already, the request stays and the timer's next tick starts the run after it.
     */
    public void requestNow(long mailboxId) {
        self.markRequested(mailboxId);
        self.runInBackground(mailboxId);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markRequested(long mailboxId) {
        em.createNamedQuery(Mailbox.REQUEST_SYNC).setParameter("id", mailboxId).executeUpdate();
    }

    /** Claims the mailbox and syncs it now, in the caller's thread; nothing happens if another run holds it. */
    public SyncReport run(long mailboxId) {
        if (!self.claim(mailboxId)) {
            return new SyncReport(mailboxId, false, 0, 0, null, 0);
        }
        runs.started(mailboxId);
        try {
            return claimedRun(mailboxId);
        } finally {
            runs.ended(mailboxId);
        }
    }

    private SyncReport claimedRun(long mailboxId) {
        long started = System.nanoTime();
        SyncPlan plan = store.begin(mailboxId);
        if (plan.transport() != MailTransport.IMAP) {
            return remoteRun(plan, started);
        }
        Progress progress = new Progress();
        MailFailure failure = null;
        int folders = 0;
        IMAPStore imap = null;
        try {
            imap = connections.take(mailboxId, plan.imap(), plan.login(), plan.password());
            List<String> names = selectableFolders(imap);
            store.recordFolders(mailboxId, names);
            for (String name : names) {
                if (!plan.syncs(name)) {
                    continue;
                }
                try {
                    new ImapFolderSync(imap, new StoreSink(plan, progress), reader).withFallback(fallback())
                            .withStreamingAbove(streamAbove).withSpoolIn(spoolRoot()).sync(name, plan.cursor(name));
                    folders++;
                } catch (FolderNotFoundException e) {
                    LOG.fine(() -> "Mailbox " + mailboxId + ": folder " + name + " vanished during the sync");
                }
                progress.folderDone();
            }
            connections.giveBack(mailboxId, imap, plan.imap(), plan.login(), plan.password());
        } catch (MessagingException | IOException | RuntimeException e) {
            failure = MailFailure.of(e);
            MailFailure reported = failure;
            LOG.log(Level.WARNING, e, () -> "Sync of mailbox " + mailboxId + " failed: " + reported);
            if (imap != null) {
                ImapConnections.close(imap);
            }
        }
        long interval = Math.max(1, settings.integer(SettingCodes.MAILBOX_SYNC_INTERVAL));
        store.finish(mailboxId, failure, OffsetDateTime.now(clock).plusMinutes(interval));
        SyncReport report = new SyncReport(mailboxId, true, folders, progress.loaded, failure,
                (System.nanoTime() - started) / 1_000_000);
        // INFO when something came in or failed; a run that found nothing new is FINE (every interval, every box).
        LOG.log(report.stored() > 0 || report.failure() != null ? Level.INFO : Level.FINE, () -> "Mailbox " + mailboxId
                + " synced " + report.folders() + " folder(s), " + report.stored() + " new e-mail(s) in "
                + report.durationMillis() + " ms" + (report.failure() == null ? "" : ", failed"));
        return report;
    }

    /**
     * MB-02 over Microsoft Graph or EWS: one run of {@link GraphMailboxSync} or {@link EwsMailboxSync}, its failure
     * recorded like an IMAP one's.
     */
    private SyncReport remoteRun(SyncPlan plan, long started) {
        long mailboxId = plan.mailboxId();
        MailFailure failure = null;
        RemoteMailboxSync.Result result = new RemoteMailboxSync.Result(0, 0);
        try (MailSpool spool = new MailSpool(spoolRoot(), streamAbove)) {
            RemoteMailboxSync sync = plan.transport() == MailTransport.GRAPH
                    ? new GraphMailboxSync(graph, tokens, store, fallback(), spool, clock)
                    : new EwsMailboxSync(ews, tokens, store, fallback(), spool);
            result = sync.downloadingOn(reader).run(plan);
        } catch (EntraException e) {
            failure = new MailFailure(e.outcome() == EntraException.Outcome.TRANSIENT ? MailFailure.Reason.UNREACHABLE
                    : MailFailure.Reason.AUTHENTICATION, clip(e.getMessage()));
        } catch (GraphException e) {
            failure = new MailFailure(e.outcome() == GraphException.Outcome.UNAVAILABLE
                    ? MailFailure.Reason.UNREACHABLE : MailFailure.Reason.SERVER, clip(e.getMessage()));
        } catch (EwsException e) {
            failure = new MailFailure(switch (e.outcome()) {
                case SIGN_IN_FAILED -> MailFailure.Reason.AUTHENTICATION;
                case UNAVAILABLE -> MailFailure.Reason.UNREACHABLE;
                default -> MailFailure.Reason.SERVER;
            }, clip(e.getMessage()));
        } catch (RuntimeException e) {
            failure = MailFailure.of(e);
            LOG.log(Level.WARNING, e, () -> "Sync of mailbox " + mailboxId + " failed");
        }
        if (failure != null) {
            MailFailure reported = failure;
            LOG.warning(() -> "Sync of " + plan.transport() + " mailbox " + mailboxId + " failed: " + reported);
        }
        long interval = Math.max(1, settings.integer(SettingCodes.MAILBOX_SYNC_INTERVAL));
        store.finish(mailboxId, failure, OffsetDateTime.now(clock).plusMinutes(interval));
        SyncReport report = new SyncReport(mailboxId, true, result.folders(), result.stored(), failure,
                (System.nanoTime() - started) / 1_000_000);
        LOG.log(report.stored() > 0 || failure != null ? Level.INFO : Level.FINE, () -> "Mailbox " + mailboxId
                + " synced over " + plan.transport() + " " + report.folders() + " folder(s), " + report.stored()
                + " new e-mail(s) in " + report.durationMillis() + " ms"
                + (report.failure() == null ? "" : ", failed"));
        return report;
    }

    private static String clip(String detail) {
        String text = detail == null ? "" : detail;
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    /** Takes the mailbox for one run: 1 row updated means no other run (on any node) holds it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean claim(long mailboxId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return em.createNamedQuery(Mailbox.CLAIM).setParameter("id", mailboxId).setParameter("now", now)
                .setParameter("until", now.plus(CLAIM)).setParameter("node", node.get())
                .setParameter("run", node.run()).executeUpdate() == 1;
    }

    /**
     * Keeps the claims of this node's live runs (the sync timer's tick). Without a transaction of its own: the timer
     * calls this, and its change runs in {@link #renew}, one call further (see {@link #releaseDeadClaims}).
     */
    public void renewClaims() {
        List<Long> ids = runs.ids();
        if (!ids.isEmpty()) {
            self.renew(ids);
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void renew(List<Long> ids) {
        em.createNamedQuery(Mailbox.RENEW_CLAIMS).setParameter("ids", ids)
                .setParameter("until", OffsetDateTime.now(clock).plus(CLAIM))
                .setParameter("run", node.run()).executeUpdate();
    }

    /**
     * At this node's start: the claims that an earlier start of this node left behind (it crashed mid-run) are
     * released and their mailboxes asked for again, so they resume within a tick instead of when the claim expires.
     * Without a transaction of its own, the change one call further, in {@link #releaseDead}: on Payara a
     * REQUIRES_NEW method that a timer or a {@code @PostConstruct} calls directly sometimes had its commit refused
     * (the transaction manager named another transaction at XA end), each time losing a pooled connection.
     *
     * @return how many were released
     */
    public int releaseDeadClaims() {
        int released = self.releaseDead();
        if (released > 0) {
            LOG.info(() -> "Released the sync claims of " + released + " mailbox(es) that this node's earlier run "
                    + "left behind; their syncs resume now");
        }
        return released;
    }

    /**
     * At this node's start: deletes the mail spools an earlier run of this node left behind (killed while it read a
     * large message, issue 18 item 7), before any sync of this run makes a new one.
     *
     * @return how many were deleted
     */
    public int clearSpoolLeftovers() {
        Path root = spoolRoot();
        int cleared = MailSpool.clearLeftovers(root);
        if (cleared > 0) {
            LOG.info(() -> "Deleted " + cleared + " mail spool(s) that this node's earlier run left in " + root);
        }
        return cleared;
    }

    private Path spoolRoot() {
        return MailSpool.root(node.get());
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int releaseDead() {
        return em.createNamedQuery(Mailbox.RELEASE_DEAD_CLAIMS).setParameter("node", node.get())
                .setParameter("run", node.run()).executeUpdate();
    }

    /**
     * "Retry" of a skipped message (MB-02): reads it from the server again and stores it, or records why it still
     * cannot be read, or forgets it when the server no longer holds it. The caller has checked the user's right.
     */
    public SkippedRetry retry(long mailboxId, long skippedId, String folderName, long uidValidity, long uid) {
        SyncPlan plan = store.plan(mailboxId);
        if (plan.transport() != MailTransport.IMAP) {
            // Its UIDs are Switchboard's own count: the message is found again by the folder's next round instead.
            throw new RuleViolationException("error.mailbox.retryImapOnly", null, plan.address());
        }
        IMAPStore imap = null;
        try (MailSpool spool = new MailSpool(spoolRoot(), streamAbove)) {
            imap = connections.take(mailboxId, plan.imap(), plan.login(), plan.password());
            ImapFolderSync.Reread again = ImapFolderSync.reread(imap, folderName, uidValidity, uid, fallback(),
                    spool);
            connections.giveBack(mailboxId, imap, plan.imap(), plan.login(), plan.password());
            if (again.gone()) {
                store.forgetSkipped(skippedId);
                return SkippedRetry.gone();
            }
            if (again.unreadable() != null) {
                store.retryFailed(skippedId, again.unreadable());
                return SkippedRetry.failed(again.unreadable());
            }
            try {
                store.storeRetried(plan, skippedId, again.mail());
                return SkippedRetry.stored();
            } catch (RuntimeException e) {
                String reason = MailFailure.unreadable(e);
                store.retryFailed(skippedId, reason);
                return SkippedRetry.failed(reason);
            }
        } catch (MessagingException e) {
            if (imap != null) {
                ImapConnections.close(imap);
            }
            MailFailure failure = MailFailure.of(e);
            LOG.info(() -> "Retry of skipped message " + skippedId + " of mailbox " + mailboxId + " failed: "
                    + failure + " (" + MailFailure.describe(e) + ")");
            throw new ProviderException(failure.reason().messageKey(), null, plan.imap().host(), failure.detail());
        }
    }

    /** The configured fallback charset; windows-1251 when the name is not one Java knows (logged). */
    private Charset fallback() {
        try {
            return Charset.forName(fallbackCharset.strip());
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> FALLBACK_CHARSET + " '" + fallbackCharset + "' is no charset this JVM knows; "
                    + "windows-1251 is used");
            return MailParser.DEFAULT_FALLBACK;
        }
    }

    /** Every folder that can hold messages, as the server names it. */
    private static List<String> selectableFolders(IMAPStore imap) throws MessagingException {
        List<String> names = new ArrayList<>();
        for (Folder folder : imap.getDefaultFolder().list("*")) {
            if ((folder.getType() & Folder.HOLDS_MESSAGES) != 0) {
                names.add(folder.getFullName());
            }
        }
        return names;
    }

    /** Counts across the folders of one run, for the progress shown on the mailbox. */
    private static final class Progress {
        private int plannedDone;
        private int plannedCurrent;
        private int loaded;
        /** Messages of the current batch stored one by one after the batch failed. */
        private int storedAlone;

        void folderDone() {
            plannedDone += plannedCurrent;
            plannedCurrent = 0;
        }
    }

    /** Hands each batch to {@link MailboxSyncStore}, one transaction a batch. */
    private final class StoreSink implements MailSink {
        private final SyncPlan plan;
        private final Progress progress;

        StoreSink(SyncPlan plan, Progress progress) {
            this.plan = plan;
            this.progress = progress;
        }

        @Override
        public void store(String folder, List<FetchedMail> mails, List<SkippedMail> skipped, FolderCursor cursor,
                boolean resync, int planned) {
            progress.plannedCurrent = planned;
            MailboxSyncStore batches = MailboxSyncService.this.store;
            int loadedBefore = progress.loaded;
            BatchFallback.Outcome outcome = BatchFallback.store(mails, skipped, new BatchFallback.Store() {
                @Override
                public int batch(List<FetchedMail> batch, List<SkippedMail> unreadable) {
                    // after a fallback, the messages stored alone count as loaded already
                    return batches.store(plan, folder, batch, unreadable, cursor, resync,
                            progress.plannedDone + planned, loadedBefore + progress.storedAlone);
                }

                @Override
                public int alone(FetchedMail mail) {
                    int added = batches.storeAlone(plan, folder, mail, cursor.uidValidity(), resync);
                    progress.storedAlone += added;
                    return added;
                }
            });
            progress.storedAlone = 0;
            progress.loaded += outcome.added();
            if (!outcome.refused().isEmpty()) {
                LOG.warning(() -> "Mailbox " + plan.mailboxId() + ", folder " + folder + ": "
                        + outcome.refused().size() + " message(s) could not be stored and are skipped: "
                        + outcome.refused());
            }
        }

        @Override
        public void flagsChanged(String folder, Map<Long, Boolean> seenByUid, FolderCursor cursor) {
            MailboxSyncService.this.store.flagsChanged(plan, folder, seenByUid, cursor);
        }
    }
}
