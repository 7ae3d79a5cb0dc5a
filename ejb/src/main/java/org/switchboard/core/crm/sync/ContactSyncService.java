package org.switchboard.core.crm.sync;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.common.ConcurrentChangeException;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.NodeName;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.core.exchange.GraphContactClient;
import org.switchboard.core.exchange.MicrosoftTokenStore;
import org.switchboard.core.mailbox.MailTransport;
import org.switchboard.core.mailbox.MailboxAccessPolicy;
import org.switchboard.core.mailbox.MailboxRights;
import org.switchboard.core.settings.SettingCodes;
import org.switchboard.core.settings.SystemSettings;
import org.switchboard.model.crm.ContactCategory;
import org.switchboard.model.crm.ContactGroup;
import org.switchboard.model.crm.ContactSync;
import org.switchboard.model.crm.ContactSyncCategory;
import org.switchboard.model.crm.ContactSyncFolder;
import org.switchboard.model.crm.ContactSyncGroup;
import org.switchboard.model.crm.ContactSyncIssue;
import org.switchboard.model.mailbox.Mailbox;

/**
 * A mailbox's two-way contact sync (EC-01..EC-05, issue 21): its settings, "Run sync", and the runs. A run claims the
 * mailbox's sync with a conditional update, so that it never overlaps itself on any node, then runs {@link ContactSync}
 * against the mailbox's provider with no transaction open while the provider is talked to; every page and every write
 * commits on its own. Automatic runs follow {@code MailboxSyncInterval}, each mailbox offset by its id so that a
 * thousand mailboxes do not start in the same second. Settings and "Run sync" need the right to configure the mailbox
 * (its owner, or <em>configure</em>, SM-02); a mailbox that is not an Exchange one has no contact sync.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ContactSyncService {

    private static final Logger LOG = Logger.getLogger(ContactSyncService.class.getName());
    /** How long a claim holds unless renewed; each committed page renews it. */
    static final Duration CLAIM = Duration.ofMinutes(5);
    private static final int DUE_MAX = 20;
    private static final int ISSUES_SHOWN = 50;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private ContactSyncRecords records;

    @Inject
    private ContactSyncService self;

    @Inject
    private NodeName node;

    @Inject
    private Clock clock;

    @Inject
    private GraphContactClient graph;

    @Inject
    private MicrosoftTokenStore tokens;

    @Inject
    private MailboxAccessPolicy policy;

    @Inject
    private SystemSettings settings;

    // ---------------------------------------------------------------- settings

    /**
     * The mailbox's contact sync, created with its defaults on first sight (EC-05); it counts as set up once its
     * settings are saved or a run is asked for, and only then does "Run sync" in the Contacts section run it.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public ContactSyncView view(long mailboxId) {
        return view(syncOf(configurable(mailboxId)));
    }

    /**
     * The caller's Exchange mailboxes whose contacts may sync (EC-05: one "Set up ‹address›" each in the Contacts
     * section's "Sync contacts" menu), and whether each is set up.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public List<ContactSyncChoice> choices() {
        MailboxRights rights = policy.rights();
        List<Long> ids = rights.listedMailboxIds().stream().filter(rights::canConfigure).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(Mailbox.BY_IDS, Mailbox.class).setParameter("ids", ids).getResultStream()
                .filter(m -> MailTransport.of(m.getProvider()) != MailTransport.IMAP)
                .sorted(Comparator.comparing(Mailbox::getAddress))
                .map(m -> {
                    ContactSync sync = em.find(ContactSync.class, m.getId());
                    return new ContactSyncChoice(m.getId(), m.getAddress(), sync != null && sync.getSetUpAt() != null);
                }).toList();
    }

    /**
     * "Run sync" in the Contacts section (EC-03): runs the contact sync of each of the caller's mailboxes where it is
     * set up, each in the background.
     *
     * @return the addresses whose run was asked for, none when no sync is set up
     */
    public List<String> requestRuns() {
        List<ContactSyncChoice> setUp = self.choices().stream().filter(ContactSyncChoice::setUp).toList();
        setUp.forEach(c -> requestRun(c.mailboxId()));
        return setUp.stream().map(ContactSyncChoice::address).toList();
    }

    /**
     * Asks the mailbox for its contact folders now, so that the sync page can offer them before a first run (EC-01),
     * and records them. The provider is asked with no transaction open.
     */
    public ContactSyncView refreshFolders(long mailboxId) {
        Plan plan = self.plan(mailboxId, false);
        List<ContactRemote.Folder> folders;
        try {
            folders = remote(mailboxId, plan).folders();
        } catch (BusinessException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "Listing the contact folders of mailbox " + mailboxId + " failed");
            throw new RuleViolationException("error.contactSync.folders", null, plan.address(), reason(e));
        }
        records.folders(mailboxId, folders);
        return self.view(mailboxId);
    }

    /** Saves the settings read at {@code expectedVersion} (EC-01..EC-03). */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public ContactSyncView save(long mailboxId, long expectedVersion, ContactSyncDraft draft) {
        ContactSync sync = syncOf(configurable(mailboxId));
        if (sync.getVersion() != expectedVersion) {
            throw new ConcurrentChangeException("ContactSync", mailboxId);
        }
        ContactSync.ExportMode mode = exportMode(draft.exportMode());
        List<Long> categories = draft.categoryIds() == null ? List.of() : draft.categoryIds().stream().distinct()
                .toList();
        List<Long> groups = draft.groupIds() == null ? List.of() : draft.groupIds().stream().distinct().toList();
        if (mode == ContactSync.ExportMode.CATEGORIES && categories.isEmpty() && groups.isEmpty()) {
            throw new InvalidInputException("validation.contactSync.categories", "categoryIds");
        }
        for (Long id : categories) {
            if (id == null || em.find(ContactCategory.class, id) == null) {
                throw new InvalidInputException("validation.crm.unknownCategory", "categoryIds", id);
            }
        }
        for (Long id : groups) {
            if (id == null || em.find(ContactGroup.class, id) == null) {
                throw new InvalidInputException("validation.crm.unknownGroup", "groupIds", id);
            }
        }
        if (!draft.importContacts() && mode == ContactSync.ExportMode.NONE) {
            throw new InvalidInputException("validation.contactSync.nothing", "importContacts");
        }
        List<String> selected = draft.selectedFolderIds() == null ? List.of() : draft.selectedFolderIds();
        List<ContactSyncFolder> folders = folders(mailboxId);
        if (draft.importContacts() && !draft.allFolders()) {
            for (String id : selected) {
                if (folders.stream().noneMatch(f -> f.getRemoteId().equals(id))) {
                    throw new InvalidInputException("validation.contactSync.unknownFolder", "selectedFolderIds", id);
                }
            }
            if (selected.isEmpty()) {
                throw new InvalidInputException("validation.mailbox.noFolders", "selectedFolderIds");
            }
        }
        folders.forEach(f -> f.setSelected(selected.contains(f.getRemoteId())));
        sync.setAutoSync(draft.autoSync());
        sync.setImportContacts(draft.importContacts());
        sync.setAllFolders(draft.allFolders());
        sync.setExportMode(mode);
        em.createNamedQuery(ContactSyncCategory.DELETE_OF_MAILBOX).setParameter("mailboxId", mailboxId)
                .executeUpdate();
        em.createNamedQuery(ContactSyncGroup.DELETE_OF_MAILBOX).setParameter("mailboxId", mailboxId)
                .executeUpdate();
        if (mode == ContactSync.ExportMode.CATEGORIES) {
            categories.forEach(id -> em.persist(new ContactSyncCategory(mailboxId, id)));
            groups.forEach(id -> em.persist(new ContactSyncGroup(mailboxId, id)));
        }
        if (draft.autoSync() && sync.getNextRunAt() == null) {
            sync.setNextRunAt(OffsetDateTime.now(clock));
        }
        sync.setUp(OffsetDateTime.now(clock));
        em.flush();
        return view(sync);
    }

    /** "Run sync" (EC-03): the run starts at once in the background; its progress shows on the view. */
    public ContactSyncView requestRun(long mailboxId) {
        self.markRequested(mailboxId);
        self.runInBackground(mailboxId);
        return self.view(mailboxId);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void markRequested(long mailboxId) {
        ContactSync sync = syncOf(configurable(mailboxId));
        sync.setRequested(true);
        sync.setUp(OffsetDateTime.now(clock));
    }

    // ---------------------------------------------------------------- runs

    /** The mailboxes whose sync is asked for or due, and not running. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public List<Long> due() {
        return em.createNamedQuery(ContactSync.DUE, Long.class).setParameter("now", OffsetDateTime.now(clock))
                .setMaxResults(DUE_MAX).getResultList();
    }

    /** Starts a run of each due mailbox in the background (the timer's tick). */
    public void dispatchDue() {
        for (Long id : self.due()) {
            self.runInBackground(id);
        }
    }

    @Asynchronous
    public void runInBackground(long mailboxId) {
        try {
            run(mailboxId);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Contact sync of mailbox " + mailboxId + " failed unexpectedly", e);
        }
    }

    /**
     * Claims the mailbox's contact sync and runs it in the caller's thread; nothing happens when a run holds it.
     *
     * @return what the run did, or null when it was not claimed
     */
    public ContactSync.Status run(long mailboxId) {
        if (!self.claim(mailboxId)) {
            return null;
        }
        String failure = "The run stopped unexpectedly";
        try {
            Plan plan = self.plan(mailboxId, true);
            ContactRemote remote = remote(mailboxId, plan);
            // The claim is renewed after every page and export batch, so that a long first sync keeps it.
            ContactSyncStore store = new JpaContactSyncStore(records, mailboxId, () -> self.renew(mailboxId));
            ContactSyncRun.Result result = new ContactSyncRun(remote, store)
                    .run(plan.importedFolders(), plan.exports(), done -> { });
            LOG.info(() -> "Contact sync of mailbox " + mailboxId + ": " + result);
            failure = null;
            return ContactSync.Status.READY;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "Contact sync of mailbox " + mailboxId + " failed");
            failure = reason(e);
            return ContactSync.Status.FAILED;
        } finally {
            // Also after an Error: the sync never stays "running" without a run.
            self.finished(mailboxId, failure);
            self.release(mailboxId);
        }
    }

    /**
     * What a run needs to know before it talks to the provider. Public: the container's proxy returns it (Payara's
     * proxy failed with IllegalAccessError on a package-private record).
     */
    public record Plan(String address, boolean shared, MailTransport transport, boolean allFolders,
            List<String> selectedFolders, boolean exports) {

        /** The folders whose changes the run takes: null for all, none when contacts are not imported (EC-01). */
        public List<String> importedFolders() {
            return allFolders ? null : selectedFolders;
        }
    }

    /**
     * @param starting a run starts: the sync is marked running with no progress yet; otherwise the caller must be
     *                 allowed to configure the mailbox
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Plan plan(long mailboxId, boolean starting) {
        Mailbox mailbox = starting ? em.find(Mailbox.class, mailboxId) : configurable(mailboxId);
        ContactSync sync = starting ? em.find(ContactSync.class, mailboxId) : syncOf(mailbox);
        if (starting) {
            sync.setStatus(ContactSync.Status.RUNNING);
            sync.setProgressDone(0);
        }
        List<String> selected = !sync.isImportContacts() ? List.of() : folders(mailboxId).stream()
                .filter(ContactSyncFolder::isSelected).map(ContactSyncFolder::getRemoteId).toList();
        return new Plan(mailbox.getAddress(), mailbox.isShared(), MailTransport.of(mailbox.getProvider()),
                sync.isImportContacts() && sync.isAllFolders(), selected,
                sync.getExportMode() != ContactSync.ExportMode.NONE);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean claim(long mailboxId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return em.createNamedQuery(ContactSync.CLAIM).setParameter("mailboxId", mailboxId).setParameter("now", now)
                .setParameter("until", now.plus(CLAIM)).setParameter("node", node.get())
                .setParameter("run", node.run()).executeUpdate() == 1;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void renew(long mailboxId) {
        em.createNamedQuery(ContactSync.RENEW_CLAIM).setParameter("mailboxId", mailboxId)
                .setParameter("until", OffsetDateTime.now(clock).plus(CLAIM)).setParameter("run", node.run())
                .executeUpdate();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void release(long mailboxId) {
        em.createNamedQuery(ContactSync.RELEASE_CLAIM).setParameter("mailboxId", mailboxId)
                .setParameter("run", node.run()).executeUpdate();
    }

    /**
     * At this node's start: the claims an earlier start of this node left behind (it was killed mid-run) are released
     * and their runs asked for again, so that they resume within a tick instead of when the claim expires. Without a
     * transaction of its own (see {@code MailboxSyncService.releaseDeadClaims}: Payara and a REQUIRES_NEW method called
     * from a {@code @PostConstruct}); the change runs one call further, in {@link #releaseDead}.
     *
     * @return how many were released
     */
    public int releaseDeadClaims() {
        int released = self.releaseDead();
        if (released > 0) {
            LOG.info(() -> "Released the contact sync claims of " + released + " mailbox(es) that this node's earlier "
                    + "run left behind; their syncs resume now");
        }
        return released;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int releaseDead() {
        return em.createNamedQuery(ContactSync.RELEASE_DEAD_CLAIMS).setParameter("node", node.get())
                .setParameter("run", node.run()).executeUpdate();
    }

    /** Records the run's end: ready (or the failure), and the next automatic run, offset by the mailbox's id. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void finished(long mailboxId, String failure) {
        ContactSync sync = em.find(ContactSync.class, mailboxId);
        if (sync == null) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        sync.setStatus(failure == null ? ContactSync.Status.READY : ContactSync.Status.FAILED);
        sync.setLastError(failure, now);
        if (failure == null) {
            sync.setLastSyncedAt(now);
        }
        long interval = Math.max(1, settings.integer(SettingCodes.MAILBOX_SYNC_INTERVAL));
        // Spread: each mailbox keeps its own second within the interval.
        sync.setNextRunAt(sync.isAutoSync() ? now.plusMinutes(interval).plusSeconds(mailboxId % 60) : null);
    }

    private ContactRemote remote(long mailboxId, Plan plan) {
        return switch (plan.transport()) {
            case GRAPH -> new GraphContactRemote(graph, tokens, mailboxId, plan.address(), plan.shared());
            default -> throw new RuleViolationException("error.contactSync.notYet", null, plan.address());
        };
    }

    private static String reason(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }

    // ---------------------------------------------------------------- helpers

    private Mailbox configurable(long mailboxId) {
        Mailbox mailbox = policy.canConfigure(mailboxId) ? em.find(Mailbox.class, mailboxId) : null;
        if (mailbox == null) {
            throw new RecordNotFoundException("Mailbox", mailboxId);
        }
        if (MailTransport.of(mailbox.getProvider()) == MailTransport.IMAP) {
            throw new RuleViolationException("error.contactSync.notExchange", null, mailbox.getAddress());
        }
        return mailbox;
    }

    private ContactSync syncOf(Mailbox mailbox) {
        ContactSync sync = em.find(ContactSync.class, mailbox.getId());
        if (sync == null) {
            sync = new ContactSync(mailbox.getId());
            em.persist(sync);
            em.flush();
        }
        return sync;
    }

    private List<ContactSyncFolder> folders(long mailboxId) {
        return em.createNamedQuery(ContactSyncFolder.OF_MAILBOX, ContactSyncFolder.class)
                .setParameter("mailboxId", mailboxId).getResultList();
    }

    private static ContactSync.ExportMode exportMode(String mode) {
        if (mode == null || mode.isBlank()) {
            return ContactSync.ExportMode.ALL;
        }
        try {
            return ContactSync.ExportMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("validation.json.choice", "exportMode", "NONE, ALL, CATEGORIES");
        }
    }

    private boolean running(ContactSync sync, OffsetDateTime now) {
        return sync.getClaimedUntil() != null && sync.getClaimedUntil().isAfter(now);
    }

    private ContactSyncView view(ContactSync sync) {
        long mailboxId = sync.getMailboxId();
        List<ContactSyncView.Folder> folders = folders(mailboxId).stream()
                .map(f -> new ContactSyncView.Folder(f.getRemoteId(), f.getName(), f.isSelected())).toList();
        List<Long> categories = em.createNamedQuery(ContactSyncCategory.IDS_OF_MAILBOX, Long.class)
                .setParameter("mailboxId", mailboxId).getResultList();
        List<Long> groups = em.createNamedQuery(ContactSyncGroup.IDS_OF_MAILBOX, Long.class)
                .setParameter("mailboxId", mailboxId).getResultList();
        List<ContactSyncView.Issue> issues = em.createNamedQuery(ContactSyncIssue.OF_MAILBOX, ContactSyncIssue.class)
                .setParameter("mailboxId", mailboxId).setMaxResults(ISSUES_SHOWN).getResultStream()
                .map(i -> new ContactSyncView.Issue(i.getKind().name(), i.getContactId(), i.getDetail(),
                        i.getOccurredAt())).toList();
        return new ContactSyncView(mailboxId, sync.getVersion(), sync.getSetUpAt() != null, sync.isAutoSync(),
                sync.isImportContacts(), sync.isAllFolders(), folders, sync.getExportMode().name(), categories,
                groups, sync.getStatus().name(), sync.getProgressDone(), sync.getLastSyncedAt(), sync.getLastError(), sync.getLastErrorAt(),
                running(sync, OffsetDateTime.now(clock)), sync.isRequested(), issues);
    }
}
