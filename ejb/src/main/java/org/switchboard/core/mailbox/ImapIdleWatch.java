package org.switchboard.core.mailbox;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Watches one folder of one mailbox with IMAP IDLE (MB-02) on a connection of its own, in a thread of its own: when
 * the server says new mail arrived, {@link Listener#newMail} is told at once, so that a sync loads it within seconds
 * instead of at the next {@code MailboxSyncInterval}. Each time it (re)connects it says so too, because mail may have
 * arrived while it was not watching. A read that times out (servers end an IDLE after some minutes, or never speak)
 * reconnects; a failure backs off 5 s, doubling to 5 minutes; a server without IDLE, or a refused log-in, ends the
 * watch (polling goes on). {@link #stop} ends it from any thread.
 */
public final class ImapIdleWatch implements MailboxWatch {

    private static final Logger LOG = Logger.getLogger(ImapIdleWatch.class.getName());
    /** How long an IDLE waits for the server before it is renewed with a new connection. */
    static final Duration RENEW = Duration.ofMinutes(9);

    /** Where the watch reports. Called in the watch's thread; must not block long. */
    public interface Listener {

        /** The folder may hold mail the mailbox has not loaded: new mail arrived, or the watch (re)connected. */
        void newMail(long mailboxId);

        /** The watch ended for good: the server has no IDLE, or refused the log-in (polling goes on). */
        void ended(long mailboxId, String why);
    }

    /** Opens the watch's connection. */
    @FunctionalInterface
    public interface Connection {
        IMAPStore open(int readTimeoutMillis) throws MessagingException;
    }

    private final long mailboxId;
    private final String folderName;
    private final Connection connection;
    private final Listener listener;
    private final WatchPacing pacing = new WatchPacing();
    private volatile IMAPFolder folder;
    private volatile IMAPStore store;

    public ImapIdleWatch(long mailboxId, String folderName, Connection connection, Listener listener) {
        this.mailboxId = mailboxId;
        this.folderName = folderName;
        this.connection = connection;
        this.listener = listener;
    }

    public long mailboxId() {
        return mailboxId;
    }

    @Override
    public void run() {
        while (!pacing.stopped()) {
            long started = System.nanoTime();
            String broke;
            try {
                watchOnce();
                broke = "the server ended the IDLE";
            } catch (AuthenticationFailedException e) {
                end("the server refused the log-in: " + e.getMessage());
                return;
            } catch (Unsupported e) {
                end(e.getMessage());
                return;
            } catch (MessagingException | RuntimeException e) {
                if (timedOut(e)) {
                    LOG.fine(() -> "IDLE of mailbox " + mailboxId + " renewed after " + RENEW.toMinutes() + " min");
                    continue;
                }
                broke = MailFailure.of(e).toString();
            } finally {
                disconnect();
            }
            if (pacing.stopped()) {
                return;
            }
            Duration wait = pacing.nextWait(started);
            String why = broke;
            LOG.info(() -> "IDLE of mailbox " + mailboxId + " broke off (" + why + "); reconnecting in "
                    + wait.toSeconds() + " s");
            pacing.pause(wait);
        }
    }

    /** One connection: log in, open the folder, say "maybe new mail", then IDLE until the connection ends. */
    private void watchOnce() throws MessagingException {
        IMAPStore opened = connection.open((int) RENEW.toMillis());
        store = opened;
        if (!opened.hasCapability("IDLE")) {
            throw new Unsupported("the server does not offer IDLE");
        }
        IMAPFolder watched = (IMAPFolder) opened.getFolder(folderName);
        watched.addMessageCountListener(new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent event) {
                listener.newMail(mailboxId);
            }
        });
        watched.open(Folder.READ_ONLY);
        folder = watched;
        if (pacing.stopped()) {
            return;
        }
        listener.newMail(mailboxId);
        while (!pacing.stopped() && watched.isOpen()) {
            watched.idle(false);
        }
    }

    /** Ends the watch: its IDLE is broken off and its connection closed; the thread ends soon after. */
    @Override
    public void stop() {
        pacing.stop();
        disconnect();
    }

    @Override
    public boolean isStopped() {
        return pacing.stopped();
    }

    private void end(String why) {
        pacing.stop();
        LOG.info(() -> "IDLE of mailbox " + mailboxId + " ends: " + why + "; it is loaded by polling");
        listener.ended(mailboxId, why);
    }

    private void disconnect() {
        IMAPFolder open = folder;
        folder = null;
        if (open != null && open.isOpen()) {
            try {
                open.close(false); // breaks off an IDLE in progress (Angus sends DONE first)
            } catch (MessagingException | RuntimeException e) {
                LOG.log(Level.FINE, "Closing the IDLE folder failed", e);
            }
        }
        IMAPStore connected = store;
        store = null;
        if (connected != null) {
            ImapConnections.close(connected);
        }
    }


    private static boolean timedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The server cannot be watched this way. */
    private static final class Unsupported extends MessagingException {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message);
        }
    }

    @Override
    public String toString() {
        return "IDLE of mailbox " + mailboxId + " " + folderName + (pacing.stopped() ? " (stopped)" : "");
    }
}
