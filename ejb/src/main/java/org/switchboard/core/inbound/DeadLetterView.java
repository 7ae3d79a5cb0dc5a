package org.switchboard.core.inbound;

import java.time.OffsetDateTime;
import org.switchboard.model.inbound.DeadLetterStatus;

/**
 * A dead letter as administrators see it: kind and format version, how it came and who submitted it, reason,
 * payload, attempts and resolution.
 */
public record DeadLetterView(long id, String kind, int version, String source, String submittedBy,
        DeadLetterStatus status, String reasonCode,
        String reason, String payload, OffsetDateTime receivedAt, int attempts, OffsetDateTime lastAttemptAt,
        OffsetDateTime resolvedAt, String resolvedBy) {
}
