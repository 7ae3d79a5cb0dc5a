package org.switchboard.core.mailbox;

import java.io.Serializable;

/**
 * A user or a role that a shared mailbox's access list may name (SM-04: "pick a user or role"), with the label the
 * picker shows: a user's name and login, or a role's name.
 */
public record MailboxGrantee(Long userId, Long roleId, String label) implements Serializable {

    /** A key unique among users and roles: {@code user:12} or {@code role:3}. */
    public String key() {
        return userId != null ? "user:" + userId : "role:" + roleId;
    }
}
