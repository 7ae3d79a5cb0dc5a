package org.switchboard.model.events;

/** Whether a dead letter still waits for its cause to be fixed. */
public enum DeadLetterStatus {
    NEW, REPLAYED, DISCARDED
}
