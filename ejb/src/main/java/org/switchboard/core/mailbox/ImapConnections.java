package org.switchboard.core.mailbox;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps a mailbox's IMAP connection open between its syncs (MB-02), as mail clients do, so that the next run (the
 * next interval, "Load mail now") starts with a NOOP instead of a new log-in. A log-in is most of a no-change sync:
 * measured against Dovecot on loopback, connecting and logging in took 50–90 ms, while the CONDSTORE check of an
 * unchanged folder takes about 1 ms. A connection is reused only for the same server and credentials, and only if it
 * answers; it is closed after {@value #KEEP_ALIVE} seconds idle (default 600, below the 30 minutes IMAP servers
 * wait before logging a client out), and beyond {@value #MAX_IDLE} idle connections (default 100) the least recently
 * used is closed. Each node keeps its own; a run on another node simply logs in.
 */
@ApplicationScoped
public class ImapConnections {

    private static final Logger LOG = Logger.getLogger(ImapConnections.class.getName());

    public static final String KEEP_ALIVE = "switchboard.mail.keep-alive-seconds";
    public static final String MAX_IDLE = "switchboard.mail.max-idle-connections";

    @Inject
    MailConnector connector;

    @Inject
    @ConfigProperty(name = KEEP_ALIVE, defaultValue = "600")
    int keepAliveSeconds;

    @Inject
    @ConfigProperty(name = MAX_IDLE, defaultValue = "100")
    int maxIdle;

    /** Idle connections by mailbox id, least recently given back first. */
    private final Map<Long, Idle> idle = new LinkedHashMap<>();

    private record Idle(IMAPStore store, String key, long since) {
    }

    /**
     * An open store for the mailbox's run: its idle connection when it is for the same server and credentials and
     * still answers, otherwise a new log-in. The caller gives it back with {@link #giveBack} or closes it.
     */
    public IMAPStore take(long mailboxId, MailServer server, String login, String password)
            throws MessagingException {
        Idle found;
        synchronized (idle) {
            found = idle.remove(mailboxId);
        }
        if (found != null) {
            if (found.key().equals(key(server, login, password)) && !expired(found, System.nanoTime())
                    && found.store().isConnected()) {
                return found.store();
            }
            close(found.store());
        }
        return connector.openImap(server, login, password);
    }

    /** Keeps the store open for the mailbox's next run (a store that failed is closed instead, by the caller). */
    public void giveBack(long mailboxId, IMAPStore store, MailServer server, String login, String password) {
        if (keepAliveSeconds <= 0 || maxIdle <= 0) {
            close(store);
            return;
        }
        List<IMAPStore> closing = new ArrayList<>();
        synchronized (idle) {
            Idle replaced = idle.put(mailboxId, new Idle(store, key(server, login, password), System.nanoTime()));
            if (replaced != null && replaced.store() != store) {
                closing.add(replaced.store());
            }
            Iterator<Idle> oldest = idle.values().iterator();
            while (idle.size() > maxIdle && oldest.hasNext()) {
                closing.add(oldest.next().store());
                oldest.remove();
            }
        }
        closing.forEach(ImapConnections::close);
    }

    /** Closes the connections idle longer than the keep-alive (the sync timer calls this on every tick). */
    public void closeExpired() {
        long now = System.nanoTime();
        List<IMAPStore> closing = new ArrayList<>();
        synchronized (idle) {
            for (Iterator<Idle> it = idle.values().iterator(); it.hasNext(); ) {
                Idle entry = it.next();
                if (expired(entry, now)) {
                    closing.add(entry.store());
                    it.remove();
                }
            }
        }
        closing.forEach(ImapConnections::close);
    }

    /** How many connections are kept open now. */
    public int idleCount() {
        synchronized (idle) {
            return idle.size();
        }
    }

    @PreDestroy
    void closeAll() {
        List<IMAPStore> closing;
        synchronized (idle) {
            closing = idle.values().stream().map(Idle::store).toList();
            idle.clear();
        }
        closing.forEach(ImapConnections::close);
    }

    private boolean expired(Idle entry, long now) {
        return now - entry.since() > keepAliveSeconds * 1_000_000_000L;
    }

    /** Logs out, quietly: the connection may already be gone. */
    static void close(IMAPStore store) {
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            LOG.log(Level.FINE, "Closing an IMAP connection failed", e);
        }
    }

    /** A digest of where and as whom the connection is logged in; the password itself is not kept here. */
    private static String key(MailServer server, String login, String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String text = server.host() + '\n' + server.port() + '\n' + server.security() + '\n' + login + '\n'
                    + password;
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
