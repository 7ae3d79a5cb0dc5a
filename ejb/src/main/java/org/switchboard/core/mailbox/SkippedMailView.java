package org.switchboard.core.mailbox;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** A message of the mailbox that a sync skipped (MB-02), as the mailbox page lists it with "Retry". */
public record SkippedMailView(long id, String folder, long uidValidity, long uid, String reason, OffsetDateTime skippedAt,
        int attempts) implements Serializable {
}
