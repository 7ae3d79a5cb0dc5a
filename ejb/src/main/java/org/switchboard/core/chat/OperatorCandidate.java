package org.switchboard.core.chat;

import java.time.OffsetDateTime;
import org.switchboard.model.chat.OperatorStatus;

/**
 * An operator of a queue as the router sees them at the moment of distribution (CH-04, CH-08): status, the chats
 * they hold across all channels, and when they last took a new chat ({@code null}: never).
 */
public record OperatorCandidate(long userId, String login, OperatorStatus status, int load,
        OffsetDateTime lastAssignedAt) {
}
