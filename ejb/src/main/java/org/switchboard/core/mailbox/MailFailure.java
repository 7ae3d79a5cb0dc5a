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
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Why talking to a mail server failed, in the terms a user can act on (MB-01): the log-in was refused, the SMTP
 * server's answer to the log-in was not valid, the host cannot be reached, TLS failed, or the server answered
 * something else. Carries the server's own words.
 *
 * @param detail the server's or the network's message, for the user and the log (never a password)
 */
public record MailFailure(Reason reason, String detail) {

    /**
     * An SMTP reply with a 2xx or 3xx code. Angus Mail fails the log-in with the server's last reply whenever AUTH is
     * not answered 235, so a refusal carries a 4xx or 5xx code and anything else is an answer that is not valid. (An
     * IMAP server's refusal does not start with a reply code.)
     */
    private static final Pattern NOT_A_REFUSAL = Pattern.compile("[23][0-9][0-9](?:[ -]|$)");

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
        /** Switchboard itself failed (not the server, not the network): its own words, for the log and support. */
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
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AuthenticationFailedException) {
                String detail = message(cause);
                return new MailFailure(NOT_A_REFUSAL.matcher(detail).lookingAt() ? Reason.AUTH_ANSWER_INVALID
                        : Reason.AUTHENTICATION, detail);
            }
            if (cause instanceof SSLException) {
                return new MailFailure(Reason.TLS, message(cause));
            }
            if (cause instanceof UnknownHostException) {
                return new MailFailure(Reason.UNREACHABLE, "unknown host " + cause.getMessage());
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof SocketTimeoutException) {
                return new MailFailure(Reason.UNREACHABLE, message(cause));
            }
            // The connection broke off mid-run: the network (or the server hanging up), not an answer.
            if (cause instanceof SocketException || cause instanceof EOFException
                    || cause instanceof FolderClosedException || cause instanceof StoreClosedException) {
                return new MailFailure(Reason.UNREACHABLE, message(cause));
            }
        }
        if (!talkedToServer(failure)) {
            return new MailFailure(Reason.LOCAL, unreadable(failure));
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // The innermost cause says what happened; the wrappers around it (EJBException, …) do not.
        return new MailFailure(Reason.SERVER, root == failure ? message(failure)
                : root.getClass().getSimpleName() + ": " + message(root));
    }

    /** Whether the failure came from talking to the server (a protocol answer or I/O), not from our own code. */
    private static boolean talkedToServer(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof MessagingException || cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The words for a message that Switchboard itself could not read: the innermost cause, never the server's. */
    public static String unreadable(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + message(root);
    }

    private static String message(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message.strip();
    }

    /** For the log and the mailbox's last error. */
    @Override
    public String toString() {
        return reason + ": " + detail;
    }
}
