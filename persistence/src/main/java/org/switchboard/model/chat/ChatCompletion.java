package org.switchboard.model.chat;

/** How a chat was completed: by its operator (or a chat manager) or by the completion timeout (CH-05). */
public enum ChatCompletion {
    OPERATOR, TIMEOUT
}
