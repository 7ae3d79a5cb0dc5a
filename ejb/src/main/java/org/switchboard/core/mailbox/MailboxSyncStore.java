package org.switchboard.core.mailbox;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.switchboard.core.common.InLists;
import org.switchboard.core.common.SecretCipher;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.core.settings.SettingCodes;
import org.switchboard.core.settings.SystemSettings;
import org.switchboard.model.mail.MailProvider;
import org.switchboard.model.mailbox.AddressKind;
import org.switchboard.model.mailbox.EmailAddress;
import org.switchboard.model.mailbox.EmailAttachment;
import org.switchboard.model.mailbox.EmailMessage;
import org.switchboard.model.mailbox.Mailbox;
import org.switchboard.model.mailbox.MailboxFolder;
import org.switchboard.model.mailbox.MailboxStatus;
import org.switchboard.model.mailbox.SkippedEmail;

/**
 * The transactions of a mailbox sync (MB-02), each its own ({@code REQUIRES_NEW}) so that no transaction stays
 * open while the mail server is talked to: reading the plan, recording the server's folders, storing one batch of
 * e-mails together with the cursor that covers it (repeats skipped, a UIDVALIDITY change matched by dedupe key),
 * and recording how the run ended. Only {@link MailboxSyncService} calls it.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MailboxSyncStore {

    /** The UIDVALIDITY of every Graph or EWS folder: their UIDs are counted by Switchboard and never reused. */
    static final long REMOTE_EPOCH = 1;
    /** At most this many keys in one IN list. */
    private static final int KEYS_CHUNK = 500;

    @PersistenceContext
    private EntityManager em;

    /** The persistence unit's data source: large files are streamed into their rows over it (issue 18 item 7). */
    @Resource(lookup = "java:comp/DefaultDataSource")
    private DataSource dataSource;

    @Inject
    private Clock clock;

    @Inject
    private SecretCipher cipher;

    @Inject
    private EventOutbox outbox;

    @Inject
    private MailboxAccessPolicy access;

    @Inject
    private SystemSettings settings;

    /** Marks the mailbox syncing, fixes its load period's start on the first run, and reads what the run needs. */
    public SyncPlan begin(long mailboxId) {
        Mailbox mailbox = em.createNamedQuery(Mailbox.WITH_PROVIDER, Mailbox.class).setParameter("id", mailboxId)
                .getSingleResult();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (mailbox.getLoadSince() == null) {
            OffsetDateTime since = mailbox.getLoadPeriod().since(now);
            // ALL has no start: the epoch stands for "everything", so that the start is fixed all the same.
            em.createNamedQuery(Mailbox.FIX_LOAD_SINCE).setParameter("id", mailboxId)
                    .setParameter("since", since == null ? OffsetDateTime.parse("1970-01-01T00:00Z") : since)
                    .executeUpdate();
            em.refresh(mailbox);
        }
        em.createNamedQuery(Mailbox.SYNC_STARTED).setParameter("id", mailboxId)
                .setParameter("status", MailboxStatus.SYNCING).executeUpdate();
        return plan(mailbox);
    }

    /** What a "Retry" of a skipped message needs: the plan, without marking the mailbox syncing. */
    public SyncPlan plan(long mailboxId) {
        return plan(em.createNamedQuery(Mailbox.WITH_PROVIDER, Mailbox.class).setParameter("id", mailboxId)
                .getSingleResult());
    }

    private SyncPlan plan(Mailbox mailbox) {
        long mailboxId = mailbox.getId();
        Map<String, FolderCursor> cursors = new HashMap<>();
        Map<String, SyncPlan.RemoteCursor> remote = new HashMap<>();
        Set<String> selected = new HashSet<>();
        OffsetDateTime since = mailbox.getLoadSince().toEpochSecond() == 0 ? null : mailbox.getLoadSince();
        for (MailboxFolder folder : em.createNamedQuery(MailboxFolder.OF_MAILBOX, MailboxFolder.class)
                .setParameter("mailboxId", mailboxId).getResultList()) {
            if (folder.isSelected()) {
                selected.add(folder.getFullName());
            }
            if (folder.getRemoteId() != null) {
                remote.put(folder.getFullName(), new SyncPlan.RemoteCursor(folder.getRemoteId(),
                        folder.getSyncState(), folder.getLastUid(), folder.getSubscriptionId(),
                        folder.getSubscriptionExpiresAt(), folder.getSubscriptionRefusedAt()));
            } else if (folder.getUidValidity() != 0) {
                cursors.put(folder.getFullName(), new FolderCursor(folder.getUidValidity(), folder.getUidNext(),
                        folder.getLastUid(), folder.getHighestModSeq(), folder.getPeriodUidLimit(), since));
            }
        }
        MailProvider provider = mailbox.getProvider();
        MailTransport transport = MailTransport.of(provider);
        MailServer imap = transport == MailTransport.IMAP ? MailServer.imap(provider) : null;
        String password = mailbox.getPassword() == null ? null : cipher.decrypt(mailbox.getPassword());
        return new SyncPlan(mailboxId, mailbox.getAddress(), access.panelAudience(mailboxId), imap, mailbox.getLogin(),
                password, mailbox.isAllFolders(), selected, cursors, FolderCursor.initial(since), transport, remote,
                since, mailbox.isAutoSync() ? hooksUrl() : null,
                transport == MailTransport.EWS ? EwsAccess.mailbox(provider, mailbox.getAddress(), mailbox.getLogin(),
                        password) : null);
    }

    /** MP-11: {@code SiteUrl} without its trailing slash when it is a public https address, else {@code null}. */
    private String hooksUrl() {
        return settings.text(SettingCodes.SITE_URL).map(String::strip).filter(GraphHooks::publicHttps)
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url).orElse(null);
    }

    /** MP-11: a renewed subscription's new expiry. */
    public void subscriptionRenewed(String subscriptionId, OffsetDateTime expiresAt) {
        em.createNamedQuery(MailboxFolder.SET_SUBSCRIPTION_EXPIRY).setParameter("subscriptionId", subscriptionId)
                .setParameter("expiresAt", expiresAt).executeUpdate();
    }

    /**
     * MP-11: records a folder's new Graph subscription with its clientState (encrypted), or, with {@code null}s,
     * forgets it; {@code refusedAt}: Graph refused one then.
     */
    public void subscription(SyncPlan plan, String folderName, String subscriptionId, String clientState,
            OffsetDateTime expiresAt, OffsetDateTime refusedAt) {
        em.createNamedQuery(MailboxFolder.SET_SUBSCRIPTION).setParameter("id", folder(plan, folderName).getId())
                .setParameter("subscriptionId", subscriptionId)
                .setParameter("secret", clientState == null ? null : cipher.encrypt(clientState))
                .setParameter("expiresAt", expiresAt).setParameter("refusedAt", refusedAt).executeUpdate();
    }

    /**
     * MB-02 over Graph or EWS: records the service's folders (path and id) that the mailbox does not know yet, and
     * the new id of a known one the service recreated (its sync state then starts again).
     */
    public void recordRemoteFolders(long mailboxId, Map<String, String> idsByPath) {
        Map<String, MailboxFolder> known = new HashMap<>();
        for (MailboxFolder folder : em.createNamedQuery(MailboxFolder.OF_MAILBOX, MailboxFolder.class)
                .setParameter("mailboxId", mailboxId).getResultList()) {
            known.put(folder.getFullName(), folder);
        }
        Mailbox mailbox = em.getReference(Mailbox.class, mailboxId);
        idsByPath.forEach((path, remoteId) -> {
            MailboxFolder folder = known.get(path);
            if (folder == null) {
                if (path.length() <= MailboxFolder.NAME_MAX && remoteId.length() <= MailboxFolder.REMOTE_ID_MAX) {
                    em.persist(new MailboxFolder(mailbox, path, remoteId));
                }
            } else if (!remoteId.equals(folder.getRemoteId()) && remoteId.length() <= MailboxFolder.REMOTE_ID_MAX) {
                em.createNamedQuery(MailboxFolder.SET_REMOTE_ID).setParameter("id", folder.getId())
                        .setParameter("remoteId", remoteId).executeUpdate();
                em.createNamedQuery(MailboxFolder.SET_SYNC_STATE).setParameter("id", folder.getId())
                        .setParameter("uidValidity", 1L).setParameter("lastUid", folder.getLastUid())
                        .setParameter("syncState", null).setParameter("at", OffsetDateTime.now(clock))
                        .executeUpdate();
            }
        });
    }

    /** The dedupe keys among {@code keys} that the mailbox holds already in any folder (read before downloading). */
    public Set<String> keysStored(long mailboxId, List<String> keys) {
        return keysIn(mailboxId, keys.stream().map(k -> EmailMessage.clip(k, EmailMessage.KEY_MAX)).distinct()
                .toList());
    }

    /**
     * Stores one page of a Graph or EWS folder with the sync state that covers it, in one transaction (MB-02): a
     * crash repeats the page at most, and a repeated message is found by its dedupe key. Its e-mails carry the
     * folder's counted UIDs in epoch 1.
     *
     * @return how many e-mails were new
     */
    public int storeRemote(SyncPlan plan, String folderName, List<FetchedMail> mails, List<SkippedMail> skipped,
            String syncState, long lastUid, int plannedSoFar, int loadedSoFar) {
        MailboxFolder folder = folder(plan, folderName);
        int added = storeMails(plan, folder, mails, REMOTE_EPOCH, false);
        recordSkipped(plan, folder, REMOTE_EPOCH, skipped);
        em.createNamedQuery(MailboxFolder.SET_SYNC_STATE).setParameter("id", folder.getId())
                .setParameter("uidValidity", REMOTE_EPOCH).setParameter("lastUid", lastUid)
                .setParameter("syncState", syncState).setParameter("at", OffsetDateTime.now(clock)).executeUpdate();
        em.createNamedQuery(Mailbox.SYNC_PROGRESS).setParameter("id", plan.mailboxId())
                .setParameter("planned", plannedSoFar).setParameter("loaded", loadedSoFar + added)
                .setParameter("until", OffsetDateTime.now(clock).plus(MailboxSyncService.CLAIM)).executeUpdate();
        return added;
    }

    /** Records the folders the server lists that the mailbox does not know yet (MB-10 offers them to tick). */
    public void recordFolders(long mailboxId, List<String> names) {
        Set<String> known = new HashSet<>();
        for (MailboxFolder folder : em.createNamedQuery(MailboxFolder.OF_MAILBOX, MailboxFolder.class)
                .setParameter("mailboxId", mailboxId).getResultList()) {
            known.add(folder.getFullName());
        }
        Mailbox mailbox = em.getReference(Mailbox.class, mailboxId);
        for (String name : names) {
            if (!known.contains(name) && name.length() <= MailboxFolder.NAME_MAX) {
                em.persist(new MailboxFolder(mailbox, name));
            }
        }
    }

    /**
     * Stores one batch of a folder with the cursor that covers it, the batch's messages that could not be read (the
     * mailbox's list of skipped messages), and the run's progress. A message already stored under its UID is
     * skipped (a repeated batch stores nothing twice); after a UIDVALIDITY change a message found by its dedupe key
     * is moved to its new UID instead of being stored again.
     *
     * @return how many e-mails were new
     */
    public int store(SyncPlan plan, String folderName, List<FetchedMail> mails, List<SkippedMail> skipped,
            FolderCursor cursor, boolean resync, int plannedSoFar, int loadedSoFar) {
        MailboxFolder folder = folder(plan, folderName);
        int added = storeMails(plan, folder, mails, cursor.uidValidity(), resync);
        recordSkipped(plan, folder, cursor.uidValidity(), skipped);
        em.createNamedQuery(MailboxFolder.SET_CURSOR).setParameter("id", folder.getId())
                .setParameter("uidValidity", cursor.uidValidity()).setParameter("uidNext", cursor.uidNext())
                .setParameter("lastUid", cursor.lastUid()).setParameter("highestModSeq", cursor.highestModSeq())
                .setParameter("periodUidLimit", cursor.periodUidLimit())
                .setParameter("at", OffsetDateTime.now(clock)).executeUpdate();
        em.createNamedQuery(Mailbox.SYNC_PROGRESS).setParameter("id", plan.mailboxId())
                .setParameter("planned", plannedSoFar).setParameter("loaded", loadedSoFar + added)
                .setParameter("until", OffsetDateTime.now(clock).plus(MailboxSyncService.CLAIM)).executeUpdate();
        return added;
    }

    /**
     * Stores one message alone, without moving the cursor: after its batch failed to store, each message is tried
     * on its own, so that the one the database refuses is skipped and the others are kept.
     *
     * @return 1 when it was new
     */
    public int storeAlone(SyncPlan plan, String folderName, FetchedMail mail, long uidValidity, boolean resync) {
        return storeMails(plan, folder(plan, folderName), List.of(mail), uidValidity, resync);
    }

    /** "Retry" of a skipped message that could now be read: it is stored (once) and leaves the skipped list. */
    public int storeRetried(SyncPlan plan, long skippedId, FetchedMail mail) {
        SkippedEmail skipped = em.find(SkippedEmail.class, skippedId);
        if (skipped == null) {
            return 0;
        }
        int added = storeMails(plan, skipped.getFolder(), List.of(mail), skipped.getUidValidity(), false);
        em.remove(skipped);
        return added;
    }

    /** "Retry" of a skipped message failed again: the new reason is recorded. */
    public void retryFailed(long skippedId, String reason) {
        SkippedEmail skipped = em.find(SkippedEmail.class, skippedId);
        if (skipped != null) {
            skipped.failedAgain(reason, OffsetDateTime.now(clock));
        }
    }

    /** "Retry" found the message gone from the server (deleted, or the folder's UIDVALIDITY changed). */
    public void forgetSkipped(long skippedId) {
        SkippedEmail skipped = em.find(SkippedEmail.class, skippedId);
        if (skipped != null) {
            em.remove(skipped);
        }
    }

    private MailboxFolder folder(SyncPlan plan, String folderName) {
        return em.createNamedQuery(MailboxFolder.BY_NAME, MailboxFolder.class)
                .setParameter("mailboxId", plan.mailboxId()).setParameter("fullName", folderName).getSingleResult();
    }

    private int storeMails(SyncPlan plan, MailboxFolder folder, List<FetchedMail> mails, long uidValidity,
            boolean resync) {
        if (mails.isEmpty()) {
            return 0;
        }
        int added = 0;
        Set<Long> present = new HashSet<>();
        long firstUid = mails.stream().mapToLong(FetchedMail::uid).min().orElseThrow();
        long lastUid = mails.stream().mapToLong(FetchedMail::uid).max().orElseThrow();
        for (EmailMessage known : em.createNamedQuery(EmailMessage.IN_UID_RANGE, EmailMessage.class)
                .setParameter("folderId", folder.getId()).setParameter("uidValidity", uidValidity)
                .setParameter("firstUid", firstUid).setParameter("lastUid", lastUid).getResultList()) {
            present.add(known.getUid());
        }
        // After a UIDVALIDITY change any stored message may come back; otherwise only e-mails sent from here and
        // saved to this folder without a UID (no UIDPLUS) are waiting for theirs (MB-03).
        Map<String, EmailMessage> earlier = resync ? byDedupeKey(folder, mails) : unplaced(folder);
        // A message that another folder holds too (a copy, Gmail's labels and "All Mail") is stored once.
        Set<String> stored = keysInMailbox(plan.mailboxId(), mails, present);
        Mailbox mailbox = em.getReference(Mailbox.class, plan.mailboxId());
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (FetchedMail mail : mails) {
            if (present.contains(mail.uid())) {
                continue;
            }
            String key = EmailMessage.clip(mail.dedupeKey(), EmailMessage.KEY_MAX);
            EmailMessage old = earlier.remove(key);
            if (old != null) {
                old.moveTo(uidValidity, mail.uid());
                stored.add(key);
                continue;
            }
            if (!stored.add(key)) {
                continue;
            }
            insert(plan, mailbox, folder, uidValidity, mail, now);
            added++;
        }
        return added;
    }

    /** Adds the batch's unreadable messages to the mailbox's skipped list (a repeat records the new reason). */
    private void recordSkipped(SyncPlan plan, MailboxFolder folder, long uidValidity, List<SkippedMail> skipped) {
        if (skipped.isEmpty()) {
            return;
        }
        Map<Long, SkippedEmail> known = new HashMap<>();
        for (SkippedEmail row : em.createNamedQuery(SkippedEmail.IN_FOLDER, SkippedEmail.class)
                .setParameter("folderId", folder.getId()).setParameter("uidValidity", uidValidity)
                .setParameter("uids", skipped.stream().map(SkippedMail::uid).toList()).getResultList()) {
            known.put(row.getUid(), row);
        }
        Mailbox mailbox = em.getReference(Mailbox.class, plan.mailboxId());
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (SkippedMail mail : skipped) {
            SkippedEmail row = known.get(mail.uid());
            if (row != null) {
                row.failedAgain(mail.reason(), now);
            } else {
                em.persist(new SkippedEmail(mailbox, folder, uidValidity, mail.uid(), mail.reason(), now));
            }
        }
    }

    /** CONDSTORE: read flags changed on the server, with the folder's cursor. */
    public void flagsChanged(SyncPlan plan, String folderName, Map<Long, Boolean> seenByUid, FolderCursor cursor) {
        MailboxFolder folder = em.createNamedQuery(MailboxFolder.BY_NAME, MailboxFolder.class)
                .setParameter("mailboxId", plan.mailboxId()).setParameter("fullName", folderName).getSingleResult();
        seenByUid.forEach((uid, seen) -> em.createNamedQuery(EmailMessage.SET_SEEN)
                .setParameter("folderId", folder.getId()).setParameter("uidValidity", cursor.uidValidity())
                .setParameter("uid", uid).setParameter("seen", seen).executeUpdate());
    }

    /** Ends a run: ready, or failed with the reason the owner sees; the next automatic run is scheduled. */
    public void finish(long mailboxId, MailFailure failure, OffsetDateTime nextSyncAt) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        em.createNamedQuery(Mailbox.SYNC_FINISHED).setParameter("id", mailboxId)
                .setParameter("status", failure == null ? MailboxStatus.READY : MailboxStatus.FAILED)
                .setParameter("error", failure == null ? null
                        : EmailMessage.clip(failure.toString(), Mailbox.ERROR_MAX))
                .setParameter("errorAt", failure == null ? null : now)
                .setParameter("at", now).setParameter("next", nextSyncAt).executeUpdate();
    }

    /** The dedupe keys of the batch's messages not in this folder yet that the mailbox holds in any folder. */
    private Set<String> keysInMailbox(long mailboxId, List<FetchedMail> mails, Set<Long> present) {
        return keysIn(mailboxId, mails.stream().filter(m -> !present.contains(m.uid()))
                .map(m -> EmailMessage.clip(m.dedupeKey(), EmailMessage.KEY_MAX)).distinct().toList());
    }

    private Set<String> keysIn(long mailboxId, List<String> keys) {
        Set<String> stored = new HashSet<>();
        for (int from = 0; from < keys.size(); from += KEYS_CHUNK) {
            stored.addAll(em.createNamedQuery(EmailMessage.KEYS_IN_MAILBOX, String.class)
                    .setParameter("keys", InLists.padded(keys.subList(from, Math.min(keys.size(), from + KEYS_CHUNK))))
                    .setParameter("mailboxId", mailboxId).getResultList());
        }
        return stored;
    }

    private Map<String, EmailMessage> byDedupeKey(MailboxFolder folder, List<FetchedMail> mails) {
        Map<String, EmailMessage> byKey = new HashMap<>();
        List<String> keys = mails.stream().map(m -> EmailMessage.clip(m.dedupeKey(), EmailMessage.KEY_MAX))
                .distinct().toList();
        for (EmailMessage email : em.createNamedQuery(EmailMessage.BY_DEDUPE_KEY, EmailMessage.class)
                .setParameter("folderId", folder.getId()).setParameter("keys", keys).getResultList()) {
            byKey.putIfAbsent(email.getDedupeKey(), email);
        }
        return byKey;
    }

    /** The folder's sent e-mails still waiting for their UID (MB-03), by dedupe key. */
    private Map<String, EmailMessage> unplaced(MailboxFolder folder) {
        Map<String, EmailMessage> byKey = new HashMap<>();
        for (EmailMessage email : em.createNamedQuery(EmailMessage.UNPLACED_OF_FOLDER, EmailMessage.class)
                .setParameter("folderId", folder.getId()).getResultList()) {
            byKey.putIfAbsent(email.getDedupeKey(), email);
        }
        return byKey;
    }

    /**
     * Issue 18 item 7: the bytes of large files, streamed from their spooled files into their flushed rows over
     * JDBC, in this transaction (the container hands out the connection the persistence context writes with), so
     * that no more than a driver's buffer of them is in the heap. A failure rolls the whole batch back; the sync
     * reads it again next time.
     */
    private void streamContents(Map<EmailAttachment, FetchedMail.Attachment> files) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(EmailAttachment.STREAM_CONTENT)) {
            for (Map.Entry<EmailAttachment, FetchedMail.Attachment> file : files.entrySet()) {
                try (InputStream in = file.getValue().open()) {
                    update.setBinaryStream(1, in, file.getValue().sizeBytes());
                    update.setLong(2, file.getKey().getId());
                    if (update.executeUpdate() != 1) {
                        throw new IllegalStateException("The row of file " + file.getKey().getId()
                                + " was not found to stream its content into");
                    }
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("MB-02: a large file could not be streamed into the database", e);
        }
    }

    private void insert(SyncPlan plan, Mailbox mailbox, MailboxFolder folder, long uidValidity, FetchedMail mail,
            OffsetDateTime now) {
        EmailMessage email = new EmailMessage(mailbox, folder, uidValidity, mail.uid(), mail.dedupeKey(),
                mail.threadKey(), now);
        email.setContent(mail.messageId(), mail.inReplyTo(), mail.subject(),
                mail.from() == null ? null : mail.from().address(), mail.from() == null ? null : mail.from().name(),
                mail.sentAt(), mail.receivedAt(), mail.sizeBytes(), mail.textBody(), mail.htmlBody(),
                mail.attachments().size());
        email.setSeen(mail.seen());
        if (!mail.problems().isEmpty()) {
            email.setReadProblems(String.join("\n", mail.problems().stream().map(ReadProblem::encoded).toList()));
        }
        em.persist(email);
        if (mail.from() != null) {
            em.persist(new EmailAddress(email, AddressKind.FROM, mail.from().address(), mail.from().name()));
        }
        mail.to().forEach(a -> em.persist(new EmailAddress(email, AddressKind.TO, a.address(), a.name())));
        mail.cc().forEach(a -> em.persist(new EmailAddress(email, AddressKind.CC, a.address(), a.name())));
        mail.bcc().forEach(a -> em.persist(new EmailAddress(email, AddressKind.BCC, a.address(), a.name())));
        Map<EmailAttachment, FetchedMail.Attachment> streamed = new LinkedHashMap<>();
        for (FetchedMail.Attachment file : mail.attachments()) {
            if (file.spooled() == null) {
                em.persist(new EmailAttachment(email, file.fileName(), file.contentType(), file.contentId(),
                        file.inline(), file.content()));
            } else {
                EmailAttachment row = EmailAttachment.streamed(email, file.fileName(), file.contentType(),
                        file.contentId(), file.inline(), file.sizeBytes());
                em.persist(row);
                streamed.put(row, file);
            }
        }
        if (!streamed.isEmpty()) {
            em.flush();
            streamContents(streamed);
        }
        outbox.record(new EmailReceived(email.getId(), plan.mailboxId(), plan.address(), mail.messageId(),
                email.getThreadKey(), mail.receivedAt(), mail.to().size() + mail.cc().size(),
                mail.attachments().size(), plan.audience()), "system");
    }
}
