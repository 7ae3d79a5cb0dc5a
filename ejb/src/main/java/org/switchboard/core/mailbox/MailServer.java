package org.switchboard.core.mailbox;

import org.switchboard.model.mail.MailProvider;
import org.switchboard.model.mail.MailSecurity;

/** One server of a provider as the connector needs it (MP-01): host, port and how the connection is secured. */
public record MailServer(String host, int port, MailSecurity security) {

    /** The provider's incoming (IMAP) server, with MP-01's defaults for what it leaves empty. */
    public static MailServer imap(MailProvider provider) {
        return new MailServer(provider.getImapHost(),
                provider.getImapPort() == null ? MailProvider.DEFAULT_IMAP_PORT : provider.getImapPort(),
                provider.getImapSecurity() == null ? MailSecurity.SSL_TLS : provider.getImapSecurity());
    }

    /** The provider's outgoing (SMTP) server; {@code null} when the provider only receives (MP-13). */
    public static MailServer smtp(MailProvider provider) {
        if (!provider.isSmtpEnabled()) {
            return null;
        }
        return new MailServer(provider.getSmtpHost(),
                provider.getSmtpPort() == null ? MailProvider.DEFAULT_SMTP_PORT : provider.getSmtpPort(),
                provider.getSmtpSecurity() == null ? MailSecurity.SSL_TLS : provider.getSmtpSecurity());
    }
}
