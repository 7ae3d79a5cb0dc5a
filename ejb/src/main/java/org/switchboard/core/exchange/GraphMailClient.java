package org.switchboard.core.exchange;

import java.io.InputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Microsoft 365 mail over Microsoft Graph, in our own terms (MB-02, MB-03, MP-11): the folder tree, one page of a
 * folder's delta round, a message's MIME, a MIME send, and the change-notification subscriptions that tell the sync
 * a folder changed. Every call may throw {@link GraphException}, whose outcome says what the caller does next; no
 * Graph SDK type escapes it.
 */
public interface GraphMailClient {

    /**
     * MP-11: the longest Graph keeps a subscription to Outlook messages (without resource data). Microsoft's table
     * says 10,080 minutes, "under seven days"; Graph itself refuses more than 10,070 ("Subscription expiration can
     * only be 10070 minutes in the future."), so this is the limit.
     */
    Duration MAX_SUBSCRIPTION = Duration.ofMinutes(10_070);

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

    /**
     * MB-03: whether the mailbox's Sent Items hold the message with that Message-ID (without angle brackets): after a
     * send attempt that was cut off, found there means it went out and is not sent again.
     */
    boolean inSentItems(GraphMailbox mailbox, String messageId);

    /** Sends a complete MIME message as the mailbox ({@code /sendMail}, saved to Sent Items); Graph answers 202. */
    void sendMail(GraphMailbox mailbox, byte[] mime);

    /**
     * MP-11: subscribes {@code notificationUrl} to the folder's messages being created, updated or deleted
     * ({@code POST /subscriptions} on {@code me/mailFolders('{id}')/messages}). Before it answers, Graph POSTs a
     * validation token to the notification URL and to the lifecycle URL, and creates the subscription only when each
     * echoes it within 10 seconds ({@link GraphNotifications#validationAnswer}). An expiry beyond
     * {@link #MAX_SUBSCRIPTION} from now, or none, is shortened to it.
     * <p>
     * A shared mailbox's resource is {@code users/{address}/mailFolders('{id}')/messages}, but Graph documents that a
     * delegated token subscribes only to the signed-in user's own mailbox: the {@code .Shared} scopes do not cover
     * change notifications, so Graph refuses it and such a mailbox is polled ({@code MailboxSyncInterval}).
     *
     * @param lifecycleUrl where Graph sends {@code reauthorizationRequired}, {@code subscriptionRemoved} and
     *        {@code missed}; null for none (it cannot be added later)
     * @param clientState the secret Graph repeats in every notification, at most 255 characters
     * @throws GraphException {@link GraphException.Outcome#REFUSED} with Graph's reason when a URL failed its
     *         validation, or the mailbox is not the token's own
     */
    Subscription subscribe(GraphMailbox mailbox, String folderId, String notificationUrl, String lifecycleUrl,
            String clientState, OffsetDateTime expiresAt);

    /**
     * MP-11: moves the subscription's expiry ({@code PATCH /subscriptions/{id}}), shortened to
     * {@link #MAX_SUBSCRIPTION} from now; this also answers a {@code reauthorizationRequired} lifecycle notification.
     *
     * @throws GraphException {@link GraphException.Outcome#SUBSCRIPTION_GONE} when Graph no longer has it (expired
     *         or removed): subscribe again and sync the folder
     */
    Subscription renew(GraphMailbox mailbox, String subscriptionId, OffsetDateTime expiresAt);

    /** MP-11: deletes the subscription ({@code DELETE /subscriptions/{id}}); one Graph no longer has counts as done. */
    void unsubscribe(GraphMailbox mailbox, String subscriptionId);

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
     * MP-11: a change-notification subscription as Graph created or renewed it.
     *
     * @param resource what it watches, as Graph spells it
     * @param expiresAt when Graph deletes it unless it is renewed
     */
    record Subscription(String id, String resource, OffsetDateTime expiresAt) {
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
