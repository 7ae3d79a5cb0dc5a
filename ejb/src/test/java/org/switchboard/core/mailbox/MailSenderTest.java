package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.model.mail.MailSecurity;

/**
 * MB-03 against real SMTP and IMAP servers (GreenMail): a send whose last attempt was cut off (its node stopped
 * between the SMTP server's answer and recording it) is not sent twice when the Sent folder shows it went out. The
 * store's transactions are replaced by a recording one; everything that talks to a mail server is the real code.
 */
class MailSenderTest {

    @RegisterExtension
    final GreenMailExtension mail = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});

    private final RecordingSendStore store = new RecordingSendStore();
    private final MailSender sender = new MailSender();
    private MailConnector connector;
    private OutgoingMail outgoing;

    @BeforeEach
    void setUp() {
        mail.setUser("anna@example.com", "anna", "secret");
        mail.setUser("bob@example.org", "bob", "secret");
        connector = new MailConnector();
        connector.sslTrust = Optional.empty();
        connector.connectTimeout = 5000;
        connector.readTimeout = 5000;
        sender.store = store;
        sender.connector = connector;
        outgoing = new OutgoingMail("anna@example.com", null, List.of("bob@example.org"), List.of(), List.of(),
                "Offer", "<p>Our offer</p>", "Our offer", List.of(), "offer-1@example.com", null, List.of(),
                OffsetDateTime.parse("2026-11-26T09:00:00Z"));
        store.attempt = new MailSendStore.Attempt(7, 3, "anna@example.com", "anna", "anna", null, 2, outgoing,
                new MailServer("127.0.0.1", mail.getSmtp().getPort(), MailSecurity.NONE),
                new MailServer("127.0.0.1", mail.getImap().getPort(), MailSecurity.NONE), "anna", "secret",
                MailTransport.IMAP, null);
    }

    @Test
    @DisplayName("MB-03 after a cut-off attempt whose message the Sent folder holds: recorded SENT where it lies, "
            + "not sent again")
    void cutOffAndInSent() throws MessagingException {
        SentFolder.Placement saved;
        try (IMAPStore imap = connector.openImap(store.attempt.imap(), "anna", "secret")) {
            saved = SentFolder.save(imap, MailComposer.build(Session.getInstance(new Properties()), outgoing));
        }
        store.claim = new MailSendStore.Claim(true, true);

        sender.deliver(7, false);

        assertEquals(List.of(), inboxOfBob(), "nothing sent again");
        assertEquals(List.of("sent", "placed Sent " + saved.uidValidity() + "/" + saved.uid()), store.calls);
    }

    @Test
    @DisplayName("MB-03 after a cut-off attempt whose message the Sent folder does not hold: sent again, and saved")
    void cutOffNotInSent() throws MessagingException {
        try (IMAPStore imap = connector.openImap(store.attempt.imap(), "anna", "secret")) {
            // Another message in Sent whose Message-ID contains this one's must not count (IMAP searches substrings).
            SentFolder.save(imap, MailComposer.build(Session.getInstance(new Properties()),
                    new OutgoingMail("anna@example.com", null, List.of("bob@example.org"), List.of(), List.of(),
                            "Older", "<p>x</p>", "x", List.of(), "x-offer-1@example.com", null, List.of(),
                            OffsetDateTime.parse("2026-11-25T09:00:00Z"))));
        }
        store.claim = new MailSendStore.Claim(true, true);

        sender.deliver(7, false);

        assertEquals(List.of("<offer-1@example.com>"), inboxOfBob(), "sent once");
        assertEquals(2, store.calls.size(), store.calls::toString);
        assertEquals("sent", store.calls.get(0));
        assertTrue(store.calls.get(1).startsWith("placed Sent "), store.calls::toString);
    }

    @Test
    @DisplayName("MB-03 an attempt that follows a finished or released one does not look in Sent: it sends")
    void notCutOff() throws MessagingException {
        try (IMAPStore imap = connector.openImap(store.attempt.imap(), "anna", "secret")) {
            SentFolder.save(imap, MailComposer.build(Session.getInstance(new Properties()), outgoing));
        }
        store.claim = new MailSendStore.Claim(true, false);

        sender.deliver(7, false);

        assertEquals(List.of("<offer-1@example.com>"), inboxOfBob());
    }

    /** The Message-IDs in the recipient's INBOX: what the SMTP server delivered. */
    private List<String> inboxOfBob() throws MessagingException {
        try (IMAPStore imap = connector.openImap(store.attempt.imap(), "bob", "secret")) {
            Folder inbox = imap.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<String> ids = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    ids.add(message.getHeader("Message-ID")[0]);
                }
                return ids;
            } finally {
                inbox.close(false);
            }
        }
    }
}
