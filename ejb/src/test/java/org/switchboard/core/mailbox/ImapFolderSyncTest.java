package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MB-02 against a real IMAP server (GreenMail): UID-based sync, load period, resume after a crash, UIDVALIDITY; and
 * against Dovecot: damaged messages do not stop a sync.
 */
class ImapFolderSyncTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.IMAP);

    private static final String INBOX = "INBOX";
    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);
    private static final ExecutorService READER = Executors.newCachedThreadPool();

    private Session session;
    private IMAPStore store;
    private final RecordingSink sink = new RecordingSink();

    @BeforeEach
    void connect() throws MessagingException {
        GREEN_MAIL.setUser("anna@example.com", "anna", "secret");
        Properties properties = new Properties();
        properties.setProperty("mail.imap.host", "127.0.0.1");
        properties.setProperty("mail.imap.port", String.valueOf(GREEN_MAIL.getImap().getPort()));
        session = Session.getInstance(properties);
        store = (IMAPStore) session.getStore("imap");
        store.connect("anna", "secret");
    }

    @AfterEach
    void close() throws MessagingException {
        store.close();
    }

    @AfterAll
    static void stopReader() {
        READER.shutdownNow();
    }

    @Test
    @DisplayName("MB-02 first sync loads every message by UID; a second sync without change reads nothing")
    void firstSyncThenNoChange() throws Exception {
        append(INBOX, 25, NOW.minusHours(1));

        ImapFolderSync.Outcome first = sync(INBOX, FolderCursor.initial(null), 10);

        assertEquals(25, first.stored());
        assertEquals(25, sink.stored(INBOX).size());
        assertEquals(List.of(10, 10, 5), sink.batchSizes);
        assertEquals(List.of("Message 1", "Message 25"),
                List.of(sink.stored(INBOX).firstEntry().getValue().subject(),
                        sink.stored(INBOX).lastEntry().getValue().subject()));
        ImapFolderSync.Outcome second = sync(INBOX, sink.cursors.get(INBOX), 10);
        assertTrue(second.unchanged());
        assertEquals(0, second.stored());
        assertEquals(0, sink.duplicates);
    }

    @Test
    @DisplayName("MB-02 incremental sync loads only the mail that arrived since, whatever its date")
    void incremental() throws Exception {
        append(INBOX, 5, NOW.minusHours(2));
        sync(INBOX, FolderCursor.initial(NOW.minusDays(7)), 200);
        append(INBOX, 3, NOW.minusDays(400)); // moved in later from an archive: new to this folder

        ImapFolderSync.Outcome next = sync(INBOX, sink.cursors.get(INBOX), 200);

        assertEquals(3, next.stored());
        assertEquals(8, sink.stored(INBOX).size());
        assertEquals(0, sink.duplicates);
        assertEquals(next.cursor().uidNext() - 1, next.cursor().lastUid());
    }

    @Test
    @DisplayName("MB-02 first sync for a period leaves out older mail, also when it resumes after a crash")
    void loadPeriod() throws Exception {
        append(INBOX, 4, NOW.minusDays(30));
        append(INBOX, 6, NOW.minusDays(2));
        append(INBOX, 2, NOW.minusDays(60));
        append(INBOX, 5, NOW.minusHours(3));
        sink.crashOnCall = 2;

        assertThrows(IllegalStateException.class,
                () -> sync(INBOX, FolderCursor.initial(NOW.minusDays(7)), 4));
        assertEquals(4, sink.stored(INBOX).size());
        ImapFolderSync.Outcome resumed = sync(INBOX, sink.cursors.get(INBOX), 4);

        assertEquals(11, sink.stored(INBOX).size());
        assertTrue(sink.stored(INBOX).values().stream()
                .allMatch(m -> m.receivedAt().isAfter(NOW.minusDays(7))));
        assertEquals(7, resumed.stored());
        assertEquals(0, sink.duplicates);
    }

    @Test
    @DisplayName("MB-02 a sync killed mid-way and run again stores every message exactly once")
    void resumeAfterCrash() throws Exception {
        append(INBOX, 47, NOW.minusHours(1));
        sink.crashOnCall = 3;

        assertThrows(IllegalStateException.class, () -> sync(INBOX, FolderCursor.initial(null), 10));
        assertEquals(20, sink.stored(INBOX).size());
        assertEquals(20, sink.cursors.get(INBOX).lastUid() - sink.stored(INBOX).firstKey() + 1);
        append(INBOX, 3, NOW);
        sync(INBOX, sink.cursors.get(INBOX), 10);

        assertEquals(50, sink.stored(INBOX).size());
        assertEquals(0, sink.duplicates);
        List<String> subjects = sink.stored(INBOX).values().stream().map(FetchedMail::subject).toList();
        assertEquals(IntStream.rangeClosed(1, 47).mapToObj(i -> "Message " + i).toList(), subjects.subList(0, 47));
    }

    @Test
    @DisplayName("MB-02 a new UIDVALIDITY resyncs the folder without storing a message twice")
    void uidValidityReset() throws Exception {
        createFolder("Projects");
        List<MimeMessage> originals = append("Projects", 6, NOW.minusHours(5));
        sync("Projects", FolderCursor.initial(null), 200);
        long oldValidity = sink.cursors.get("Projects").uidValidity();
        // The server loses its UID epoch: the folder is recreated with the same mail plus one new message.
        IMAPFolder folder = (IMAPFolder) store.getFolder("Projects");
        folder.delete(true);
        createFolder("Projects");
        appendMessages("Projects", originals);
        append("Projects", 1, NOW);
        FolderCursor before = sink.cursors.get("Projects");
        long newValidity = ((IMAPFolder) store.getFolder("Projects")).getUIDValidity();
        if (newValidity == oldValidity) {
            // GreenMail takes UIDVALIDITY from the clock's second: a folder recreated within the same second gets
            // the same one (which a real server must not do). The cursor then stands for the older epoch.
            before = new FolderCursor(oldValidity - 1, before.uidNext(), before.lastUid(), before.highestModSeq(),
                    before.periodUidLimit(), before.loadSince());
        }

        ImapFolderSync.Outcome outcome = sync("Projects", before, 200);

        assertTrue(outcome.resynced());
        assertEquals(newValidity, outcome.cursor().uidValidity());
        assertEquals(7, sink.stored("Projects").size());
        assertEquals(6, sink.repointed);
        assertEquals(0, sink.duplicates);
    }

    @Test
    @DisplayName("MB-02 the read flag comes with each message")
    void seenFlag() throws Exception {
        append(INBOX, 2, NOW);
        IMAPFolder folder = (IMAPFolder) store.getFolder(INBOX);
        folder.open(Folder.READ_WRITE);
        folder.getMessage(1).setFlag(Flags.Flag.SEEN, true);
        folder.close(false);

        sync(INBOX, FolderCursor.initial(null), 200);

        assertEquals(List.of(true, false), sink.stored(INBOX).values().stream().map(FetchedMail::seen).toList());
    }

    @Test
    @DisplayName("MB-02 damaged messages between good ones in one batch are stored with their problems, and the sync "
            + "goes on past them to the next folder (Dovecot)")
    void damagedMessagesDoNotStopTheSync() throws Exception {
        try (DovecotPeer dovecot = DovecotPeer.start("anna", "secret")) {
            Properties properties = new Properties();
            properties.setProperty("mail.imap.host", "127.0.0.1");
            properties.setProperty("mail.imap.port", String.valueOf(dovecot.port()));
            Session dovecotSession = Session.getInstance(properties);
            IMAPStore dovecotStore = (IMAPStore) dovecotSession.getStore("imap");
            dovecotStore.connect("anna", "secret");
            try {
                byte[] truncatedBase64 = raw("""
                        Message-ID: <b64@example.org>
                        From: bob@example.org
                        Subject: Truncated base64
                        Content-Type: text/plain; charset=UTF-8
                        Content-Transfer-Encoding: base64

                        SGVsbG8gd29y
                        bGQ
                        """);
                byte[] unknownEncoding = raw("""
                        Message-ID: <xfoo@example.org>
                        From: bob@example.org
                        Subject: Unknown encoding
                        Content-Type: text/plain; charset=UTF-8
                        Content-Transfer-Encoding: x-foo

                        As sent
                        """);
                byte[] brokenStructure = raw("""
                        Message-ID: <broken@example.org>
                        From: bob@example.org
                        Subject: Broken structure
                        MIME-Version: 1.0
                        Content-Type: multipart/mixed; boundary="never-there"

                        --something-else
                        Content-Type: text/plain

                        Still here
                        --something-else--
                        """);
                appendRaw(dovecotSession, dovecotStore, "Earlier", List.of(good(1), truncatedBase64, good(2),
                        unknownEncoding, good(3), brokenStructure, good(4)));
                appendRaw(dovecotSession, dovecotStore, "Later", List.of(good(5), good(6)));

                ImapFolderSync.Outcome earlier = new ImapFolderSync(dovecotStore, sink, 200, READER)
                        .sync("Earlier", FolderCursor.initial(null));
                ImapFolderSync.Outcome later = new ImapFolderSync(dovecotStore, sink, 200, READER)
                        .sync("Later", FolderCursor.initial(null));

                assertEquals(List.of(7, 2), sink.batchSizes);
                assertEquals(Map.of(), sink.skipped);
                List<FetchedMail> stored = List.copyOf(sink.stored("Earlier").values());
                assertEquals(List.of("Good 1", "Truncated base64", "Good 2", "Unknown encoding", "Good 3",
                        "Broken structure", "Good 4"), stored.stream().map(FetchedMail::subject).toList());
                for (int i : new int[] {0, 2, 4, 6}) {
                    assertEquals(List.of(), stored.get(i).problems());
                    assertEquals(List.of(), stored.get(i).attachments());
                }
                assertEquals("Hello world", stored.get(1).textBody());
                assertEquals(List.of(new ReadProblem(ReadProblem.Kind.DAMAGED_ENCODING, "text/plain")),
                        stored.get(1).problems());
                assertEquals(List.of(new ReadProblem(ReadProblem.Kind.UNKNOWN_ENCODING, "x-foo")),
                        stored.get(3).problems());
                assertEquals(List.of(new ReadProblem(ReadProblem.Kind.UNREADABLE_STRUCTURE, "multipart/mixed")),
                        stored.get(5).problems());
                assertOriginalAttached(truncatedBase64, stored.get(1));
                assertOriginalAttached(unknownEncoding, stored.get(3));
                assertOriginalAttached(brokenStructure, stored.get(5));
                long lastUid = sink.stored("Earlier").lastKey();
                assertEquals(lastUid, earlier.cursor().lastUid());
                assertEquals(lastUid + 1, earlier.cursor().uidNext());
                assertEquals(earlier.cursor(), sink.cursors.get("Earlier"));
                assertEquals(List.of("Good 5", "Good 6"), sink.stored("Later").values().stream()
                        .map(FetchedMail::subject).toList());
                assertEquals(2, later.stored());
            } finally {
                dovecotStore.close();
            }
        }
    }

    /** The message's source came through the server and the parser byte for byte, as its last attachment. */
    private static void assertOriginalAttached(byte[] raw, FetchedMail mail) {
        FetchedMail.Attachment original = mail.attachments().get(mail.attachments().size() - 1);
        assertEquals("original.eml", original.fileName());
        assertArrayEquals(raw, original.content());
    }

    private static byte[] good(int number) {
        return raw("""
                Message-ID: <good-%1$d@example.org>
                From: bob@example.org
                To: anna@example.com
                Subject: Good %1$d
                Date: Thu, 19 Nov 2026 10:15:0%1$d +0000
                Content-Type: text/plain; charset=UTF-8

                Body %1$d
                """.formatted(number));
    }

    private static byte[] raw(String message) {
        return message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Appends messages as they are, byte for byte: each is parsed only to be handed to APPEND, never re-encoded. */
    private static void appendRaw(Session session, IMAPStore store, String name, List<byte[]> raws)
            throws MessagingException {
        IMAPFolder folder = (IMAPFolder) store.getFolder(name);
        if (!folder.exists()) {
            folder.create(Folder.HOLDS_MESSAGES);
        }
        List<Message> messages = new ArrayList<>();
        for (byte[] raw : raws) {
            messages.add(new MimeMessage(session, new ByteArrayInputStream(raw)));
        }
        folder.appendMessages(messages.toArray(Message[]::new));
    }

    private ImapFolderSync.Outcome sync(String folder, FolderCursor cursor, int batch) throws Exception {
        // Batches are read ahead on another thread, as in the server.
        return new ImapFolderSync(store, sink, batch, READER).sync(folder, cursor);
    }

    private void createFolder(String name) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (!folder.exists()) {
            folder.create(Folder.HOLDS_MESSAGES);
        }
    }

    private int counter;

    private List<MimeMessage> append(String folder, int count, OffsetDateTime received) throws MessagingException {
        List<MimeMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            counter++;
            Date date = Date.from(received.plus(Duration.ofSeconds(i)).toInstant());
            MimeMessage message = new MimeMessage(session) {
                @Override
                public Date getReceivedDate() {
                    return date;
                }

                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<m" + counterOf(this) + "@example.com>");
                }
            };
            message.setFrom(new InternetAddress("bob@example.org", false));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("anna@example.com"));
            message.setSubject("Message " + counter);
            message.setHeader("X-Counter", String.valueOf(counter));
            message.setSentDate(date);
            message.setText("Body " + counter);
            message.saveChanges();
            messages.add(message);
        }
        appendMessages(folder, messages);
        return messages;
    }

    private static String counterOf(MimeMessage message) throws MessagingException {
        return message.getHeader("X-Counter", null);
    }

    private void appendMessages(String name, List<MimeMessage> messages) throws MessagingException {
        IMAPFolder folder = (IMAPFolder) store.getFolder(name);
        folder.appendMessages(messages.toArray(Message[]::new));
    }
}
