package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MB-02 against Dovecot, which has CONDSTORE: "no change" and read-flag changes by HIGHESTMODSEQ. */
class ImapCondstoreSyncTest {

    private static DovecotPeer dovecot;
    private static Session session;
    private static IMAPStore store;

    @BeforeAll
    static void start() throws Exception {
        dovecot = DovecotPeer.start("anna", "secret");
        Properties properties = new Properties();
        properties.setProperty("mail.imap.host", "127.0.0.1");
        properties.setProperty("mail.imap.port", String.valueOf(dovecot.port()));
        session = Session.getInstance(properties);
        store = (IMAPStore) session.getStore("imap");
        store.connect("anna", "secret");
    }

    @AfterAll
    static void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Test
    @DisplayName("MB-02 CONDSTORE: an unchanged folder is recognised, a read flag changed elsewhere is synced")
    void condstore() throws Exception {
        assertTrue(store.hasCapability("CONDSTORE"));
        createFolder("Deals");
        append("Deals", 5);
        RecordingSink sink = new RecordingSink();

        ImapFolderSync.Outcome first = new ImapFolderSync(store, sink).sync("Deals", FolderCursor.initial(null));
        assertEquals(5, first.stored());
        assertTrue(first.cursor().highestModSeq() > 0);

        ImapFolderSync.Outcome unchanged = new ImapFolderSync(store, sink).sync("Deals", first.cursor());
        assertTrue(unchanged.unchanged());

        setSeen("Deals", 2);
        ImapFolderSync.Outcome flagged = new ImapFolderSync(store, sink).sync("Deals", unchanged.cursor());
        assertFalse(flagged.unchanged());
        assertEquals(0, flagged.stored());
        assertEquals(1, flagged.flagChanges());
        long secondUid = sink.stored("Deals").keySet().stream().skip(1).findFirst().orElseThrow();
        assertEquals(Map.of(secondUid, true), sink.seen.get("Deals"));
        assertTrue(flagged.cursor().highestModSeq() > first.cursor().highestModSeq());

        append("Deals", 1);
        ImapFolderSync.Outcome newMail = new ImapFolderSync(store, sink).sync("Deals", flagged.cursor());
        assertEquals(1, newMail.stored());
        assertEquals(0, newMail.flagChanges());
        assertEquals(6, sink.stored("Deals").size());
        assertEquals(0, sink.duplicates);
    }

    private static void createFolder(String name) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (!folder.exists()) {
            folder.create(Folder.HOLDS_MESSAGES);
        }
    }

    private static void append(String name, int count) throws MessagingException {
        Message[] messages = new Message[count];
        for (int i = 0; i < count; i++) {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("bob@example.org"));
            message.setSubject("Deal " + i);
            message.setText("Terms " + i);
            message.saveChanges();
            messages[i] = message;
        }
        ((IMAPFolder) store.getFolder(name)).appendMessages(messages);
    }

    private static void setSeen(String name, int messageNumber) throws MessagingException {
        Folder folder = store.getFolder(name);
        folder.open(Folder.READ_WRITE);
        folder.getMessage(messageNumber).setFlag(Flags.Flag.SEEN, true);
        folder.close(false);
    }
}
