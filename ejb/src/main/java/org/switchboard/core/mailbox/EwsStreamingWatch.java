package org.switchboard.core.mailbox;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.switchboard.core.exchange.EntraException;
import org.switchboard.core.exchange.EwsException;
import org.switchboard.core.exchange.EwsMailClient;
import org.switchboard.core.exchange.EwsMailbox;

/**
 * Watches the synced folders of one Exchange Server mailbox with EWS streaming notifications (MP-11), in a thread of
 * its own: a subscription on the folders, then {@code GetStreamingEvents} connections one after another for as long
 * as the watch runs. A notification only says "sync now" ({@link ImapIdleWatch.Listener#newMail}); it is never taken
 * as content. Each new subscription says so too, because mail may have arrived while nothing was subscribed; a new
 * connection on the same subscription does not, since Exchange kept its events meanwhile. A subscription Exchange
 * forgot (a restart, an expiry) is made again; an unreachable server backs off 5 s, doubling to 5 minutes; a sign-in
 * Exchange refuses (after one new token, for a mailbox signed in with Microsoft) or a server without streaming ends
 * the watch, and polling every {@code MailboxSyncInterval} goes on. {@link #stop} ends it from any thread.
 */
public final class EwsStreamingWatch implements MailboxWatch {

    /** How long one {@code GetStreamingEvents} connection lasts before the next is opened (EWS allows 1 to 30). */
    static final int CONNECTION_MINUTES = 29;
    private static final Logger LOG = Logger.getLogger(EwsStreamingWatch.class.getName());
    private static final Duration AT_ONCE = Duration.ofSeconds(1);

    /** The mailbox ready for calls. */
    @FunctionalInterface
    public interface Access {

        /**
         * The mailbox with credentials to call with: {@code refused} null for the usual ones (a stored sign-in with
         * Microsoft becomes its current access token), or the mailbox whose access token Exchange just refused, to
         * get a new token; null when there is nothing else to try.
         */
        EwsMailbox mailbox(EwsMailbox refused);
    }

    private final long mailboxId;
    private final List<String> folderIds;
    private final EwsMailClient ews;
    private final Access access;
    private final ImapIdleWatch.Listener listener;
    private final int connectionMinutes;
    private final WatchPacing pacing = new WatchPacing();
    private volatile Closeable connection;

    public EwsStreamingWatch(long mailboxId, List<String> folderIds, EwsMailClient ews, Access access,
            ImapIdleWatch.Listener listener) {
        this(mailboxId, folderIds, ews, access, listener, CONNECTION_MINUTES);
    }

    EwsStreamingWatch(long mailboxId, List<String> folderIds, EwsMailClient ews, Access access,
            ImapIdleWatch.Listener listener, int connectionMinutes) {
        if (folderIds.isEmpty()) {
            throw new IllegalArgumentException("A streaming watch needs at least one folder");
        }
        this.mailboxId = mailboxId;
        this.folderIds = List.copyOf(folderIds);
        this.ews = ews;
        this.access = access;
        this.listener = listener;
        this.connectionMinutes = connectionMinutes;
    }

    @Override
    public void run() {
        String subscription = null;
        EwsMailbox mailbox = null;
        boolean tokenReplaced = false;
        while (!pacing.stopped()) {
            long started = System.nanoTime();
            boolean subscribed = false;
            String broke;
            try {
                if (mailbox == null) {
                    mailbox = access.mailbox(null);
                }
                subscribed = subscription == null;
                if (subscribed) {
                    subscription = ews.subscribe(mailbox, folderIds);
                    listener.newMail(mailboxId);
                }
                ews.listen(mailbox, subscription, connectionMinutes, new EwsMailClient.StreamListener() {
                    @Override
                    public void opened(Closeable abort) {
                        connection = abort;
                        if (pacing.stopped()) {
                            close(abort);
                        }
                    }

                    @Override
                    public void changed(Set<String> changedFolderIds) {
                        listener.newMail(mailboxId);
                    }
                });
                tokenReplaced = false;
                mailbox = null; // the next connection takes the current token (refreshed before it expires)
                if (Duration.ofNanos(System.nanoTime() - started).compareTo(AT_ONCE) > 0) {
                    pacing.reset();
                    continue;
                }
                // A server that ends every connection at once is not listened to in a tight loop.
                broke = "Exchange closed the connection at once";
            } catch (EwsException e) {
                if (pacing.stopped()) {
                    return;
                }
                switch (e.outcome()) {
                    case SUBSCRIPTION_GONE -> {
                        LOG.fine(() -> "Exchange forgot the streaming subscription of mailbox " + mailboxId);
                        subscription = null;
                        if (!subscribed) {
                            continue; // a restart of Exchange: subscribe again at once
                        }
                        broke = e.getMessage(); // forgotten as soon as made: not in a tight loop
                    }
                    case SIGN_IN_FAILED -> {
                        EwsMailbox replaced = tokenReplaced ? null : access.mailbox(mailbox);
                        if (replaced == null) {
                            end("Exchange refused the sign-in: " + e.getMessage());
                            return;
                        }
                        tokenReplaced = true;
                        mailbox = replaced;
                        continue;
                    }
                    case REFUSED -> {
                        end("Exchange refused streaming notifications: " + e.getMessage());
                        return;
                    }
                    default -> broke = e.getMessage();
                }
            } catch (EntraException e) {
                if (e.outcome() == EntraException.Outcome.SIGN_IN_AGAIN) {
                    end("the mailbox must be signed in with Microsoft again");
                    return;
                }
                mailbox = null;
                broke = e.getMessage();
            } finally {
                connection = null;
            }
            if (pacing.stopped()) {
                return;
            }
            Duration wait = pacing.nextWait(started);
            String why = broke;
            LOG.info(() -> "Streaming notifications of mailbox " + mailboxId + " broke off (" + why
                    + "); listening again in " + wait.toSeconds() + " s");
            pacing.pause(wait);
        }
    }

    /** Ends the watch: its connection is closed; the thread ends soon after. */
    @Override
    public void stop() {
        pacing.stop();
        Closeable open = connection;
        if (open != null) {
            close(open);
        }
    }

    @Override
    public boolean isStopped() {
        return pacing.stopped();
    }

    private void end(String why) {
        pacing.stop();
        LOG.info(() -> "Streaming notifications of mailbox " + mailboxId + " end: " + why
                + "; it is loaded by polling");
        listener.ended(mailboxId, why);
    }

    private static void close(Closeable abort) {
        try {
            abort.close();
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "Closing a streaming connection failed: " + e.getClass().getName());
        }
    }
}
