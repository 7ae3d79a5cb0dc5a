package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MB-02: a message the database refuses is skipped; the rest of its batch and the cursor are kept. */
class BatchFallbackTest {

    /**
     * A database in miniature: a transaction that holds a refused message fails whole (nothing of it is kept), as a
     * rolled-back transaction does; committed batches record their skipped messages and move the cursor.
     */
    private static final class Database implements BatchFallback.Store {
        final Set<Long> refuses;
        final TreeMap<Long, FetchedMail> stored = new TreeMap<>();
        final List<SkippedMail> skipped = new ArrayList<>();
        int cursorMoves;

        Database(Set<Long> refuses) {
            this.refuses = refuses;
        }

        @Override
        public int batch(List<FetchedMail> mails, List<SkippedMail> unreadable) {
            mails.stream().filter(m -> refuses.contains(m.uid())).findFirst().ifPresent(m -> {
                throw new IllegalStateException("ERROR: value too long for message " + m.uid());
            });
            mails.forEach(m -> stored.put(m.uid(), m));
            skipped.addAll(unreadable);
            cursorMoves++;
            return mails.size();
        }

        @Override
        public int alone(FetchedMail mail) {
            if (refuses.contains(mail.uid())) {
                throw new IllegalStateException("ERROR: value too long for message " + mail.uid());
            }
            return stored.put(mail.uid(), mail) == null ? 1 : 0;
        }
    }

    @Test
    @DisplayName("MB-02 one message the database refuses is skipped with its reason; the others and the cursor are kept")
    void oneRefused() {
        Database database = new Database(Set.of(3L));
        List<SkippedMail> unreadable = List.of(new SkippedMail(5, "unreadable"));

        BatchFallback.Outcome outcome = BatchFallback.store(mails(1, 2, 3, 4), unreadable, database);

        assertEquals(List.of(1L, 2L, 4L), List.copyOf(database.stored.keySet()));
        assertEquals(3, outcome.added());
        assertEquals(List.of(3L, 5L), database.skipped.stream().map(SkippedMail::uid).toList());
        assertEquals("IllegalStateException: ERROR: value too long for message 3", database.skipped.get(0).reason());
        assertEquals(1, database.cursorMoves, "the cursor moves once, past the skipped messages");
    }

    @Test
    @DisplayName("MB-02 a batch where every message fails alone is the database's fault: nothing is skipped or moved")
    void everyMessageRefused() {
        Database database = new Database(Set.of(1L, 2L));

        assertThrows(IllegalStateException.class, () -> BatchFallback.store(mails(1, 2), List.of(), database));

        assertEquals(List.of(), database.skipped);
        assertEquals(0, database.cursorMoves);
    }

    @Test
    @DisplayName("MB-02 a sound batch is stored in one transaction")
    void soundBatch() {
        Database database = new Database(Set.of());

        BatchFallback.Outcome outcome = BatchFallback.store(mails(1, 2), List.of(), database);

        assertEquals(2, outcome.added());
        assertEquals(List.of(), outcome.refused());
        assertEquals(1, database.cursorMoves);
    }

    private static List<FetchedMail> mails(long... uids) {
        List<FetchedMail> mails = new ArrayList<>();
        for (long uid : uids) {
            mails.add(new FetchedMail(uid, "m" + uid + "@example.org", "m" + uid + "@example.org",
                    "m" + uid + "@example.org", null, "Mail " + uid, null, List.of(), List.of(), List.of(), null, null,
                    10, false, "text", null, List.of(), List.of()));
        }
        return mails;
    }
}
