package org.switchboard.model.chat;

/** The delivery state of a chat message: received (inbound) or the outbound progress the channel reports. */
public enum DeliveryStatus {
    RECEIVED, PENDING, SENT, DELIVERED, READ, FAILED
}
