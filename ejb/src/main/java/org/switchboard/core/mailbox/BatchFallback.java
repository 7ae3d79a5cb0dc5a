package org.switchboard.core.mailbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stores a batch of a folder so that one message never stops the others (MB-02): the batch in one transaction; if
 * that fails, each message alone, the ones that still fail added to the batch's skipped messages, and then the cursor
 * with the skipped list. When every message of a batch of several fails alone, the fault is not a message's (the
 * database is down, say): the batch's failure is thrown and nothing moves.
 */
final class BatchFallback {

    /** The transactions the fallback needs. */
    interface Store {

        /** Stores the messages, the skipped ones and the cursor in one transaction; how many were new. */
        int batch(List<FetchedMail> mails, List<SkippedMail> skipped);

        /** Stores one message in a transaction of its own, without the cursor; 1 when it was new. */
        int alone(FetchedMail mail);
    }

    /** What was stored, and which messages were skipped because the database refused them. */
    record Outcome(int added, List<SkippedMail> refused) {
    }

    private BatchFallback() {
    }

    static Outcome store(List<FetchedMail> mails, List<SkippedMail> skipped, Store store) {
        try {
            return new Outcome(store.batch(mails, skipped), List.of());
        } catch (RuntimeException batchFailure) {
            if (mails.isEmpty()) {
                throw batchFailure;
            }
            List<SkippedMail> refused = new ArrayList<>();
            int added = 0;
            for (FetchedMail mail : mails) {
                try {
                    added += store.alone(mail);
                } catch (RuntimeException e) {
                    refused.add(new SkippedMail(mail.uid(), MailFailure.unreadable(e)));
                }
            }
            if (refused.size() == mails.size() && mails.size() > 1) {
                throw batchFailure;
            }
            List<SkippedMail> all = new ArrayList<>(skipped);
            all.addAll(refused);
            all.sort(Comparator.comparingLong(SkippedMail::uid));
            store.batch(List.of(), all);
            return new Outcome(added, List.copyOf(refused));
        }
    }
}
