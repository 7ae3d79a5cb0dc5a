package org.switchboard.core.chat;

import java.time.OffsetDateTime;
import org.switchboard.model.chat.OperatorStatus;

/**
 * An operator's own status (CH-04, CH-08): Active or Inactive with when and why it last changed, the chats they
 * hold and the {@code SimultaneousChats} limit.
 */
public record OperatorStatusView(OperatorStatus status, OffsetDateTime changedAt, String reason, int activeChats,
        int capacity) {
}
