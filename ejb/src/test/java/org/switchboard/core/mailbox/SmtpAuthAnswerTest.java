package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.mail.MessagingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.switchboard.model.mail.MailSecurity;

/**
 * MB-01: what an SMTP server answers to AUTH decides the message. A tiny SMTP server on a local socket offers AUTH
 * and answers it as told: a refusal (535) is a refused log-in ("check the password"); an answer that is neither a
 * success nor a refusal (250, as some relays give) is told as an answer that is not valid, not as a wrong password.
 */
class SmtpAuthAnswerTest {

    @ParameterizedTest(name = "MB-01 AUTH {0} answered \"{1}\": {2}")
    @DisplayName("MB-01 an SMTP answer to AUTH that is not a refusal is told as not valid, not as a wrong password")
    @CsvSource(delimiter = '|', value = {
            "PLAIN | 250 2.0.0 Ok                                   | AUTH_ANSWER_INVALID | error.mailbox.authAnswerInvalid",
            "LOGIN | 250 2.0.0 Ok                                   | AUTH_ANSWER_INVALID | error.mailbox.authAnswerInvalid",
            "PLAIN | 535 5.7.8 Authentication credentials invalid   | AUTHENTICATION      | validation.mailbox.loginRefused",
            "LOGIN | 535 5.7.8 Authentication credentials invalid   | AUTHENTICATION      | validation.mailbox.loginRefused"})
    void authAnswer(String mechanism, String answer, MailFailure.Reason reason, String messageKey) throws Exception {
        List<String> commands = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread fake = new Thread(() -> speak(server, mechanism, answer, commands), "fake-smtp");
            fake.setDaemon(true);
            fake.start();
            MailConnector connector = new MailConnector();
            connector.sslTrust = Optional.empty();
            connector.connectTimeout = 5000;
            connector.readTimeout = 5000;

            MessagingException e = assertThrows(MessagingException.class, () -> connector.checkSmtp(
                    new MailServer("127.0.0.1", server.getLocalPort(), MailSecurity.NONE), "anna", "secret"));

            MailFailure failure = MailFailure.of(e);
            assertEquals(List.of(reason, messageKey, answer), List.of(failure.reason(),
                    failure.reason().messageKey(), failure.detail()));
            fake.join(5000);
            assertEquals("AUTH " + mechanism, commands.stream().filter(c -> c.startsWith("AUTH")).findFirst()
                    .map(c -> c.split(" ")[0] + " " + c.split(" ")[1]).orElse("no AUTH"));
        }
    }

    /** Greets, offers AUTH with one mechanism, answers AUTH as told and anything else 250, until QUIT or EOF. */
    private static void speak(ServerSocket server, String mechanism, String answer, List<String> commands) {
        try (Socket socket = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
            out.write("220 fake.test ESMTP\r\n");
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                commands.add(line);
                if (line.startsWith("EHLO")) {
                    out.write("250-fake.test\r\n250-AUTH " + mechanism + "\r\n250 8BITMIME\r\n");
                } else if (line.startsWith("AUTH")) {
                    out.write(answer + "\r\n");
                } else if (line.startsWith("QUIT")) {
                    out.write("221 2.0.0 Bye\r\n");
                    out.flush();
                    return;
                } else {
                    out.write("250 2.0.0 Ok\r\n");
                }
                out.flush();
            }
        } catch (IOException e) {
            // The client closed the connection after the failed log-in: the exchange is over.
        }
    }
}
