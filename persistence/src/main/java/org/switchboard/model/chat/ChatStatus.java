package org.switchboard.model.chat;

/**
 * Where a chat is in its life: waiting for capacity, offered to all (CH-03), assigned and awaiting acceptance
 * (CH-04), in work, completed (CH-05); or answered by the channel's external bot (FB-05), with no operator and not
 * routed, until the bot hands it over or an operator takes it.
 */
public enum ChatStatus {
    QUEUED, OFFERED, ASSIGNED, ACTIVE, COMPLETED, BOT
}
