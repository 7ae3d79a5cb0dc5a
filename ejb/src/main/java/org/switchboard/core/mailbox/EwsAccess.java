package org.switchboard.core.mailbox;

import java.util.Locale;
import org.switchboard.core.exchange.EwsCredentials;
import org.switchboard.core.exchange.EwsMailbox;
import org.switchboard.core.exchange.MicrosoftTokenStore;
import org.switchboard.core.mail.MailProviderRules;
import org.switchboard.model.mail.MailAuthentication;
import org.switchboard.model.mail.MailProvider;

/**
 * How an Exchange Server mailbox is reached over EWS (MP-02, MP-03, MO-01, SM-01): the provider's EWS address, and the
 * log-in and password with Basic, NTLM when the provider names a Windows domain, or the mailbox's stored sign-in with
 * Microsoft (hybrid modern authentication), swapped for an access token just before the calls. A log-in other than the
 * mailbox's address reaches it as another user's mailbox (Exchange's full-access permission), never by impersonation.
 */
final class EwsAccess {

    private EwsAccess() {
    }

    static EwsMailbox mailbox(MailProvider provider, String address, String login, String password) {
        EwsCredentials credentials = provider.getAuthentication() == MailAuthentication.OAUTH2
                ? new EwsCredentials.MicrosoftSignIn(login)
                : provider.getNtlmDomain() == null ? new EwsCredentials.Basic(login, password)
                : new EwsCredentials.Ntlm(login, password, provider.getNtlmDomain());
        return new EwsMailbox(MailProviderRules.ewsEndpoint(provider.getServiceAddress()), address, credentials,
                !login.toLowerCase(Locale.ROOT).equals(address.toLowerCase(Locale.ROOT)));
    }

    /**
     * The mailbox ready for calls: a stored sign-in with Microsoft becomes the current access token (refreshed when it
     * would expire soon), other credentials stay as they are.
     *
     * @throws org.switchboard.core.exchange.EntraException when no token can be had ({@code SIGN_IN_AGAIN}: flagged)
     */
    static EwsMailbox signedIn(EwsMailbox mailbox, long mailboxId, MicrosoftTokenStore tokens) {
        return mailbox.credentials() instanceof EwsCredentials.MicrosoftSignIn
                ? mailbox.withCredentials(new EwsCredentials.Bearer(tokens.accessToken(mailboxId))) : mailbox;
    }

    /**
     * After Exchange refused the mailbox's access token (401): the mailbox with a new one (or the one another run
     * stored meanwhile), or null when its credentials are no token, so the refusal stands.
     */
    static EwsMailbox tokenReplaced(EwsMailbox mailbox, long mailboxId, MicrosoftTokenStore tokens) {
        return mailbox.credentials() instanceof EwsCredentials.Bearer bearer ? mailbox.withCredentials(
                new EwsCredentials.Bearer(tokens.replaceRejected(mailboxId, bearer.accessToken()))) : null;
    }
}
