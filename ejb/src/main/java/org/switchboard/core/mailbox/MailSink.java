package org.switchboard.core.mailbox;

import java.util.List;
import java.util.Map;

/**
 * Where {@link ImapFolderSync} hands what it read (MB-02). Each call is one transaction: the messages of a batch and
 * the cursor that covers them are committed together, or neither is.
 */
public interface MailSink {

    /**
     * Stores a batch of one folder's messages together with the folder's new cursor.
     *
     * @param resync the folder's UIDVALIDITY changed: a message already stored under the old epoch (same dedupe key)
     *     must be re-pointed to its new UID, not stored twice
     * @param skipped the batch's messages that could not be read at all: recorded, and the cursor moves past them
     * @param planned how many messages this sync run of the folder is loading in all (for progress)
     */
    void store(String folder, List<FetchedMail> mails, List<SkippedMail> skipped, FolderCursor cursor,
            boolean resync, int planned);

    /** Records read/unread changes of stored messages (CONDSTORE) together with the folder's new cursor. */
    void flagsChanged(String folder, Map<Long, Boolean> seenByUid, FolderCursor cursor);
}
