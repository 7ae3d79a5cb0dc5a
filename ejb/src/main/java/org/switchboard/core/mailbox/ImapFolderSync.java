package org.switchboard.core.mailbox;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.eclipse.angus.mail.iap.ByteArray;
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
 * {@link MailSink} together with the cursor that covers it. Memory is bounded by one batch, not by the folder; a
 * message above the streaming threshold is read alone, a chunk at a time, into a {@link MailSpool} file and parsed
 * from there, so it is never in memory whole (issue 18 item 7).
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
    private long streamAbove = MailSpool.DEFAULT_ABOVE;
    private Path spoolRoot = Path.of(System.getProperty("java.io.tmpdir"));
    /** The spool of the run in progress. */
    private MailSpool spool;

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

    /**
     * Reads a message larger than this many bytes into a file rather than into memory, a chunk at a time, and
     * decodes its parts larger than that into files too (issue 18 item 7; {@value MailSpool#ABOVE}).
     */
    public ImapFolderSync withStreamingAbove(long bytes) {
        this.streamAbove = bytes;
        return this;
    }

    /** Keeps its spool under this directory: the node's ({@link MailSpool#root}), emptied when the node starts. */
    public ImapFolderSync withSpoolIn(Path root) {
        this.spoolRoot = root;
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
        spool = new MailSpool(spoolRoot, streamAbove);
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
                try {
                    sink.store(folderName, batch.mails(), batch.skipped(), batch.at(), resync, uids.length);
                } finally {
                    spool.release(batch.mails());
                }
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
            spool.close();
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
        try (MailSpool spool = new MailSpool(Long.MAX_VALUE)) {
            return reread(store, folderName, uidValidity, uid, fallback, spool);
        }
    }

    /**
     * Like the other; a message above the spool's threshold is read into it as a sync reads it (issue 18 item 7), so
     * the caller stores the result before it closes the spool.
     */
    public static Reread reread(IMAPStore store, String folderName, long uidValidity, long uid, Charset fallback,
            MailSpool spool) throws MessagingException {
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
            List<Run> runs = bySize(folder, new long[] {uid}, spool.above());
            if (runs.isEmpty()) {
                return new Reread(null, null);
            }
            List<FetchedMail> mails;
            try {
                mails = runs.get(0).large() ? readLarge(folder, uid, skipped, fallback, spool)
                        : read(folder, new long[] {uid}, skipped, fallback);
            } catch (IOException e) {
                throw new MessagingException("The message could not be spooled", e);
            }
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
            for (Run run : bySize(folder, chunk, streamAbove)) {
                List<SkippedMail> skipped = new ArrayList<>();
                List<FetchedMail> mails = run.large() ? readLarge(folder, run.uids()[0], skipped, fallback, spool)
                        : read(folder, run.uids(), skipped, fallback);
                at = at.withLastUid(run.uids()[run.uids().length - 1]);
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

    /** UIDs read together; a large one (above the streaming threshold) alone. */
    private record Run(long[] uids, boolean large) {
    }

    /**
     * Splits UIDs into runs of about {@link #BATCH_BYTES}, a message larger than that alone, by their RFC822.SIZE; a
     * message above {@code streamAbove} alone and marked large.
     */
    private static List<Run> bySize(IMAPFolder folder, long[] uids, long streamAbove) throws MessagingException {
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
        List<Run> runs = new ArrayList<>();
        List<Long> current = new ArrayList<>();
        long bytes = 0;
        for (long uid : uids) {
            Long size = sizes.get(uid);
            if (size == null) {
                continue; // expunged since the search
            }
            boolean large = size > streamAbove;
            if (!current.isEmpty() && (large || bytes + size > BATCH_BYTES)) {
                runs.add(new Run(current.stream().mapToLong(Long::longValue).toArray(), false));
                current.clear();
                bytes = 0;
            }
            if (large) {
                runs.add(new Run(new long[] {uid}, true));
                continue;
            }
            current.add(uid);
            bytes += size;
        }
        if (!current.isEmpty()) {
            runs.add(new Run(current.stream().mapToLong(Long::longValue).toArray(), false));
        }
        return runs;
    }

    /** How much of a large message one {@code BODY.PEEK[]<offset.length>} asks for. */
    static final int LARGE_CHUNK = 1024 * 1024;

    /**
     * Reads a large message into a file of the spool, {@link #LARGE_CHUNK} at a time ({@code BODY.PEEK[]<offset.
     * length>}, RFC 3501 6.4.5), and parses it from there (issue 18 item 7): at no time is more than a chunk of it in
     * memory, besides the bodies. Empty when the message is gone; skipped, as any message, when it cannot be read.
     */
    private static List<FetchedMail> readLarge(IMAPFolder folder, long uid, List<SkippedMail> skipped,
            Charset fallback, MailSpool spool) throws MessagingException, IOException {
        FetchResponse head = fetchOne(folder, uid, "(UID RFC822.SIZE INTERNALDATE FLAGS)");
        if (head == null) {
            return List.of(); // expunged since the search
        }
        RFC822SIZE size = head.getItem(RFC822SIZE.class);
        INTERNALDATE date = head.getItem(INTERNALDATE.class);
        FLAGS flags = head.getItem(FLAGS.class);
        Path file = spool.newFile("message-");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long offset = 0;; offset += LARGE_CHUNK) {
                FetchResponse piece = fetchOne(folder, uid, "(UID BODY.PEEK[]<" + offset + "." + LARGE_CHUNK + ">)");
                BODY body = piece == null ? null : piece.getItem(BODY.class);
                if (body == null && offset == 0) {
                    return List.of(); // expunged meanwhile (the spool deletes the file)
                }
                ByteArray bytes = body == null ? null : body.getByteArray();
                int length = bytes == null ? 0 : bytes.getCount();
                if (length > 0) {
                    out.write(bytes.getBytes(), bytes.getStart(), length);
                }
                // The last piece is short; a server that ignored the range sent it all at once.
                if (length < LARGE_CHUNK || (size != null && offset + length >= size.size)) {
                    break;
                }
            }
        }
        try {
            return List.of(MailParser.parse(file, uid, date == null ? null : date.getDate(),
                    size == null ? Files.size(file) : size.size, flags != null && flags.contains(Flags.Flag.SEEN),
                    fallback, spool));
        } catch (MessagingException | RuntimeException e) {
            String reason = MailFailure.unreadable(e);
            LOG.log(Level.WARNING, e, () -> "Folder " + folder.getFullName() + ": message UID " + uid
                    + " could not be read and is skipped: " + reason);
            skipped.add(new SkippedMail(uid, reason));
            return List.of();
        }
    }

    /** One message's FETCH response to {@code UID FETCH uid items}; {@code null} when the folder has no such UID. */
    private static FetchResponse fetchOne(IMAPFolder folder, long uid, String items) throws MessagingException {
        return (FetchResponse) folder.doCommand(p -> {
            Response[] responses = p.command("UID FETCH " + uid + " " + items, null);
            FetchResponse found = null;
            for (Response response : responses) {
                if (response instanceof FetchResponse fetch) {
                    UID id = fetch.getItem(UID.class);
                    if (id != null && id.uid == uid) {
                        found = fetch;
                    }
                }
            }
            finish(p, responses);
            return found;
        });
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
