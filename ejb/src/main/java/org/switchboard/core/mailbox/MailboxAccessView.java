package org.switchboard.core.mailbox;

import java.io.Serializable;

/**
 * One row of a shared mailbox's access list as its settings page and the REST API show it (SM-02, SM-04): the user
 * (login and name) or the role (name) and the three rights.
 */
public record MailboxAccessView(long id, Long userId, String userLogin, String userName, Long roleId,
        String roleName, boolean read, boolean send, boolean configure) implements Serializable {
}
