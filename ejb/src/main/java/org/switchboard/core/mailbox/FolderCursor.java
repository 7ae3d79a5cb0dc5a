package org.switchboard.core.mailbox;

import java.time.OffsetDateTime;

/**
 * Where the sync of one IMAP folder stands (MB-02). Everything with a UID up to {@code lastUid} in the folder's
 * {@code uidValidity} epoch has been handled (stored, or left out as older than the load period); the cursor is
 * committed in the same transaction as the messages it covers, so a crash repeats nothing and skips nothing.
 *
 * @param uidValidity the folder's UIDVALIDITY when the cursor was taken; 0 before the first sync
 * @param uidNext the folder's UIDNEXT then: the same value next time (and the same HIGHESTMODSEQ) means no change
 * @param highestModSeq the folder's HIGHESTMODSEQ (CONDSTORE); 0 when the server has no CONDSTORE
 * @param periodUidLimit UIDs below it existed when the first sync began and are loaded only when received on or
 *     after {@code loadSince}; UIDs from it on are new mail and always loaded. 0 before the first sync
 * @param loadSince the start of the load period chosen for the first sync; {@code null}: load everything
 */
public record FolderCursor(long uidValidity, long uidNext, long lastUid, long highestModSeq, long periodUidLimit,
        OffsetDateTime loadSince) {

    /** The cursor of a folder that was never synced, loading mail received since {@code loadSince} (or all). */
    public static FolderCursor initial(OffsetDateTime loadSince) {
        return new FolderCursor(0, 0, 0, 0, 0, loadSince);
    }

    public boolean neverSynced() {
        return uidValidity == 0;
    }

    FolderCursor withLastUid(long uid) {
        return new FolderCursor(uidValidity, uidNext, uid, highestModSeq, periodUidLimit, loadSince);
    }
}
