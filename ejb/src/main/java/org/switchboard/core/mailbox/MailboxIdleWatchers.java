package org.switchboard.core.mailbox;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.core.exchange.EwsMailClient;
import org.switchboard.core.exchange.MicrosoftTokenStore;
import org.switchboard.model.mail.ExchangeKind;
import org.switchboard.model.mail.MailProviderType;
import org.switchboard.model.mailbox.Mailbox;
import org.switchboard.model.mailbox.MailboxStatus;

/**
 * The new-mail watches of this node (MB-02, MP-11): one connection and one thread per mailbox that loads mail
 * automatically and has synced once, at most {@value #MAX_KEY} of them (default 100; 0 turns watching off). An IMAP
 * mailbox is watched with IDLE on its INBOX ({@link ImapIdleWatch}), an Exchange Server mailbox with EWS streaming
 * notifications on the folders its sync loads ({@link EwsStreamingWatch}); Microsoft 365 needs no watch here (Graph
 * posts its change notifications, {@link GraphHooks}). New mail starts that mailbox's sync at once; polling every
 * {@code MailboxSyncInterval} stays for the rest, for mailboxes beyond the cap and for servers that cannot be watched.
 * The sync timer calls {@link #refresh} every tick: watches start for new mailboxes and stop for those no longer
 * wanted, and restart when a mailbox changed (new credentials, other folders). A watch that ended for good (no IDLE,
 * log-in refused) is not retried until the mailbox changes.
 */
@Singleton
// Created at deployment, not by the timer's first tick (see ChatTimer).
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailboxIdleWatchers {

    public static final String MAX_KEY = "switchboard.mail.idle-max";
    static final String FOLDER = "INBOX";
    private static final Logger LOG = Logger.getLogger(MailboxIdleWatchers.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Resource
    private ManagedThreadFactory threads;

    @Inject
    private MailboxSyncService syncs;

    @Inject
    private MailboxSyncStore store;

    @Inject
    private MailConnector connector;

    @Inject
    private EwsMailClient ews;

    @Inject
    private MicrosoftTokenStore tokens;

    @Inject
    @ConfigProperty(name = MAX_KEY, defaultValue = "100")
    private int max;

    /** A running watch and the mailbox's version it was started for. */
    private record Running(MailboxWatch watch, long version) {
    }

    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    /** Mailboxes whose watch ended for good, with the version it ended at. */
    private final Map<Long, Long> ended = new ConcurrentHashMap<>();

    /** Starts and stops watches so that they match the mailboxes to watch (the sync timer's tick). */
    public void refresh() {
        Map<Long, Long> wanted = new HashMap<>();
        if (max > 0) {
            for (Object[] row : watchable()) {
                wanted.put((Long) row[0], (Long) row[1]);
            }
        }
        running.forEach((id, watch) -> {
            Long version = wanted.get(id);
            if (version == null || version != watch.version() || watch.watch().isStopped()) {
                stop(id);
            }
        });
        ended.keySet().removeIf(id -> !ended.get(id).equals(wanted.get(id)));
        for (Map.Entry<Long, Long> mailbox : wanted.entrySet()) {
            long id = mailbox.getKey();
            if (!running.containsKey(id) && !ended.containsKey(id)) {
                start(id, mailbox.getValue());
            }
        }
    }

    /** How many watches run now. */
    public int watching() {
        return running.size();
    }

    private List<Object[]> watchable() {
        return em.createNamedQuery(Mailbox.WATCHABLE, Object[].class).setParameter("failed", MailboxStatus.FAILED)
                .setParameter("imap", MailProviderType.IMAP).setParameter("exchangeServer", ExchangeKind.EXCHANGE_SERVER)
                .setMaxResults(max).getResultList();
    }

    private void start(long mailboxId, long version) {
        SyncPlan plan;
        try {
            plan = store.plan(mailboxId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot watch mailbox " + mailboxId + " for new mail", e);
            return;
        }
        ImapIdleWatch.Listener listener = new ImapIdleWatch.Listener() {
            @Override
            public void newMail(long id) {
                syncs.requestNow(id);
            }

            @Override
            public void ended(long id, String why) {
                MailboxIdleWatchers.this.ended.put(id, version);
            }
        };
        MailboxWatch watch;
        if (plan.transport() == MailTransport.EWS) {
            List<String> folderIds = watchedFolders(plan);
            if (folderIds.isEmpty()) {
                ended.put(mailboxId, version);
                return;
            }
            // MP-11: Exchange Server pushes its changes over EWS streaming notifications.
            watch = new EwsStreamingWatch(mailboxId, folderIds, ews, refused -> refused == null
                    ? EwsAccess.signedIn(plan.ews(), mailboxId, tokens)
                    : EwsAccess.tokenReplaced(refused, mailboxId, tokens), listener);
        } else {
            watch = new ImapIdleWatch(mailboxId, FOLDER,
                    timeout -> connector.openImap(plan.imap(), plan.login(), plan.password(), timeout), listener);
        }
        Thread thread = threads.newThread(watch);
        thread.setName("switchboard-watch-" + mailboxId);
        running.put(mailboxId, new Running(watch, version));
        thread.start();
        LOG.fine(() -> "Watching mailbox " + mailboxId + " for new mail over " + plan.transport());
    }

    /** The Exchange folders a sync loads (all, or the selected ones) that it has met, by their EWS ids. */
    private static List<String> watchedFolders(SyncPlan plan) {
        return plan.remote().entrySet().stream()
                .filter(folder -> plan.allFolders() || plan.selected().contains(folder.getKey()))
                .map(folder -> folder.getValue().remoteId()).sorted().toList();
    }

    private void stop(long mailboxId) {
        Running watch = running.remove(mailboxId);
        if (watch != null) {
            watch.watch().stop();
        }
    }

    @PreDestroy
    void stopAll() {
        List.copyOf(running.keySet()).forEach(this::stop);
    }
}
