package org.switchboard.core.mailbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.model.mail.MailSecurity;

/**
 * Opens IMAP and SMTP connections to a provider's servers (MP-01, MB-01, MB-02) with timeouts, and TLS as the
 * provider says: SSL/TLS from the first byte, STARTTLS required, or none. Which certificates are trusted beyond the
 * JDK's is configuration ({@value #SSL_TRUST}: host names or {@code *}, for servers with private certificates and
 * for the tests' local servers).
 */
@ApplicationScoped
public class MailConnector {

    public static final String SSL_TRUST = "switchboard.mail.ssl-trust";
    public static final String CONNECT_TIMEOUT = "switchboard.mail.connect-timeout-ms";
    public static final String READ_TIMEOUT = "switchboard.mail.read-timeout-ms";

    @Inject
    @ConfigProperty(name = SSL_TRUST)
    Optional<String> sslTrust;

    @Inject
    @ConfigProperty(name = CONNECT_TIMEOUT, defaultValue = "15000")
    int connectTimeout;

    @Inject
    @ConfigProperty(name = READ_TIMEOUT, defaultValue = "60000")
    int readTimeout;

    /** A connected IMAP store; the caller closes it. */
    public IMAPStore openImap(MailServer server, String login, String password) throws MessagingException {
        return openImap(server, login, password, readTimeout);
    }

    /**
     * A connected IMAP store whose reads wait up to {@code readTimeoutMillis} (an IDLE connection waits for the
     * server's next word much longer than a command waits for its answer); the caller closes it.
     */
    public IMAPStore openImap(MailServer server, String login, String password, int readTimeoutMillis)
            throws MessagingException {
        String protocol = server.security() == MailSecurity.SSL_TLS ? "imaps" : "imap";
        Properties properties = properties(protocol, server);
        properties.setProperty("mail." + protocol + ".timeout", String.valueOf(readTimeoutMillis));
        Session session = Session.getInstance(properties);
        IMAPStore store = (IMAPStore) session.getStore(protocol);
        store.connect(server.host(), server.port(), login, password);
        return store;
    }

    /** Logs in to the SMTP server and out again: proves the address can send (MB-01). */
    public void checkSmtp(MailServer server, String login, String password) throws MessagingException {
        try (Transport transport = smtp(server)) {
            transport.connect(server.host(), server.port(), login, password);
        }
    }

    /** A not yet connected SMTP transport for the server, with authentication on. */
    public Transport smtp(MailServer server) throws MessagingException {
        String protocol = server.security() == MailSecurity.SSL_TLS ? "smtps" : "smtp";
        Properties properties = properties(protocol, server);
        properties.setProperty("mail." + protocol + ".auth", "true");
        return Session.getInstance(properties).getTransport(protocol);
    }

    Properties properties(String protocol, MailServer server) {
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        properties.setProperty(prefix + "host", server.host());
        properties.setProperty(prefix + "port", String.valueOf(server.port()));
        properties.setProperty(prefix + "connectiontimeout", String.valueOf(connectTimeout));
        properties.setProperty(prefix + "timeout", String.valueOf(readTimeout));
        if (server.security() == MailSecurity.STARTTLS) {
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", "true");
        }
        if (server.security() != MailSecurity.NONE) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
            sslTrust.filter(t -> !t.isBlank()).ifPresent(trust -> {
                properties.setProperty(prefix + "ssl.trust", trust);
                if ("*".equals(trust.strip())) {
                    // Trusting every certificate (tests, private servers) includes those not issued to the host.
                    properties.setProperty(prefix + "ssl.checkserveridentity", "false");
                }
            });
        }
        // Bodies are read whole, in the sync's own bounded batches.
        properties.setProperty(prefix + "partialfetch", "false");
        return properties;
    }
}
