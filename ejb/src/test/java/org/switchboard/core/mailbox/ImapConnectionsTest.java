package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import java.util.Optional;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.model.mail.MailSecurity;

/** MB-02: a mailbox's IMAP connection is kept for its next run, and only while it is the right one and alive. */
class ImapConnectionsTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    private ImapConnections connections;
    private MailServer server;

    @BeforeEach
    void setUp() {
        MailConnector connector = new MailConnector();
        connector.sslTrust = Optional.empty();
        connector.connectTimeout = 5000;
        connector.readTimeout = 5000;
        connections = new ImapConnections();
        connections.connector = connector;
        connections.keepAliveSeconds = 600;
        connections.maxIdle = 2;
        server = new MailServer("127.0.0.1", MAIL.getImap().getPort(), MailSecurity.NONE);
        MAIL.setUser("anna@example.org", "anna", "secret");
        MAIL.setUser("bert@example.org", "bert", "secret");
        MAIL.setUser("cleo@example.org", "cleo", "secret");
    }

    @Test
    @DisplayName("MB-02 the next run of a mailbox reuses the connection its last run gave back: no new log-in")
    void reused() throws MessagingException {
        IMAPStore first = connections.take(1, server, "anna", "secret");
        connections.giveBack(1, first, server, "anna", "secret");

        IMAPStore second = connections.take(1, server, "anna", "secret");

        assertSame(first, second);
        assertTrue(second.isConnected());
        assertEquals(0, connections.idleCount(), "a taken connection is no longer idle");
        ImapConnections.close(second);
    }

    @Test
    @DisplayName("MB-02 changed credentials log in anew and close the old connection")
    void otherCredentials() throws MessagingException {
        IMAPStore first = connections.take(1, server, "anna", "secret");
        connections.giveBack(1, first, server, "anna", "secret");
        MAIL.setUser("anna@example.org", "anna", "changed");

        IMAPStore second = connections.take(1, server, "anna", "changed");

        assertNotSame(first, second);
        assertFalse(first.isConnected());
        ImapConnections.close(second);
    }

    @Test
    @DisplayName("MB-02 a connection the server dropped is replaced by a new log-in")
    void dropped() throws MessagingException {
        IMAPStore first = connections.take(1, server, "anna", "secret");
        connections.giveBack(1, first, server, "anna", "secret");
        first.close();

        IMAPStore second = connections.take(1, server, "anna", "secret");

        assertNotSame(first, second);
        assertTrue(second.isConnected());
        ImapConnections.close(second);
    }

    @Test
    @DisplayName("MB-02 beyond the idle limit the least recently used connection is closed; no keep-alive closes "
            + "at once")
    void bounded() throws MessagingException {
        IMAPStore anna = connections.take(1, server, "anna", "secret");
        IMAPStore bert = connections.take(2, server, "bert", "secret");
        IMAPStore cleo = connections.take(3, server, "cleo", "secret");
        connections.giveBack(1, anna, server, "anna", "secret");
        connections.giveBack(2, bert, server, "bert", "secret");
        connections.giveBack(3, cleo, server, "cleo", "secret");

        assertEquals(2, connections.idleCount());
        assertFalse(anna.isConnected(), "the oldest is closed");
        assertTrue(cleo.isConnected());

        connections.keepAliveSeconds = 0;
        connections.closeExpired();
        assertEquals(0, connections.idleCount());
        assertFalse(bert.isConnected());
        IMAPStore again = connections.take(3, server, "cleo", "secret");
        connections.giveBack(3, again, server, "cleo", "secret");
        assertFalse(again.isConnected(), "with no keep-alive a connection is closed when given back");
    }
}
