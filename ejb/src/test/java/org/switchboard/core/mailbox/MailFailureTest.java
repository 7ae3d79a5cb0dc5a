package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.iap.BadCommandException;
import org.eclipse.angus.mail.iap.ConnectionException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
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
        assertEquals(new MailFailure(MailFailure.Reason.UNREACHABLE, "unknown host"),
                MailFailure.of(new MessagingException("x", new UnknownHostException("imap.nowhere.test"))));
        assertEquals(new MailFailure(MailFailure.Reason.AUTHENTICATION, "535 5.7.8 Authentication failed"),
                MailFailure.of(new AuthenticationFailedException("535 5.7.8 Authentication failed\n")));
        assertEquals(new MailFailure(MailFailure.Reason.AUTH_ANSWER_INVALID, "250 2.0.0 Ok"),
                MailFailure.of(new MessagingException("x", new AuthenticationFailedException("250 2.0.0 Ok\n"))));
        assertEquals(new MailFailure(MailFailure.Reason.TLS, "the TLS handshake failed"), MailFailure.of(
                new MessagingException("x", new SSLHandshakeException("Remote host terminated the handshake"))));
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed: sun.security"
                + ".provider.certpath.SunCertPathBuilderException: unable to find valid certification path");
        untrusted.initCause(new CertificateException("unable to find valid certification path"));
        assertEquals(new MailFailure(MailFailure.Reason.TLS, "the server's certificate is not trusted"),
                MailFailure.of(new MessagingException("x", untrusted)));
    }

    @Test
    @DisplayName("MB-02 the server's answer is its own words, not the container's wrapper nor an exception inside")
    void serverWords() {
        RuntimeException wrapped = new RuntimeException(new MessagingException("A3 NO [TRYCREATE] no such folder",
                new IllegalStateException("folder INBOX vanished")));
        assertEquals(new MailFailure(MailFailure.Reason.SERVER, "A3 NO [TRYCREATE] no such folder"),
                MailFailure.of(wrapped));
        assertEquals(new MailFailure(MailFailure.Reason.SERVER, "C0 BAD line too long"),
                MailFailure.of(new MessagingException("C0 BAD line too long",
                        new BadCommandException(new Response("C0 BAD line too long")))));
    }

    @Test
    @DisplayName("X-02 issue 18: a connection the IMAP server dropped is unreachable, and no detail carries an "
            + "exception's text (the log gets it)")
    void noExceptionText() {
        Response bye = Response.byeResponse(new SocketException("Connection reset"));
        MessagingException dropped = new MessagingException(bye.toString(), new ConnectionException(null, bye));

        assertEquals(new MailFailure(MailFailure.Reason.UNREACHABLE, "the connection was closed"),
                MailFailure.of(dropped));
        assertTrue(MailFailure.describe(dropped).contains("java.net.SocketException: Connection reset"),
                MailFailure.describe(dropped));
        MailFailure relayed = MailFailure.of(new MessagingException("Server said: java.io.IOException: boom",
                new ProtocolException("* NO java.io.IOException: boom")));
        assertEquals(new MailFailure(MailFailure.Reason.SERVER, "an answer Switchboard could not use"), relayed);
        assertEquals(new MailFailure(MailFailure.Reason.AUTHENTICATION, "535 5.7.8 Authentication failed"),
                MailFailure.of(new AuthenticationFailedException("535 5.7.8 Authentication failed; nested "
                        + "exception is:\n\tjava.net.SocketException: Broken pipe")));
        String longAnswer = "NO " + "x".repeat(1000);
        assertEquals(MailFailure.DETAIL_MAX, MailFailure.of(new AuthenticationFailedException(longAnswer)).detail()
                .length());
    }

    @Test
    @DisplayName("MB-02 a failure of Switchboard's own is not blamed on the server, a broken connection is the network")
    void classifiedHonestly() {
        MailFailure local = MailFailure.of(new RuntimeException(new IllegalStateException("no such column")));
        assertEquals(new MailFailure(MailFailure.Reason.LOCAL, "an error inside Switchboard, logged on the server"),
                local);
        assertEquals(MailFailure.Reason.UNREACHABLE, MailFailure.of(new MessagingException("x",
                new SocketException("Connection reset"))).reason());
        assertEquals(MailFailure.Reason.UNREACHABLE, MailFailure.of(new FolderClosedException(null, "* BYE")).reason());
    }
}
