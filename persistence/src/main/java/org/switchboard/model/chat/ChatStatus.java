package org.switchboard.model.chat;

/**
 * Where a chat is in its life: waiting for capacity, offered to all (CH-03), assigned and awaiting acceptance
 * (CH-04), in work, completed (CH-05).
 */
public enum ChatStatus {
    QUEUED, OFFERED, ASSIGNED, ACTIVE, COMPLETED
}
