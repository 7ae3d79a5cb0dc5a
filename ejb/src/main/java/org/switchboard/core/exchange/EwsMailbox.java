package org.switchboard.core.exchange;

import java.net.URI;
import java.util.Locale;

/**
 * One Exchange Server (on-premises) mailbox as EWS reaches it (MB-02, SM-01): the server's EWS endpoint, the mailbox's
 * address and how to sign in. A shared mailbox is reached as another mailbox with the signed-in user's own
 * credentials (Exchange's full-access permission), never by impersonation, which would need an Exchange-wide role.
 * {@link #toString()} shows no password or token.
 *
 * @param url the EWS endpoint, {@code https://mail.contoso.com/EWS/Exchange.asmx}
 * @param address the mailbox's primary SMTP address
 * @param credentials the connecting user's
 * @param shared whether the mailbox is another than the credentials' own
 */
public record EwsMailbox(URI url, String address, EwsCredentials credentials, boolean shared) {

    public EwsMailbox {
        // No user info in the URL: a password there would be logged with the mailbox.
        if (url == null || !url.isAbsolute() || url.getHost() == null || url.getRawUserInfo() != null
                || !("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalArgumentException("An EWS mailbox needs the server's http(s) EWS address");
        }
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("An EWS mailbox needs its address");
        }
        if (credentials == null) {
            throw new IllegalArgumentException("An EWS mailbox needs credentials");
        }
        address = address.strip().toLowerCase(Locale.ROOT);
    }

    /** The same mailbox with new credentials: a changed password or a refreshed token. */
    public EwsMailbox withCredentials(EwsCredentials changed) {
        return new EwsMailbox(url, address, changed, shared);
    }
}
