package org.switchboard.core.mailbox;

import java.util.Locale;
import org.switchboard.core.exchange.EwsCredentials;
import org.switchboard.core.exchange.EwsMailbox;
import org.switchboard.core.mail.MailProviderRules;
import org.switchboard.model.mail.MailProvider;

/**
 * How an Exchange Server mailbox is reached over EWS (MP-02, MP-03, SM-01): the provider's EWS address, and the
 * log-in and password with Basic, or NTLM when the provider names a Windows domain. A log-in other than the mailbox's
 * address reaches it as another user's mailbox (Exchange's full-access permission), never by impersonation.
 */
final class EwsAccess {

    private EwsAccess() {
    }

    static EwsMailbox mailbox(MailProvider provider, String address, String login, String password) {
        EwsCredentials credentials = provider.getNtlmDomain() == null ? new EwsCredentials.Basic(login, password)
                : new EwsCredentials.Ntlm(login, password, provider.getNtlmDomain());
        return new EwsMailbox(MailProviderRules.ewsEndpoint(provider.getServiceAddress()), address, credentials,
                !login.toLowerCase(Locale.ROOT).equals(address.toLowerCase(Locale.ROOT)));
    }
}
