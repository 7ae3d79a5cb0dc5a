package org.switchboard.core.exchange;

import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Microsoft 365 mail over Microsoft Graph, in our own terms (MB-02, MB-03, MP-11): the folder tree, one page of a
 * folder's delta round, a message's MIME and a MIME send. Every call may throw {@link GraphException}, whose outcome
 * says what the caller does next; no Graph SDK type escapes it.
 */
public interface GraphMailClient {

    /**
     * Every folder of the mailbox, parents before their children, across all pages: the list the mailbox's owner
     * picks synced folders from (a parent does not include its subfolders).
     */
    List<MailFolder> folders(GraphMailbox mailbox);

    /**
     * One page of the folder's delta round: the first page of a new round when {@code link} is null, else the page
     * at {@code link}, an {@code @odata.nextLink} or {@code @odata.deltaLink} Graph gave before (only a link to Graph's
     * own origin is followed).
     *
     * @param maxPageSize how many messages at most in the page ({@code Prefer: odata.maxpagesize})
     * @throws GraphException {@link GraphException.Outcome#DELTA_EXPIRED} when the link's delta token expired
     */
    DeltaPage delta(GraphMailbox mailbox, String folderId, String link, int maxPageSize);

    /**
     * The message's MIME source ({@code /messages/{id}/$value}), streamed as it arrives: the caller reads it through
     * (into the mail parser) and must close it, which frees the mailbox's request slot. Reading past the configured
     * maximum size fails with an {@link java.io.IOException} that says so.
     */
    InputStream mime(GraphMailbox mailbox, String messageId);

    /** Sends a complete MIME message as the mailbox ({@code /sendMail}, saved to Sent Items); Graph answers 202. */
    void sendMail(GraphMailbox mailbox, byte[] mime);

    /**
     * One mail folder.
     *
     * @param parentId the parent folder's id (the invisible root's for a top-level folder)
     * @param wellKnownName {@code inbox}, {@code sentitems} …, or null for a folder the user made
     * @param totalCount the messages in the folder itself, not counting its subfolders
     */
    record MailFolder(String id, String parentId, String displayName, String wellKnownName, long totalCount,
            int childFolderCount) {
    }

    /**
     * A message new or changed in the folder since the round's last delta link.
     *
     * @param internetMessageId the {@code Message-ID} header, which de-duplicates it in the mailbox
     */
    record DeltaMessage(String id, String internetMessageId, OffsetDateTime receivedAt) {
    }

    /**
     * One page of a delta round: exactly one of {@code nextLink} (more pages follow) and {@code deltaLink} (the round
     * is complete: keep it, committed with the messages it covers, for the next round) is set.
     *
     * @param removedIds messages deleted or moved out of the folder
     */
    record DeltaPage(List<DeltaMessage> changed, List<String> removedIds, String nextLink, String deltaLink) {

        public DeltaPage {
            changed = List.copyOf(changed);
            removedIds = List.copyOf(removedIds);
        }

        /** Whether this is the round's last page. */
        public boolean complete() {
            return deltaLink != null;
        }
    }
}
