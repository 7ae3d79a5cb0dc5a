package org.switchboard.core.crm.sync;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A mailbox's contact sync as its page and REST show it (EC-01..EC-05): settings, the folders the mailbox reported,
 * where the sync stands ("142 items handled", last synced, the last failure) and the conflicts and failures to look at.
 * {@code setUp}: its settings were saved, or a run asked for, at least once; {@code running}: a run holds it now;
 * {@code requested}: a run is asked for and has not started yet.
 */
public record ContactSyncView(long mailboxId, long version, boolean setUp, boolean autoSync, boolean importContacts,
        boolean allFolders, List<Folder> folders, String exportMode, List<Long> categoryIds, List<Long> groupIds, String status,
        int progressDone, OffsetDateTime lastSyncedAt, String lastError, OffsetDateTime lastErrorAt, boolean running, boolean requested,
        List<Issue> issues) implements Serializable {

    /** A contact folder of the mailbox, and whether it is synced when not all are. */
    public record Folder(String id, String name, boolean selected) implements Serializable {
    }

    /** A conflict (KEPT_HERE, KEPT_THERE) or a failure (FAILED) of a run. */
    public record Issue(String kind, Long contactId, String detail, OffsetDateTime occurredAt) implements Serializable {
    }
}
