package org.switchboard.core.mailbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hand-written {@link MailSink} that keeps what a transaction would commit, and can "crash" on a given call: that
 * call's batch and cursor are then not kept, exactly as a rolled-back transaction. Counts every message stored twice.
 */
final class RecordingSink implements MailSink {

    final Map<String, TreeMap<Long, FetchedMail>> folders = new HashMap<>();
    final Map<String, FolderCursor> cursors = new HashMap<>();
    final Map<String, Map<Long, Boolean>> seen = new HashMap<>();
    final List<Integer> batchSizes = new ArrayList<>();
    final Map<String, TreeMap<Long, SkippedMail>> skipped = new HashMap<>();
    int duplicates;
    int repointed;
    int crashOnCall = -1;
    private int calls;

    FolderCursor cursor(String folder, FolderCursor initial) {
        return cursors.getOrDefault(folder, initial);
    }

    TreeMap<Long, FetchedMail> stored(String folder) {
        return folders.computeIfAbsent(folder, f -> new TreeMap<>());
    }

    @Override
    public void store(String folder, List<FetchedMail> mails, List<SkippedMail> skippedMails, FolderCursor cursor,
            boolean resync, int planned) {
        if (++calls == crashOnCall) {
            throw new IllegalStateException("crash on call " + calls);
        }
        TreeMap<Long, FetchedMail> stored = stored(folder);
        for (FetchedMail mail : mails) {
            if (resync) {
                boolean removed = stored.values().removeIf(m -> m.dedupeKey().equals(mail.dedupeKey()));
                repointed += removed ? 1 : 0;
            } else if (stored.values().stream().anyMatch(m -> m.dedupeKey().equals(mail.dedupeKey()))) {
                duplicates++;
            }
            if (stored.put(mail.uid(), mail) != null) {
                duplicates++;
            }
        }
        for (SkippedMail mail : skippedMails) {
            skipped.computeIfAbsent(folder, f -> new TreeMap<>()).put(mail.uid(), mail);
        }
        if (!mails.isEmpty()) {
            batchSizes.add(mails.size());
        }
        cursors.put(folder, cursor);
    }

    @Override
    public void flagsChanged(String folder, Map<Long, Boolean> seenByUid, FolderCursor cursor) {
        seen.computeIfAbsent(folder, f -> new HashMap<>()).putAll(seenByUid);
        cursors.put(folder, cursor);
    }
}
