package org.switchboard.model.chat;

/** Whether a chat message came from the contact or went to them. */
public enum MessageDirection {
    INBOUND, OUTBOUND
}
