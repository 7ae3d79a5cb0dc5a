package org.switchboard.core.mailbox;

import org.switchboard.model.mail.MailSecurity;

/** One server of a provider as the connector needs it (MP-01): host, port and how the connection is secured. */
public record MailServer(String host, int port, MailSecurity security) {
}
