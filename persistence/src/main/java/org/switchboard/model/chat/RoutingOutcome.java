package org.switchboard.model.chat;

/** What one routing decision did with a chat. */
public enum RoutingOutcome {
    OFFERED, ASSIGNED, QUEUED, ACCEPTED, REASSIGNED, RELEASED, COMPLETED
}
