package org.switchboard.core.mailbox;

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
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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

/** MB-02 against a real IMAP server (GreenMail): UID-based sync, load period, resume after a crash, UIDVALIDITY. */
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
