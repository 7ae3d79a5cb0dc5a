package org.switchboard.core.crm.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.logging.Logger;
import org.switchboard.core.crm.ContactDraft;
import org.switchboard.core.crm.sync.ContactSyncStore.Adopt;
import org.switchboard.core.crm.sync.ContactSyncStore.CreateHere;
import org.switchboard.core.crm.sync.ContactSyncStore.Decision;
import org.switchboard.core.crm.sync.ContactSyncStore.KeepHere;
import org.switchboard.core.crm.sync.ContactSyncStore.Link;
import org.switchboard.core.crm.sync.ContactSyncStore.Local;
import org.switchboard.core.crm.sync.ContactSyncStore.RemovedThere;
import org.switchboard.core.crm.sync.ContactSyncStore.UpdateHere;

/**
 * One two-way contact sync run of one mailbox (EC-01..EC-04), the same for every provider ({@link ContactRemote}):
 * first it takes what changed there, folder by folder, each page committed with the folder's new state; then it sends
 * what changed here. The rules:
 * <ul>
 * <li>a remote change the sync wrote itself comes back with the change key it stored, and is skipped;</li>
 * <li>changed there only: the CRM contact takes it; changed on both sides: the later change wins, and a conflict is
 * recorded either way;</li>
 * <li>deleted there: the link is marked removed and the CRM contact stays (and is not exported again); deleted here:
 * the remote item is deleted only when the sync created it, otherwise it is left and the link forgotten;</li>
 * <li>an expired state restarts the folder's round, which matches items by their links and repeats nothing;</li>
 * <li>one item the provider refuses is recorded with its reason, and the run goes on;</li>
 * <li>a create is linked as pending before it is sent: a run killed before the answer is recorded leaves it pending,
 * and the next run adopts the item when its import meets what was sent, or sends it again when it never arrived, so
 * nothing is created twice on either side.</li>
 * </ul>
 * Not thread-safe; the caller holds the mailbox's contact-sync claim.
 */
public final class ContactSyncRun {

    private static final Logger LOG = Logger.getLogger(ContactSyncRun.class.getName());
    /** Contacts read per export batch. */
    static final int EXPORT_BATCH = 100;
    /** Full rounds one folder may restart in one run (a state that keeps expiring is a provider fault). */
    private static final int RESTARTS_MAX = 2;

    private final ContactRemote remote;
    private final ContactSyncStore store;

    public ContactSyncRun(ContactRemote remote, ContactSyncStore store) {
        this.remote = remote;
        this.store = store;
    }

    /** What a run did. */
    public record Result(int createdHere, int updatedHere, int removedThere, int createdThere, int updatedThere,
            int deletedThere, int conflicts, int failed) {
    }

    /**
     * Runs the sync.
     *
     * @param folderIds the folders to take changes from, or null for all (EC-01)
     * @param exports   whether to send the changes made here (EC-02)
     * @param progress  told the number of items handled so far, after each page and each export batch
     */
    public Result run(List<String> folderIds, boolean exports, IntConsumer progress) {
        Counts counts = new Counts();
        List<ContactRemote.Folder> folders = remote.folders();
        store.folders(folders);
        for (ContactRemote.Folder folder : folders) {
            if (folderIds == null || folderIds.contains(folder.id())) {
                importFolder(folder.id(), counts, progress);
            }
        }
        if (exports && !folders.isEmpty()) {
            export(folders.get(0).id(), counts, progress);
        }
        return counts.result();
    }

    private void importFolder(String folderId, Counts counts, IntConsumer progress) {
        String state = store.state(folderId);
        int restarts = 0;
        while (true) {
            ContactRemote.Page page = remote.changes(folderId, state);
            if (page == null) {
                if (state == null || ++restarts > RESTARTS_MAX) {
                    throw new IllegalStateException("The provider refused a full round of contact folder changes");
                }
                LOG.info(() -> "A contact folder's sync state expired; its round starts again");
                state = null;
                continue;
            }
            List<Decision> decisions = new ArrayList<>();
            Set<Long> adopted = new HashSet<>();
            for (ContactRemote.Item item : page.changed()) {
                Decision decision = decide(item, store.linkOfRemote(item.remoteId()));
                if (decision instanceof Adopt adopt && !adopted.add(adopt.contactId())) {
                    decision = new CreateHere(item); // a second item of what was sent once is the provider's own
                }
                if (decision != null) {
                    decisions.add(decision);
                    counts.count(decision);
                }
            }
            for (String removed : page.removed()) {
                Link link = store.linkOfRemote(removed);
                if (link != null && !link.removedThere()) {
                    decisions.add(new RemovedThere(removed));
                    counts.removedThere++;
                }
            }
            store.commitPage(folderId, decisions, page.state());
            counts.handled += page.changed().size() + page.removed().size();
            progress.accept(counts.handled);
            state = page.state();
            if (page.complete()) {
                return;
            }
        }
    }

    /** What one remote change does here, or null when nothing (the sync's own write coming back). */
    Decision decide(ContactRemote.Item item, Link link) {
        if (link == null) {
            Link pending = store.pendingOf(fingerprint(item.contact()));
            return pending == null ? new CreateHere(item)
                    : new Adopt(pending.contactId(), pending.syncedVersion(), item);
        }
        if (Objects.equals(link.changeKey(), item.changeKey()) && !link.removedThere()) {
            return null;
        }
        Local local = link.contactId() == null ? null : store.local(link.contactId());
        if (local == null) {
            return null; // deleted here: the export deletes it there or forgets it
        }
        if (local.version() == link.syncedVersion()) {
            return new UpdateHere(local.contactId(), item, false);
        }
        boolean thereIsLater = item.modifiedAt() != null && item.modifiedAt().isAfter(local.updatedAt());
        return thereIsLater ? new UpdateHere(local.contactId(), item, true) : new KeepHere(local.contactId(), item);
    }

    private void export(String defaultFolderId, Counts counts, IntConsumer progress) {
        for (Link deleted : store.deletedHere()) {
            try {
                if (deleted.createdHere() && !deleted.removedThere() && !deleted.pending()) {
                    remote.delete(deleted.remoteId());
                    counts.deletedThere++;
                }
                store.forget(deleted.remoteId());
            } catch (ContactRemote.ItemRefused e) {
                store.failed(deleted.remoteId(), null, e.getMessage());
                counts.failed++;
            }
        }
        // Each contact is sent at most once a run: one refused, or changed again while it was sent, waits for the next.
        Set<Long> sent = new HashSet<>();
        while (true) {
            List<Local> changed = store.changedHere(EXPORT_BATCH + sent.size()).stream()
                    .filter(local -> !sent.contains(local.contactId())).toList();
            if (changed.isEmpty()) {
                return;
            }
            for (Local local : changed) {
                sent.add(local.contactId());
                exportOne(defaultFolderId, local, counts);
            }
            counts.handled += changed.size();
            progress.accept(counts.handled);
        }
    }

    private void exportOne(String defaultFolderId, Local local, Counts counts) {
        Link link = store.linkOfContact(local.contactId());
        try {
            if (link != null && !link.pending()) {
                ContactRemote.Written written = remote.update(link.remoteId(), local.contact());
                if (written != null) {
                    store.written(local.contactId(), local.version(), written, link.createdHere());
                    counts.updatedThere++;
                    return;
                }
                store.removedThere(link.remoteId()); // deleted there since the import: the contact stays here
                counts.removedThere++;
                return;
            }
            // Pending still at this point: the import of this run did not meet it, so it never arrived there.
            store.creating(local.contactId(), local.version(), fingerprint(local.contact()));
            store.written(local.contactId(), local.version(), remote.create(defaultFolderId, local.contact()), true);
            counts.createdThere++;
        } catch (ContactRemote.ItemRefused e) {
            store.failed(link == null || link.pending() ? null : link.remoteId(), local.contactId(), e.getMessage());
            counts.failed++;
        }
    }

    /**
     * What identifies a contact the sync sent, as it comes back from the provider: its name and first address, lower
     * case, hashed (every provider keeps both as sent; Outlook drops a fourth address, so later ones are left out).
     */
    static String fingerprint(ContactDraft contact) {
        String name = contact.name() == null ? "" : contact.name().strip().toLowerCase(Locale.ROOT);
        String email = contact.emails() == null || contact.emails().isEmpty() || contact.emails().get(0) == null ? ""
                : contact.emails().get(0).strip().toLowerCase(Locale.ROOT);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((name + "\n" + email).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The run's tallies. */
    private static final class Counts {

        int createdHere;
        int updatedHere;
        int removedThere;
        int createdThere;
        int updatedThere;
        int deletedThere;
        int conflicts;
        int failed;
        int handled;

        void count(Decision decision) {
            if (decision instanceof CreateHere) {
                createdHere++;
            } else if (decision instanceof UpdateHere updated) {
                updatedHere++;
                conflicts += updated.conflict() ? 1 : 0;
            } else if (decision instanceof KeepHere) {
                conflicts++;
            }
        }

        Result result() {
            return new Result(createdHere, updatedHere, removedThere, createdThere, updatedThere, deletedThere,
                    conflicts, failed);
        }
    }
}
