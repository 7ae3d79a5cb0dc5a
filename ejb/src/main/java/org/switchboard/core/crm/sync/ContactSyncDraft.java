package org.switchboard.core.crm.sync;

import java.util.List;

/**
 * A mailbox's contact sync settings as saved (EC-01..EC-03): automatic or not, whether contacts are imported and from
 * all folders or the selected ones, and what is exported ({@code NONE}, {@code ALL}, or {@code CATEGORIES}: the contacts of
 * the categories and of the groups given).
 */
public record ContactSyncDraft(boolean autoSync, boolean importContacts, boolean allFolders,
        List<String> selectedFolderIds, String exportMode, List<Long> categoryIds, List<Long> groupIds) {
}
