package org.switchboard.model.chat;

/** An operator's availability for new chats (CH-04). */
public enum OperatorStatus {
    ACTIVE, INACTIVE
}
