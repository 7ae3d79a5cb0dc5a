package org.switchboard.core.crm.sync;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A mailbox's contact sync as its page and REST show it (EC-01..EC-05): settings, the folders the mailbox reported,
 * where the sync stands ("142 items handled", last synced, the last failure) and the conflicts and failures to look at.
 */
public record ContactSyncView(long mailboxId, long version, boolean autoSync, boolean allFolders,
        List<Folder> folders, String exportMode, List<Long> categoryIds, String status, int progressDone,
        OffsetDateTime lastSyncedAt, String lastError, OffsetDateTime lastErrorAt, boolean running,
        List<Issue> issues) {

    /** A contact folder of the mailbox, and whether it is synced when not all are. */
    public record Folder(String id, String name, boolean selected) {
    }

    /** A conflict (KEPT_HERE, KEPT_THERE) or a failure (FAILED) of a run. */
    public record Issue(String kind, Long contactId, String detail, OffsetDateTime occurredAt) {
    }
}
