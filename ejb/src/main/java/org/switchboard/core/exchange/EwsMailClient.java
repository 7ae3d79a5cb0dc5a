package org.switchboard.core.exchange;

import java.io.Closeable;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * Exchange Server (on-premises) mail over EWS, in our own terms (MB-02, MB-03, SM-01, MP-11): the folder tree and one
 * folder's items synchronised from a sync state, a message's MIME, a MIME send saved to Sent Items, a look in Sent
 * Items for a message sent before, and streaming notifications of changed folders. Every call may throw
 * {@link EwsException}, whose outcome says what the caller does next; no ews-java-api type escapes it.
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
     * MB-03's "no second send after a cut-off attempt": whether the mailbox's Sent Items hold a message with this
     * Message-ID (FindItem in sentitems, restriction IsEqualTo on message:InternetMessageId, IdOnly, at most 1).
     */
    boolean inSentItems(EwsMailbox mailbox, String internetMessageId);

    /**
     * MP-11: subscribes to streaming notifications of the folders (Subscribe with StreamingSubscriptionRequest; events
     * NewMail, Created, Deleted, Modified, Moved, Copied) and returns the subscription's id.
     *
     * @param folderIds folder ids as {@link #folders} gives them; a well-known name ({@code inbox}, {@code sentitems}
     *     …, see {@link SyncedFolder}) names the mailbox's own folder, the shared mailbox's for a shared mailbox
     */
    String subscribe(EwsMailbox mailbox, List<String> folderIds);

    /**
     * MP-11: listens on the subscription (GetStreamingEvents, ConnectionTimeout in minutes, 1 to 30) and blocks the
     * calling thread until Exchange closes the connection (ConnectionStatus Closed, or the response ends: returns
     * normally), the listener's abort handle is closed from another thread (returns normally: the caller asked for
     * it), or it fails (EwsException; a subscription Exchange no longer knows, ErrorSubscriptionNotFound /
     * ErrorInvalidSubscription / expired, is the new Outcome SUBSCRIPTION_GONE: subscribe again). An exception the
     * listener throws ends the listen and comes out as it is.
     */
    void listen(EwsMailbox mailbox, String subscriptionId, int connectionTimeoutMinutes, StreamListener listener);

    /** What {@link #listen} reports, in the listening thread. */
    interface StreamListener {

        /** The connection is open: {@code abort} closes it from any thread (stops the listen promptly). */
        void opened(Closeable abort);

        /**
         * Exchange notified changes in these folders (ids as SyncFolderHierarchy gives them); heartbeats
         * (ConnectionStatus OK without events) are not reported. An item's event names its folder (and the folder it
         * left, for a move); a folder's event names the folder (and its parents, when it was created, deleted, moved
         * or copied).
         */
        void changed(Set<String> folderIds);
    }

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
