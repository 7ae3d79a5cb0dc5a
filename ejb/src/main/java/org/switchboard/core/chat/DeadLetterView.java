package org.switchboard.core.chat;

import java.time.OffsetDateTime;
import org.switchboard.model.events.DeadLetterStatus;

/** A dead letter as administrators see it: kind, source, reason, payload, attempts and resolution. */
public record DeadLetterView(long id, String kind, String source, DeadLetterStatus status, String reasonCode,
        String reason, String payload, OffsetDateTime receivedAt, int attempts, OffsetDateTime lastAttemptAt,
        OffsetDateTime resolvedAt, String resolvedBy) {
}
