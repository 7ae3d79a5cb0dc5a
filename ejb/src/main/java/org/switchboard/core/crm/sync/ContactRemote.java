package org.switchboard.core.crm.sync;

import java.time.OffsetDateTime;
import java.util.List;
import org.switchboard.core.crm.ContactDraft;

/**
 * The remote side of a two-way contact sync (EC-01, EC-02) in the sync's own terms, so that one {@link ContactSyncRun}
 * serves Microsoft 365 (Graph), Exchange Server (EWS) and Google: the contact folders, each folder's changes since a
 * state the provider gave (Graph's delta link, EWS's SyncState, Google's sync token), and writes. A contact travels
 * as a {@link ContactDraft} holding what both sides keep (name parts, job, company, addresses, phones, birthday,
 * notes); the CRM-only parts (account, category) stay null.
 */
public interface ContactRemote {

    /** Every contact folder, the default one first. */
    List<Folder> folders();

    /**
     * One page of the folder's changes: the first page of a full round when {@code state} is null, else those since
     * the state a page gave before.
     *
     * @return null when the provider no longer knows the state (expired): the caller starts a full round
     */
    Page changes(String folderId, String state);

    /** Creates the contact in the folder; returns how the provider stored it. */
    Written create(String folderId, ContactDraft contact);

    /**
     * Replaces the remote contact's synced parts with those given.
     *
     * @return how the provider stored it, or null when it no longer has the contact
     */
    Written update(String remoteId, ContactDraft contact);

    /** Deletes the remote contact; one the provider no longer has counts as deleted. */
    void delete(String remoteId);

    /** A contact folder. */
    record Folder(String id, String name) {
    }

    /**
     * A contact as the provider holds it.
     *
     * @param changeKey the provider's version of the item (Graph's and EWS's ChangeKey, Google's etag): a change
     *                  the sync wrote itself comes back with the key it was given, and is not taken as a new change
     * @param modifiedAt when it last changed there, compared with the CRM's change time when both sides changed
     */
    record Item(String remoteId, String changeKey, OffsetDateTime modifiedAt, ContactDraft contact) {
    }

    /**
     * One page of a folder's changes; {@code state} is the provider's position after it: the next page's, or, on
     * the {@link #complete} last page, the one the next run starts from. It is committed with what the page applied.
     */
    record Page(List<Item> changed, List<String> removed, String state, boolean complete) {

        public Page {
            changed = List.copyOf(changed);
            removed = List.copyOf(removed);
        }
    }

    /** How the provider stored a write. */
    record Written(String remoteId, String changeKey, OffsetDateTime modifiedAt) {
    }

    /** The provider refused one item (a value it does not take): recorded with the reason, the run goes on. */
    class ItemRefused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public ItemRefused(String reason) {
            super(reason);
        }
    }
}
