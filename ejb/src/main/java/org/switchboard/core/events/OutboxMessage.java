package org.switchboard.core.events;

/** A domain event journaled in a transaction and to be published on the topic once that transaction commits. */
public record OutboxMessage(long journalId, String eventId, String type, int version, String body) {
}
