package org.switchboard.core.mailbox;

import org.switchboard.model.mail.ExchangeKind;
import org.switchboard.model.mail.MailProvider;
import org.switchboard.model.mail.MailProviderType;

/** How a mailbox's mail travels (MB-01, issue 20 item 8): IMAP and SMTP, Microsoft Graph, or EWS. */
public enum MailTransport {
    IMAP, GRAPH, EWS;

    /** The transport of a provider's mailboxes. */
    public static MailTransport of(MailProvider provider) {
        if (provider.getType() == MailProviderType.IMAP) {
            return IMAP;
        }
        return provider.getExchangeKind() == ExchangeKind.EXCHANGE_SERVER ? EWS : GRAPH;
    }
}
