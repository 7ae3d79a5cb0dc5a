package org.switchboard.core.mailbox;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * Syncs one IMAP folder by UIDVALIDITY and UID (MB-02), never by sequence numbers: a STATUS tells whether anything
 * changed (UIDNEXT, and HIGHESTMODSEQ where the server has CONDSTORE) without selecting the folder; new mail is
 * found with {@code UID SEARCH} from the cursor on (limited to the load period for mail that existed when the first
 * sync began), read in UID order in batches bounded by count and by bytes, parsed, and handed to the
 * {@link MailSink} together with the cursor that covers it. Memory is bounded by one batch, not by the folder.
 *
 * <p>Given an executor, the next batch is read and parsed there while the sink stores the current one (a first sync
 * spends about as long reading as storing, on one thread each); the sink still receives the batches one at a time,
 * in UID order, in the caller's thread, so the cursor is committed with exactly the messages it covers.
 */
public final class ImapFolderSync {

    private static final Logger LOG = Logger.getLogger(ImapFolderSync.class.getName());
    /** At most this many messages a batch, and so a transaction. */
    static final int BATCH_MESSAGES = 200;
    /** At most about this many bytes of messages a batch; a larger message is read alone. */
    static final long BATCH_BYTES = 8L * 1024 * 1024;

    /** How often a side waiting for the other checks whether it is still there. */
    private static final long HANDOVER_POLL_MILLIS = 20;

    private final IMAPStore store;
    private final MailSink sink;
    private final int batchMessages;
    private final Executor reader;
    private Charset fallback = MailParser.DEFAULT_FALLBACK;

    /** Reads and stores in the caller's thread, one batch after the other. */
    public ImapFolderSync(IMAPStore store, MailSink sink) {
        this(store, sink, BATCH_MESSAGES, null);
    }

    /** Reads the next batch on {@code reader} while the current one is stored. */
    public ImapFolderSync(IMAPStore store, MailSink sink, Executor reader) {
        this(store, sink, BATCH_MESSAGES, reader);
    }

    ImapFolderSync(IMAPStore store, MailSink sink, int batchMessages, Executor reader) {
        this.store = store;
        this.sink = sink;
        this.batchMessages = batchMessages;
        this.reader = reader;
    }

    /** Reads 8-bit text that is not UTF-8 and declares no (known) charset in this charset (windows-1251 if not set). */
    public ImapFolderSync withFallback(Charset charset) {
        this.fallback = charset;
        return this;
    }

    /** One batch as read from the server, with the cursor that covers it. */
    private record Batch(List<FetchedMail> mails, List<SkippedMail> skipped, FolderCursor at) {
    }

    @FunctionalInterface
    private interface BatchConsumer {
        void accept(Batch batch) throws MessagingException, IOException;
    }

    /** What one run did to a folder. */
    public record Outcome(String folder, boolean unchanged, boolean resynced, int stored, int flagChanges,
            FolderCursor cursor) {
    }

    /** Brings the folder's stored copy up to date from {@code cursor}; every batch is committed as it goes. */
    public Outcome sync(String folderName, FolderCursor cursor) throws MessagingException, IOException {
        IMAPFolder folder = (IMAPFolder) store.getFolder(folderName);
        boolean condstore = store.hasCapability("CONDSTORE");
        Status status = status(folder, condstore);
        boolean sameEpoch = !cursor.neverSynced() && status.uidvalidity == cursor.uidValidity();
        if (sameEpoch && status.uidnext == cursor.uidNext()
                && (!condstore || status.highestmodseq == cursor.highestModSeq())) {
            return new Outcome(folderName, true, false, 0, 0, cursor);
        }
        boolean resync = !cursor.neverSynced() && !sameEpoch;
        FolderCursor from = sameEpoch ? cursor
                : new FolderCursor(status.uidvalidity, 0, 0, 0, status.uidnext, cursor.loadSince());
        if (resync) {
            LOG.info(() -> "Folder " + folderName + ": UIDVALIDITY changed from " + cursor.uidValidity() + " to "
                    + status.uidvalidity + "; resyncing, stored messages are matched by Message-ID");
        }
        folder.open(Folder.READ_ONLY);
        try {
            int flagChanges = 0;
            if (sameEpoch && condstore && cursor.highestModSeq() > 0 && cursor.lastUid() > 0
                    && status.highestmodseq != cursor.highestModSeq()) {
                Map<Long, Boolean> seen = changedFlags(folder, cursor.lastUid(), cursor.highestModSeq());
                if (!seen.isEmpty()) {
                    sink.flagsChanged(folderName, seen, from);
                    flagChanges = seen.size();
                }
            }
            long[] uids = newUids(folder, from);
            int[] stored = {0};
            BatchConsumer storing = batch -> {
                sink.store(folderName, batch.mails(), batch.skipped(), batch.at(), resync, uids.length);
                stored[0] += batch.mails().size();
            };
            FolderCursor at = reader == null || uids.length <= batchMessages
                    ? readBatches(folder, uids, from, storing)
                    : readAhead(folder, uids, from, storing);
            long lastUid = Math.max(at.lastUid(), status.uidnext - 1);
            long uidNext = Math.max(status.uidnext, at.lastUid() + 1);
            FolderCursor done = new FolderCursor(status.uidvalidity, uidNext, lastUid,
                    condstore ? status.highestmodseq : 0, from.periodUidLimit(), from.loadSince());
            sink.store(folderName, List.of(), List.of(), done, resync, uids.length);
            return new Outcome(folderName, false, resync, stored[0], flagChanges, done);
        } finally {
            if (folder.isOpen()) {
                folder.close(false);
            }
        }
    }

    /**
     * One message read again ("Retry" of a skipped message): {@code mail} when it could be read now,
     * {@code unreadable} with the reason when it still cannot, neither when the folder no longer holds it (deleted, or
     * the folder's UIDVALIDITY changed).
     */
    public record Reread(FetchedMail mail, String unreadable) {

        public boolean gone() {
            return mail == null && unreadable == null;
        }
    }

    /** Reads the message with this UID again, if the folder still holds it under the same UIDVALIDITY. */
    public static Reread reread(IMAPStore store, String folderName, long uidValidity, long uid, Charset fallback)
            throws MessagingException {
        IMAPFolder folder = (IMAPFolder) store.getFolder(folderName);
        if (!folder.exists()) {
            return new Reread(null, null);
        }
        folder.open(Folder.READ_ONLY);
        try {
            if (folder.getUIDValidity() != uidValidity) {
                return new Reread(null, null);
            }
            List<SkippedMail> skipped = new ArrayList<>();
            List<FetchedMail> mails = read(folder, new long[] {uid}, skipped, fallback);
            if (!skipped.isEmpty()) {
                return new Reread(null, skipped.get(0).reason());
            }
            return mails.isEmpty() ? new Reread(null, null) : new Reread(mails.get(0), null);
        } finally {
            if (folder.isOpen()) {
                folder.close(false);
            }
        }
    }

    /** Reads the UIDs' messages in batches, in UID order, and hands each batch to the consumer; the last cursor. */
    private FolderCursor readBatches(IMAPFolder folder, long[] uids, FolderCursor from, BatchConsumer consumer)
            throws MessagingException, IOException {
        FolderCursor at = from;
        for (int start = 0; start < uids.length; start += batchMessages) {
            long[] chunk = Arrays.copyOfRange(uids, start, Math.min(uids.length, start + batchMessages));
            for (long[] part : bySize(folder, chunk)) {
                List<SkippedMail> skipped = new ArrayList<>();
                List<FetchedMail> mails = read(folder, part, skipped, fallback);
                at = at.withLastUid(part[part.length - 1]);
                consumer.accept(new Batch(mails, skipped, at));
            }
        }
        return at;
    }

    /**
     * {@link #readBatches} on the reader, one batch ahead of the consumer in this thread. Only the reader uses the
     * folder until it is done; a failure on either side stops the other, and this method returns or throws only
     * once the reader has stopped, so the folder is never used by two threads.
     */
    private FolderCursor readAhead(IMAPFolder folder, long[] uids, FolderCursor from, BatchConsumer consumer)
            throws MessagingException, IOException {
        BlockingQueue<Batch> handover = new ArrayBlockingQueue<>(1);
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<FolderCursor> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return readBatches(folder, uids, from, batch -> {
                    try {
                        while (!handover.offer(batch, HANDOVER_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                            if (stop.get()) {
                                throw new CancellationException("the batches' consumer stopped");
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("Interrupted while handing a batch over");
                    }
                });
            } catch (MessagingException | IOException e) {
                throw new CompletionException(e);
            }
        }, reader);
        try {
            while (true) {
                Batch batch = handover.poll(HANDOVER_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (batch != null) {
                    consumer.accept(batch);
                } else if (reading.isDone() && handover.isEmpty()) {
                    break; // every batch read before the reader finished (or failed) is stored
                }
            }
            return reading.join();
        } catch (CompletionException e) {
            throw unwrap(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while the folder's messages were stored", e);
        } finally {
            stop.set(true);
            while (!reading.isDone()) {
                handover.clear();
                try {
                    reading.get(HANDOVER_POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException | CancellationException e) {
                    // stopped, failed or not yet: only its end matters here
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    private static IOException unwrap(CompletionException e) throws MessagingException {
        Throwable cause = e.getCause();
        if (cause instanceof MessagingException messaging) {
            throw messaging;
        }
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        return new IOException(cause);
    }

    private static Status status(IMAPFolder folder, boolean condstore) throws MessagingException {
        String[] items = condstore ? new String[] {"UIDVALIDITY", "UIDNEXT", "MESSAGES", "HIGHESTMODSEQ"}
                : new String[] {"UIDVALIDITY", "UIDNEXT", "MESSAGES"};
        return (Status) folder.doCommand(p -> p.status(folder.getFullName(), items));
    }

    /** The UIDs to load, ascending: new mail after the cursor, old mail only within the load period. */
    private static long[] newUids(IMAPFolder folder, FolderCursor from) throws MessagingException {
        long first = from.lastUid() + 1;
        List<Long> uids = new ArrayList<>();
        long limit = from.periodUidLimit();
        if (from.loadSince() != null && first < limit) {
            String since = imapDate(Date.from(from.loadSince().toInstant()));
            uids.addAll(search(folder, "UID " + first + ":" + (limit - 1) + " SINCE " + since, first));
            uids.addAll(search(folder, "UID " + limit + ":*", limit));
        } else {
            uids.addAll(search(folder, "UID " + first + ":*", first));
        }
        return uids.stream().mapToLong(Long::longValue).distinct().sorted().toArray();
    }

    private static List<Long> search(IMAPFolder folder, String criteria, long atLeast) throws MessagingException {
        @SuppressWarnings("unchecked")
        List<Long> found = (List<Long>) folder.doCommand(p -> {
            Response[] responses = p.command("UID SEARCH " + criteria, null);
            List<Long> uids = new ArrayList<>();
            for (Response response : responses) {
                if (response instanceof IMAPResponse ir && ir.keyEquals("SEARCH")) {
                    long uid;
                    while ((uid = ir.readLong()) != -1) {
                        // "n:*" also names the last message when every UID is below n (RFC 3501 6.4.8)
                        if (uid >= atLeast) {
                            uids.add(uid);
                        }
                    }
                }
            }
            finish(p, responses);
            return uids;
        });
        return found;
    }

    /** Splits UIDs into runs of about {@link #BATCH_BYTES}, a large message alone, by their RFC822.SIZE. */
    private static List<long[]> bySize(IMAPFolder folder, long[] uids) throws MessagingException {
        @SuppressWarnings("unchecked")
        Map<Long, Long> sizes = (Map<Long, Long>) folder.doCommand(p -> {
            Response[] responses = p.command("UID FETCH " + uidSet(uids) + " (UID RFC822.SIZE)", null);
            Map<Long, Long> bySize = new HashMap<>();
            for (Response response : responses) {
                if (response instanceof FetchResponse fetch) {
                    UID uid = fetch.getItem(UID.class);
                    RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
                    if (uid != null && size != null) {
                        bySize.put(uid.uid, size.size);
                    }
                }
            }
            finish(p, responses);
            return bySize;
        });
        List<long[]> parts = new ArrayList<>();
        List<Long> current = new ArrayList<>();
        long bytes = 0;
        for (long uid : uids) {
            Long size = sizes.get(uid);
            if (size == null) {
                continue; // expunged since the search
            }
            if (!current.isEmpty() && bytes + size > BATCH_BYTES) {
                parts.add(current.stream().mapToLong(Long::longValue).toArray());
                current.clear();
                bytes = 0;
            }
            current.add(uid);
            bytes += size;
        }
        if (!current.isEmpty()) {
            parts.add(current.stream().mapToLong(Long::longValue).toArray());
        }
        return parts;
    }

    /**
     * Reads and parses the UIDs' messages. A message the parser cannot read at all goes to {@code skipped} with the
     * parser's words: one message never stops the batch, the folder or the mailbox.
     */
    private static List<FetchedMail> read(IMAPFolder folder, long[] uids, List<SkippedMail> skipped,
            Charset fallback) throws MessagingException {
        @SuppressWarnings("unchecked")
        List<FetchResponse> fetched = (List<FetchResponse>) folder.doCommand(p -> {
            Response[] responses = p.command("UID FETCH " + uidSet(uids)
                    + " (UID RFC822.SIZE INTERNALDATE FLAGS BODY.PEEK[])", null);
            List<FetchResponse> list = new ArrayList<>();
            for (Response response : responses) {
                if (response instanceof FetchResponse fetch && fetch.getItem(BODY.class) != null) {
                    list.add(fetch);
                }
            }
            finish(p, responses);
            return list;
        });
        List<FetchedMail> mails = new ArrayList<>(fetched.size());
        for (FetchResponse fetch : fetched) {
            UID uid = fetch.getItem(UID.class);
            if (uid == null) {
                continue;
            }
            RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
            INTERNALDATE date = fetch.getItem(INTERNALDATE.class);
            FLAGS flags = fetch.getItem(FLAGS.class);
            try {
                mails.add(MailParser.parse(fetch.getItem(BODY.class).getByteArrayInputStream(), uid.uid,
                        date == null ? null : date.getDate(), size == null ? 0 : size.size,
                        flags != null && flags.contains(Flags.Flag.SEEN), fallback));
            } catch (MessagingException | IOException | RuntimeException e) {
                String reason = MailFailure.unreadable(e);
                LOG.log(Level.WARNING, e, () -> "Folder " + folder.getFullName() + ": message UID " + uid.uid
                        + " could not be read and is skipped: " + reason);
                skipped.add(new SkippedMail(uid.uid, reason));
            }
        }
        skipped.sort(Comparator.comparingLong(SkippedMail::uid));
        mails.sort(Comparator.comparingLong(FetchedMail::uid));
        return mails;
    }

    /** CONDSTORE: the seen flag of every stored message whose flags changed since {@code modSeq}. */
    private static Map<Long, Boolean> changedFlags(IMAPFolder folder, long lastUid, long modSeq)
            throws MessagingException {
        @SuppressWarnings("unchecked")
        Map<Long, Boolean> seen = (Map<Long, Boolean>) folder.doCommand(p -> {
            Response[] responses = p.command("UID FETCH 1:" + lastUid + " (UID FLAGS) (CHANGEDSINCE " + modSeq + ")",
                    null);
            Map<Long, Boolean> changed = new HashMap<>();
            for (Response response : responses) {
                if (response instanceof FetchResponse fetch) {
                    UID uid = fetch.getItem(UID.class);
                    FLAGS flags = fetch.getItem(FLAGS.class);
                    if (uid != null && flags != null && uid.uid <= lastUid) {
                        changed.put(uid.uid, flags.contains(Flags.Flag.SEEN));
                    }
                }
            }
            finish(p, responses);
            return changed;
        });
        return seen;
    }

    /**
     * Lets the folder see the untagged responses it tracks (EXISTS, EXPUNGE, …) and fails on a NO or BAD. FETCH
     * responses are ours: handing them on would make the folder cache a message object for each.
     */
    private static void finish(IMAPProtocol protocol, Response[] responses) throws ProtocolException {
        List<Response> others = new ArrayList<>();
        for (int i = 0; i < responses.length - 1; i++) {
            if (!(responses[i] instanceof FetchResponse)
                    && !(responses[i] instanceof IMAPResponse ir && ir.keyEquals("SEARCH"))) {
                others.add(responses[i]);
            }
        }
        protocol.notifyResponseHandlers(others.toArray(Response[]::new));
        protocol.handleResult(responses[responses.length - 1]);
    }

    /** A UID set with runs folded: 1,2,3,7,9,10 becomes 1:3,7,9:10. */
    static String uidSet(long[] uids) {
        StringBuilder set = new StringBuilder();
        int i = 0;
        while (i < uids.length) {
            int j = i;
            while (j + 1 < uids.length && uids[j + 1] == uids[j] + 1) {
                j++;
            }
            if (!set.isEmpty()) {
                set.append(',');
            }
            set.append(uids[i]);
            if (j > i) {
                set.append(':').append(uids[j]);
            }
            i = j + 1;
        }
        return set.toString();
    }

    /** The IMAP date of SEARCH SINCE (RFC 3501: 1-Feb-1994), in UTC. */
    static String imapDate(Date date) {
        SimpleDateFormat format = new SimpleDateFormat("d-MMM-yyyy", Locale.ENGLISH);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        return format.format(date);
    }
}
