package org.switchboard.core.exchange;

import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Exchange Server (on-premises) mail over EWS, in our own terms (MB-02, MB-03, SM-01): the folder tree and one
 * folder's items synchronised from a sync state, a message's MIME and a MIME send saved to Sent Items. Every call may
 * throw {@link EwsException}, whose outcome says what the caller does next; no ews-java-api type escapes it.
 */
public interface EwsMailClient {

    /**
     * The mail folders created, changed or deleted since {@code syncState} ({@code SyncFolderHierarchy} under the
     * mailbox's top of information store): every folder when {@code syncState} is null. Calendars, contacts, tasks and
     * search folders are left out.
     *
     * @throws EwsException {@link EwsException.Outcome#SYNC_STATE_INVALID} when Exchange refuses the state
     */
    FolderPage folders(EwsMailbox mailbox, String syncState);

    /**
     * One page of the folder's item changes since {@code syncState} ({@code SyncFolderItems}), every item when it is
     * null. Keep the page's new state, committed with the items it covers, and ask again while
     * {@link ItemPage#moreAvailable()}.
     *
     * @param maxChanges how many changes at most in the page (EWS accepts 1 to 512)
     * @throws EwsException {@link EwsException.Outcome#SYNC_STATE_INVALID} when Exchange refuses the state
     */
    ItemPage syncItems(EwsMailbox mailbox, String folderId, String syncState, int maxChanges);

    /**
     * The message's MIME source ({@code GetItem} with {@code MimeContent}). EWS sends it base64-encoded inside its
     * XML answer, which ews-java-api reads whole: the stream reads memory, and the caller closes it all the same.
     */
    InputStream mime(EwsMailbox mailbox, String itemId);

    /**
     * Sends a complete MIME message as the mailbox ({@code CreateItem} with {@code SendAndSaveCopy}); Exchange keeps
     * the copy in the mailbox's Sent Items (the shared mailbox's own for a shared mailbox).
     */
    void send(EwsMailbox mailbox, byte[] mime);

    /**
     * One mail folder.
     *
     * @param parentId the parent folder's id (the top of information store's for a top-level folder)
     * @param wellKnownName {@code inbox}, {@code sentitems}, {@code drafts}, {@code deleteditems},
     *     {@code junkemail}, {@code outbox}, or null for a folder the user made
     * @param totalCount the items in the folder itself, not counting its subfolders
     */
    record SyncedFolder(String id, String parentId, String displayName, String wellKnownName, long totalCount) {
    }

    /**
     * The folder tree's changes since the state the call was given.
     *
     * @param changed folders created or changed (renamed, moved, their count changed)
     * @param deletedIds folders deleted, of any kind (ids the caller does not know can be ignored)
     * @param syncState the state to keep for the next call
     */
    record FolderPage(List<SyncedFolder> changed, List<String> deletedIds, String syncState) {

        public FolderPage {
            changed = List.copyOf(changed);
            deletedIds = List.copyOf(deletedIds);
        }
    }

    /**
     * An item new or changed in the folder since the state the call was given.
     *
     * @param internetMessageId the {@code Message-ID} header, which de-duplicates it in the mailbox; null for an item
     *     without one and for a change of the read flag alone
     * @param receivedAt when Exchange received it; null for a change of the read flag alone
     * @param read whether it is marked read
     */
    record SyncedItem(String id, String internetMessageId, OffsetDateTime receivedAt, boolean read) {
    }

    /**
     * One page of a folder's item changes.
     *
     * @param deletedIds items deleted or moved out of the folder
     * @param syncState the state to keep, with the items of this page, for the next call
     * @param moreAvailable whether more changes wait beyond this page ({@code IncludesLastItemInRange} false)
     */
    record ItemPage(List<SyncedItem> changed, List<String> deletedIds, String syncState, boolean moreAvailable) {

        public ItemPage {
            changed = List.copyOf(changed);
            deletedIds = List.copyOf(deletedIds);
        }
    }
}
