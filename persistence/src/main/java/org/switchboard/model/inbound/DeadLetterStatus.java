package org.switchboard.model.inbound;

/** Whether a dead letter still waits for its cause to be fixed. */
public enum DeadLetterStatus {
    NEW, REPLAYED, DISCARDED
}
