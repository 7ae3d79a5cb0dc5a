package org.switchboard.core.crm.sync;

import java.time.OffsetDateTime;
import java.util.List;
import org.switchboard.core.crm.ContactDraft;

/**
 * The CRM side of one mailbox's contact sync (EC-01..EC-04): the links between CRM contacts and remote items, each
 * folder's committed state, and the contacts that changed here. Each method is its own transaction; a page of remote
 * changes is committed with the folder's new state, all or nothing, so a run killed mid-way repeats nothing it
 * committed and loses nothing it did not.
 */
public interface ContactSyncStore {

    /** Records the contact folders the provider listed (a run's first step), so they can be picked (EC-01). */
    void folders(List<ContactRemote.Folder> folders);

    /** The folder's committed state, or null before its first complete round. */
    String state(String folderId);

    /** The link of a remote item, or null when none. */
    Link linkOfRemote(String remoteId);

    /** The link of a CRM contact, or null when none. */
    Link linkOfContact(long contactId);

    /** The CRM contact as the sync compares it, or null when it no longer exists. */
    Local local(long contactId);

    /** Applies one page's decisions and commits the folder's new state with them. */
    void commitPage(String folderId, List<Decision> decisions, String state);

    /**
     * Up to {@code max} contacts in the export scope that changed here since they were last synced (their version
     * is not the link's), or were never synced with this mailbox; never one the remote side deleted (EC-02).
     */
    List<Local> changedHere(int max);

    /** The links whose CRM contact was deleted here. */
    List<Link> deletedHere();

    /**
     * Commits, before a create is sent, the contact's pending link: the version sent and the fingerprint of what was
     * sent ({@link ContactSyncRun#fingerprint}), so that a run killed before the answer is recorded does not create it
     * twice.
     */
    void creating(long contactId, long version, String fingerprint);

    /** The pending link of a contact that still exists whose create sent what has this fingerprint, or null. */
    Link pendingOf(String fingerprint);

    /** Records a contact written to the remote side: linked at the version written (a pending link is replaced). */
    void written(long contactId, long syncedVersion, ContactRemote.Written written, boolean createdHere);

    /** Marks the link of a remote item the provider no longer has (found so by a write): the contact stays here. */
    void removedThere(String remoteId);

    /** Forgets a link whose CRM contact was deleted here (after the remote item was deleted, or left). */
    void forget(String remoteId);

    /** Records an item that could not be synced, with the reason; the run goes on without it. */
    void failed(String remoteId, Long contactId, String reason);

    /**
     * A contact linked to a remote item in this mailbox.
     *
     * @param contactId     the CRM contact, or null when it was deleted here
     * @param changeKey     the remote item's version when last synced
     * @param syncedVersion the CRM contact's version when last synced
     * @param createdHere   whether the sync created the remote item (only those are deleted there, EC-01)
     * @param removedThere  whether the remote item was deleted: the link stays so the contact is not exported again
     * @param pending       whether a create was sent whose answer was never recorded ({@code syncedVersion} is the
     *                      version sent; {@code remoteId} is not the provider's)
     */
    record Link(Long contactId, String remoteId, String changeKey, long syncedVersion, boolean createdHere,
            boolean removedThere, boolean pending) {

        /** A link that is not pending. */
        public Link(Long contactId, String remoteId, String changeKey, long syncedVersion, boolean createdHere,
                boolean removedThere) {
            this(contactId, remoteId, changeKey, syncedVersion, createdHere, removedThere, false);
        }
    }

    /** A CRM contact as the sync compares and sends it. */
    record Local(long contactId, long version, OffsetDateTime updatedAt, ContactDraft contact) {
    }

    /** What the sync decided for one remote change; the store carries it out. */
    sealed interface Decision {
    }

    /** A contact new there: created here (EC-04 links it to the account bearing its company name). */
    record CreateHere(ContactRemote.Item item) implements Decision {
    }

    /**
     * A contact changed there: its synced parts replaced here. {@code conflict} when it had changed here too and the
     * remote change is the later one.
     */
    record UpdateHere(long contactId, ContactRemote.Item item, boolean conflict) implements Decision {
    }

    /**
     * A contact changed on both sides whose change here is the later one: kept here (the export sends it), the
     * conflict recorded, and the link moved to the remote version so that the export's write is not a conflict again.
     */
    record KeepHere(long contactId, ContactRemote.Item item) implements Decision {
    }

    /**
     * A contact new there that the sync itself created from a CRM contact in a run killed before the answer was
     * recorded: the pending link takes the item, at the version that was sent (a later change here is then exported).
     */
    record Adopt(long contactId, long sentVersion, ContactRemote.Item item) implements Decision {
    }

    /** A contact deleted there: the link marked removed, the CRM contact stays (EC-01). */
    record RemovedThere(String remoteId) implements Decision {
    }
}
