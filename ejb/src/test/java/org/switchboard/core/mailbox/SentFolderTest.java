package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MB-03 against a real IMAP server (GreenMail): where a sent message is saved, and which failures are retried. */
class SentFolderTest {

    @RegisterExtension
    final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    private IMAPStore store;

    @BeforeEach
    void connect() throws MessagingException {
        greenMail.setUser("anna@example.com", "anna", "secret");
        Properties properties = new Properties();
        properties.setProperty("mail.imap.host", "127.0.0.1");
        properties.setProperty("mail.imap.port", String.valueOf(greenMail.getImap().getPort()));
        store = (IMAPStore) Session.getInstance(properties).getStore("imap");
        store.connect("anna", "secret");
    }

    @AfterEach
    void close() throws MessagingException {
        store.close();
    }

    private SentFolder.Placement save(String subject) throws MessagingException {
        OutgoingMail mail = new OutgoingMail("anna@example.com", null, List.of("bob@example.org"), List.of(),
                List.of(), subject, "<p>Hi</p>", "Hi", List.of(), subject + "@example.com", null, List.of(),
                OffsetDateTime.parse("2026-11-25T18:30:00Z"));
        return SentFolder.save(store, MailComposer.build(Session.getInstance(new Properties()), mail));
    }

    @Test
    @DisplayName("MB-03 without a Sent folder \"Sent\" is created; the message is saved read, its UID told (UIDPLUS)")
    void createsSent() throws MessagingException {
        SentFolder.Placement placement = save("first");

        assertEquals("Sent", placement.folder());
        assertTrue(placement.knowsUid(), placement::toString);
        IMAPFolder sent = (IMAPFolder) store.getFolder("Sent");
        sent.open(Folder.READ_ONLY);
        assertEquals(placement.uidValidity(), sent.getUIDValidity());
        assertEquals("first", sent.getMessageByUID(placement.uid()).getSubject());
        assertTrue(sent.getMessageByUID(placement.uid()).isSet(Flags.Flag.SEEN));
        assertEquals("<first@example.com>", sent.getMessageByUID(placement.uid()).getHeader("Message-ID")[0]);
        sent.close(false);
    }

    @Test
    @DisplayName("MB-03 an existing folder of a usual name is used (\"Sent Items\"), case-insensitively")
    void usesUsualName() throws MessagingException {
        store.getFolder("sent items").create(Folder.HOLDS_MESSAGES);

        assertEquals("sent items", save("second").folder());
        assertFalse(store.getFolder("Sent").exists());
    }

    @Test
    @DisplayName("MB-03 unreachable and 4xx are retried; a 5xx refusal or a refused log-in is final")
    void whichFailuresPass() {
        MessagingException refused = new SMTPSendFailedException("DATA", 554, "554 5.7.1 rejected", null, null,
                null, null);
        MessagingException busy = new SMTPAddressFailedException(new jakarta.mail.internet.InternetAddress(), "RCPT",
                451, "451 4.7.1 try later");
        java.net.ConnectException down = new java.net.ConnectException("Connection refused");

        assertFalse(MailSender.mayPass(refused, MailFailure.of(refused)));
        assertTrue(MailSender.mayPass(busy, MailFailure.of(busy)));
        assertTrue(MailSender.mayPass(down, MailFailure.of(down)));
        jakarta.mail.AuthenticationFailedException login = new jakarta.mail.AuthenticationFailedException("535");
        assertFalse(MailSender.mayPass(login, MailFailure.of(login)));
    }
}
