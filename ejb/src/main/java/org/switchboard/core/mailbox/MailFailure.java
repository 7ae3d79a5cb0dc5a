package org.switchboard.core.mailbox;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.iap.ProtocolException;

/**
 * Why talking to a mail server failed, in the terms a user can act on (MB-01): the log-in was refused, the SMTP
 * server's answer to the log-in was not valid, the host cannot be reached, TLS failed, or the server answered
 * something else. Carries the server's own words where it gave some, and never a Java exception's text (X-02, issue
 * 18: a connection the server dropped showed as {@code * BYE Jakarta Mail Exception: java.net.SocketException}):
 * that goes to the log through {@link #describe(Throwable)}.
 *
 * @param detail the server's own answer, or a plain description of what happened; for the user, the mailbox's last
 *               error and the log (never a password, never an exception's text)
 */
public record MailFailure(Reason reason, String detail) {

    /** The longest detail kept: a server's answer is one line; the rest of a longer text is cut. */
    static final int DETAIL_MAX = 300;

    /**
     * An SMTP reply with a 2xx or 3xx code. Angus Mail fails the log-in with the server's last reply whenever AUTH is
     * not answered 235, so a refusal carries a 4xx or 5xx code and anything else is an answer that is not valid. (An
     * IMAP server's refusal does not start with a reply code.)
     */
    private static final Pattern NOT_A_REFUSAL = Pattern.compile("[23][0-9][0-9](?:[ -]|$)");

    /**
     * Java's words in a text that is meant to be a server's: a qualified exception class name, or what Angus Mail
     * writes when it turns an exception into an answer ({@code Jakarta Mail Exception}, {@code nested exception}).
     */
    private static final Pattern EXCEPTION_TEXT = Pattern.compile(
            "(?:[A-Za-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b|Mail Exception|nested exception");

    /** Where Jakarta Mail appends a wrapped exception's text to its own message. */
    private static final String NESTED = "; nested exception is:";

    /** What went wrong, each with the message key the UI shows. */
    public enum Reason {
        AUTHENTICATION("validation.mailbox.loginRefused"),
        /**
         * The SMTP server offered AUTH but answered it with something that is neither a success (235) nor a refusal
         * (4xx, 5xx), such as {@code 250 2.0.0 Ok}: the password was never judged, so "check the password" would
         * mislead.
         */
        AUTH_ANSWER_INVALID("error.mailbox.authAnswerInvalid"),
        UNREACHABLE("error.mailbox.unreachable"),
        TLS("error.mailbox.tls"),
        SERVER("error.mailbox.server"),
        /** Switchboard itself failed (not the server, not the network): the details are in the log. */
        LOCAL("error.mailbox.local");

        private final String messageKey;

        Reason(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    /** Classifies a failure by the first cause that tells. */
    public static MailFailure of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof AuthenticationFailedException) {
                String answer = words(cause);
                if (answer == null) {
                    return new MailFailure(Reason.AUTHENTICATION, "no reason given");
                }
                return new MailFailure(NOT_A_REFUSAL.matcher(answer).lookingAt() ? Reason.AUTH_ANSWER_INVALID
                        : Reason.AUTHENTICATION, answer);
            }
            if (cause instanceof SSLException) {
                return new MailFailure(Reason.TLS, untrusted(cause) ? "the server's certificate is not trusted"
                        : "the TLS handshake failed");
            }
            if (cause instanceof UnknownHostException) {
                return new MailFailure(Reason.UNREACHABLE, "unknown host");
            }
            if (cause instanceof ConnectException) {
                return new MailFailure(Reason.UNREACHABLE, "connection refused");
            }
            if (cause instanceof NoRouteToHostException) {
                return new MailFailure(Reason.UNREACHABLE, "no route to the host");
            }
            if (cause instanceof SocketTimeoutException) {
                return new MailFailure(Reason.UNREACHABLE, "no answer in time");
            }
            // The connection broke off mid-run: the network (or the server hanging up), not an answer.
            if (cause instanceof SocketException || cause instanceof EOFException
                    || cause instanceof FolderClosedException || cause instanceof StoreClosedException) {
                return new MailFailure(Reason.UNREACHABLE, "the connection was closed");
            }
            // Angus Mail turns an I/O failure on the connection into a made-up BYE answer that holds the exception.
            if (cause instanceof ProtocolException protocol && protocol.getResponse() != null
                    && protocol.getResponse().isSynthetic() && protocol.getResponse().getException() != null) {
                return of(protocol.getResponse().getException());
            }
        }
        if (!talkedToServer(failure)) {
            return new MailFailure(Reason.LOCAL, "an error inside Switchboard, logged on the server");
        }
        String answer = serverAnswer(failure);
        return new MailFailure(Reason.SERVER, answer == null ? "an answer Switchboard could not use" : answer);
    }

    /**
     * The failure's exceptions with their texts, outermost first: for the log only, where an administrator needs them
     * (mail exceptions name no password).
     */
    public static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 10; cause = next(cause), depth++) {
            text.append(depth == 0 ? "" : " <- ").append(cause.getClass().getName()).append(": ")
                    .append(ownMessage(cause));
        }
        return text.toString();
    }

    /** Whether the failure came from talking to the server (a protocol answer or I/O), not from our own code. */
    private static boolean talkedToServer(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof MessagingException || cause instanceof IOException
                    || cause instanceof ProtocolException) {
                return true;
            }
        }
        return false;
    }

    /** The server's own words behind a failure: those of the innermost protocol error that has some. */
    private static String serverAnswer(Throwable failure) {
        String answer = null;
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof MessagingException || cause instanceof ProtocolException) {
                String words = words(cause);
                if (words != null) {
                    answer = words;
                }
            }
        }
        return answer;
    }

    /** Whether TLS failed on the server's certificate (not trusted, expired, another host's). */
    private static boolean untrusted(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof CertificateException || cause instanceof CertPathValidatorException
                    || cause instanceof CertPathBuilderException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A protocol error's text as the server's words: one line, at most {@value #DETAIL_MAX} characters; null when it
     * has none, or when it is Java's rather than the server's.
     */
    private static String words(Throwable cause) {
        String message = ownMessage(cause);
        if (message == null) {
            return null;
        }
        String line = message.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (line.isEmpty() || EXCEPTION_TEXT.matcher(line).find()) {
            return null;
        }
        return line.length() <= DETAIL_MAX ? line : line.substring(0, DETAIL_MAX - 1) + "…";
    }

    /** The exception's own message, without the wrapped exception's text that Jakarta Mail appends. */
    private static String ownMessage(Throwable cause) {
        String message = cause.getMessage();
        if (message != null && cause instanceof MessagingException) {
            int nested = message.indexOf(NESTED);
            message = nested < 0 ? message : message.substring(0, nested);
        }
        return message;
    }

    private static Throwable next(Throwable cause) {
        return cause.getCause() == cause ? null : cause.getCause();
    }

    /** The words for a message that Switchboard itself could not read: the innermost cause, never the server's. */
    public static String unreadable(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + ": "
                + (message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip());
    }

    /** For the log and the mailbox's last error. */
    @Override
    public String toString() {
        return reason + ": " + detail;
    }
}
