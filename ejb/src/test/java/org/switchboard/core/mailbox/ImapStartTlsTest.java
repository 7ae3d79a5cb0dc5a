package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import java.util.Optional;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.model.mail.MailSecurity;

/**
 * MB-01, MP-01 against Debian's Dovecot on loopback (GreenMail has no STARTTLS): a provider whose IMAP security is
 * STARTTLS is reached on the plain port, the connection upgraded before the log-in, the server's certificate checked
 * against the host.
 */
class ImapStartTlsTest {

    private static final String LOGIN = "tls@example.com";
    private static final String SECRET = "Tls-Secret-1";

    private static DovecotPeer dovecot;

    @BeforeAll
    static void start() throws Exception {
        dovecot = DovecotPeer.startWithStartTls(LOGIN, SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    private static MailConnector connector(String sslTrust) {
        MailConnector connector = new MailConnector();
        connector.sslTrust = Optional.ofNullable(sslTrust);
        connector.connectTimeout = 5000;
        connector.readTimeout = 5000;
        return connector;
    }

    private static MailServer server(MailSecurity security) {
        return new MailServer("127.0.0.1", dovecot.port(), security);
    }

    @Test
    @DisplayName("MB-01 STARTTLS: upgraded before the log-in, the certificate checked against the host, INBOX read")
    void startTls() throws MessagingException {
        try (IMAPStore store = connector("127.0.0.1").openImap(server(MailSecurity.STARTTLS), LOGIN, SECRET)) {
            assertTrue(store.isSSL(), "the connection was upgraded");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertEquals(0, inbox.getMessageCount());
            inbox.close(false);
        }
    }

    @Test
    @DisplayName("MB-01 a certificate nobody vouches for is a TLS failure, named so, not a wrong password")
    void untrustedCertificate() {
        MessagingException refused = assertThrows(MessagingException.class,
                () -> connector(null).openImap(server(MailSecurity.STARTTLS), LOGIN, SECRET).close());
        assertEquals(MailFailure.Reason.TLS, MailFailure.of(refused).reason(), MailFailure.of(refused)::toString);
    }
}
