package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MB-01: a failure is told in terms the user can act on, whatever wraps it. */
class MailFailureTest {

    @Test
    @DisplayName("MB-01 a refused log-in, an SMTP answer to AUTH that is no refusal, an unreachable host and a TLS "
            + "failure are told apart")
    void reasons() {
        assertEquals(new MailFailure(MailFailure.Reason.AUTHENTICATION, "[AUTHENTICATIONFAILED] Invalid credentials"),
                MailFailure.of(new AuthenticationFailedException("[AUTHENTICATIONFAILED] Invalid credentials")));
        assertEquals(MailFailure.Reason.UNREACHABLE, MailFailure.of(
                new MessagingException("Couldn't connect", new ConnectException("Connection refused"))).reason());
        assertEquals(new MailFailure(MailFailure.Reason.UNREACHABLE, "unknown host imap.nowhere.test"),
                MailFailure.of(new MessagingException("x", new UnknownHostException("imap.nowhere.test"))));
        assertEquals(new MailFailure(MailFailure.Reason.AUTHENTICATION, "535 5.7.8 Authentication failed"),
                MailFailure.of(new AuthenticationFailedException("535 5.7.8 Authentication failed\n")));
        assertEquals(new MailFailure(MailFailure.Reason.AUTH_ANSWER_INVALID, "250 2.0.0 Ok"),
                MailFailure.of(new MessagingException("x", new AuthenticationFailedException("250 2.0.0 Ok\n"))));
        assertEquals(MailFailure.Reason.TLS, MailFailure.of(new MessagingException("x",
                new SSLHandshakeException("PKIX path building failed"))).reason());
    }

    @Test
    @DisplayName("MB-02 the server's answer names its innermost cause, not the container's wrapper")
    void innermostCause() {
        RuntimeException wrapped = new RuntimeException(new MessagingException("A3 NO",
                new IllegalStateException("folder INBOX vanished")));
        assertEquals(new MailFailure(MailFailure.Reason.SERVER, "IllegalStateException: folder INBOX vanished"),
                MailFailure.of(wrapped));
    }

    @Test
    @DisplayName("MB-02 a failure of Switchboard's own is not blamed on the server, a broken connection is the network")
    void classifiedHonestly() {
        MailFailure local = MailFailure.of(new RuntimeException(new IllegalStateException("no such column")));
        assertEquals(new MailFailure(MailFailure.Reason.LOCAL, "IllegalStateException: no such column"), local);
        assertEquals(MailFailure.Reason.UNREACHABLE, MailFailure.of(new MessagingException("x",
                new SocketException("Connection reset"))).reason());
        assertEquals(MailFailure.Reason.UNREACHABLE, MailFailure.of(new FolderClosedException(null, "* BYE")).reason());
    }
}
