package org.switchboard.model.chat;

/** How a chat was completed: by its operator, by the completion timeout (CH-05) or by another system. */
public enum ChatCompletion {
    OPERATOR, TIMEOUT, API
}
