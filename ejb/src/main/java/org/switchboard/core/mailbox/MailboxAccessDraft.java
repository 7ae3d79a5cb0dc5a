package org.switchboard.core.mailbox;

import java.io.Serializable;

/**
 * One row of a shared mailbox's access list as it is saved (SM-02, SM-04): a user or a role, never both, and the
 * rights read, send and configure, at least one of them.
 */
public record MailboxAccessDraft(Long userId, Long roleId, boolean read, boolean send, boolean configure)
        implements Serializable {
}
