package org.switchboard.core.mailbox;

import java.io.Serializable;
import java.util.Set;
import org.switchboard.model.mailbox.LoadPeriod;

/**
 * The settings of a mailbox its owner may change (MB-02, MB-03, MB-09..MB-11): how it loads mail (period, automatic,
 * all or the ticked folders) and how it sends (flag, default sender, alias, signature).
 *
 * @param selectedFolders the ticked folders' full names; used when {@code allFolders} is off, and then at least one
 * @param shared          "access for other users" (SM-04); {@code null} leaves it as it is
 */
public record MailboxSettingsDraft(LoadPeriod loadPeriod, boolean autoSync, boolean allFolders,
        Set<String> selectedFolders, boolean sendEnabled, boolean defaultSender, boolean useAlias, String alias,
        boolean useSignature, String signatureHtml, Boolean shared) implements Serializable {
}
