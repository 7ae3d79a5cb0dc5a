package org.switchboard.core.mailbox;

import java.time.OffsetDateTime;
import org.switchboard.core.exchange.EwsMailbox;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one sync run of a mailbox needs, read in a short transaction before any connection is opened (MB-02): the
 * server and log-in, which folders to sync, and each known folder's cursor.
 *
 * @param audience the logins whose panels show the mailbox's mail (owner and send holders, SM-03)
 * @param selected the ticked folders, used only when {@code allFolders} is off (a ticked parent does not include
 *     its subfolders: names match exactly)
 * @param transport IMAP, or Graph / EWS, whose folders' sync states are in {@code remote}
 * @param loadSince the start of the load period; {@code null}: everything
 * @param hooksUrl MP-11: {@code SiteUrl} when it is a public https address, under which Graph posts change
 *     notifications; {@code null}: no subscriptions, the interval's polling only
 * @param ews an Exchange Server mailbox's EWS address and sign-in; {@code null} for the other transports
 */
public record SyncPlan(long mailboxId, String address, List<String> audience, MailServer imap, String login,
        String password, boolean allFolders, Set<String> selected, Map<String, FolderCursor> cursors,
        FolderCursor initial, MailTransport transport, Map<String, RemoteCursor> remote, OffsetDateTime loadSince,
        String hooksUrl, EwsMailbox ews) {

    /**
     * Where a Graph or EWS folder's sync stands (MB-02): the service's id of it, the delta link or SyncState the next
     * round starts from ({@code null}: a new round), and the last UID given to one of its e-mails.
     */
    public record RemoteCursor(String remoteId, String syncState, long lastUid, String subscriptionId,
            OffsetDateTime subscriptionExpiresAt, OffsetDateTime subscriptionRefusedAt) {
    }

    /** The cursor of a Graph or EWS folder, or a new one. */
    public RemoteCursor remoteCursor(String folder) {
        return remote.getOrDefault(folder, new RemoteCursor(null, null, 0, null, null, null));
    }

    /** The cursor of a folder: its stored one, or the initial one of the mailbox's load period. */
    public FolderCursor cursor(String folder) {
        return cursors.getOrDefault(folder, initial);
    }

    /** Whether a folder the server lists is to be synced. */
    public boolean syncs(String folder) {
        return allFolders || selected.contains(folder);
    }

    /** Never printed with the password. */
    @Override
    public String toString() {
        return "SyncPlan[mailbox " + mailboxId + " " + address + "]";
    }
}
