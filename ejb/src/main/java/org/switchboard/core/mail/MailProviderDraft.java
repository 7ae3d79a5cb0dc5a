package org.switchboard.core.mail;

import java.io.Serial;
import java.io.Serializable;
import org.switchboard.model.mail.ExchangeKind;
import org.switchboard.model.mail.LoginFormat;
import org.switchboard.model.mail.MailAuthentication;
import org.switchboard.model.mail.MailProviderType;
import org.switchboard.model.mail.MailSecurity;

/**
 * What an administrator enters for a mail provider (MP-01..MP-03, MP-06, MP-13); checked by {@link MailProviderRules}.
 * Absent ports and securities take their defaults; the IMAP part is read for IMAP providers, the Exchange part for
 * Exchange ones.
 *
 * @param type              read on creation only: a provider keeps its type
 * @param smtpEnabled       MP-13, {@code null} means on
 * @param oauthClientSecret the plain secret; empty on an update keeps the stored one. Never printed by
 *                          {@link #toString()}.
 * @param exchangeKind      MP-03: Microsoft 365 (Graph) or Exchange Server (EWS); {@code null} means Microsoft 365
 * @param oauthTenant       MO-01: the Entra ID directory of an Exchange provider's OAuth client
 * @param ntlmDomain        MP-02: an Exchange Server's Windows domain for NTLM; empty signs in with Basic
 */
public record MailProviderDraft(MailProviderType type, String name,
                                String imapHost, Integer imapPort, MailSecurity imapSecurity,
                                Boolean smtpEnabled, String smtpHost, Integer smtpPort, MailSecurity smtpSecurity,
                                String serviceAddress, boolean loadMail, boolean sendMail,
                                LoginFormat loginFormat, MailAuthentication authentication,
                                String oauthClientId, String oauthClientSecret, String appPasswordUrl,
                                ExchangeKind exchangeKind, String oauthTenant, String ntlmDomain)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** A draft without the Exchange parts of MP-03 and MO-01 (an IMAP provider's). */
    public MailProviderDraft(MailProviderType type, String name, String imapHost, Integer imapPort,
            MailSecurity imapSecurity, Boolean smtpEnabled, String smtpHost, Integer smtpPort,
            MailSecurity smtpSecurity, String serviceAddress, boolean loadMail, boolean sendMail,
            LoginFormat loginFormat, MailAuthentication authentication, String oauthClientId,
            String oauthClientSecret, String appPasswordUrl) {
        this(type, name, imapHost, imapPort, imapSecurity, smtpEnabled, smtpHost, smtpPort, smtpSecurity,
                serviceAddress, loadMail, sendMail, loginFormat, authentication, oauthClientId, oauthClientSecret,
                appPasswordUrl, null, null, null);
    }

    /** An empty draft of that type, for a caller that sent none. */
    public static MailProviderDraft empty(MailProviderType type) {
        return new MailProviderDraft(type, null, null, null, null, null, null, null, null, null, false, false, null,
                null, null, null, null);
    }

    /** The same draft with the client secret replaced (the rules drop it for Basic, the service encrypts it). */
    public MailProviderDraft withSecret(String secret) {
        return new MailProviderDraft(type, name, imapHost, imapPort, imapSecurity, smtpEnabled, smtpHost, smtpPort,
                smtpSecurity, serviceAddress, loadMail, sendMail, loginFormat, authentication, oauthClientId, secret,
                appPasswordUrl, exchangeKind, oauthTenant, ntlmDomain);
    }

    @Override
    public String toString() {
        return "MailProviderDraft[type=" + type + ", name=" + name + ", oauthClientSecret="
                + (oauthClientSecret == null || oauthClientSecret.isEmpty() ? "" : "***") + "]";
    }
}
