package org.switchboard.core.events;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** A journaled domain event as the designer's event log and the REST API show it. */
public record EventJournalView(long id, String eventId, String type, int version, OffsetDateTime occurredAt,
                               String actor, String subject, String payload) implements Serializable {
}
