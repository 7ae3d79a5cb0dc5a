package org.switchboard.core.chat;

import java.io.Serializable;

/**
 * One operator entry of a chat queue (CH-06): a user, or a role whose enabled members all serve the queue. Also a
 * candidate in the designer's pickers.
 *
 * @param name the user's login or the role's name
 */
public record QueueOperatorView(Kind kind, long id, String name) implements Serializable {

    /** Whether the entry names a user or a role. */
    public enum Kind {
        USER, ROLE
    }
}
