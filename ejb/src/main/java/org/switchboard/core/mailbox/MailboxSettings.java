package org.switchboard.core.mailbox;

import java.io.Serializable;
import java.util.List;

/**
 * A mailbox's settings page (MB-02, MB-03, MB-10, MB-12): the mailbox with its settings, the signature, and every
 * folder the server reported with whether it is ticked; and its access list (SM-02, SM-04).
 *
 * @param mayShare the caller may switch "access for other users" on and change the access list (SM-01: configure
 *                 and both shared-mailbox operations)
 * @param access   the access list, kept also while sharing is off (then without effect)
 */
public record MailboxSettings(MailboxView mailbox, String signatureHtml, List<Folder> folders, boolean mayShare,
        List<MailboxAccessView> access)
        implements Serializable {

    /** A folder as the server names it; ticked or not for "selected folders". */
    public record Folder(String fullName, boolean selected) implements Serializable {
    }
}
