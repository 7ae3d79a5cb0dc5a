package org.switchboard.core.mail;

import java.io.Serializable;
import java.util.List;
import org.switchboard.model.mail.ExchangeKind;
import org.switchboard.model.mail.LoginFormat;
import org.switchboard.model.mail.MailAuthentication;
import org.switchboard.model.mail.MailProviderType;
import org.switchboard.model.mail.MailSecurity;

/**
 * A mail provider as the designer, the REST API and the mailbox wizard show it (MP-01..MP-04, MP-13), with its
 * domains. The OAuth client secret never leaves the service: {@code oauthClientSecretSet} says only whether one is
 * stored. {@code exchangeKind}, {@code oauthTenant} and {@code ntlmDomain} are an Exchange provider's (MP-03, MO-01).
 */
public record MailProviderView(long id, long version, String name, MailProviderType type,
                               String imapHost, Integer imapPort, MailSecurity imapSecurity,
                               boolean smtpEnabled, String smtpHost, Integer smtpPort, MailSecurity smtpSecurity,
                               String serviceAddress, boolean loadMail, boolean sendMail,
                               LoginFormat loginFormat, MailAuthentication authentication,
                               String oauthClientId, boolean oauthClientSecretSet, String appPasswordUrl,
                               int domainCount, List<String> domains, ExchangeKind exchangeKind,
                               String oauthTenant, String ntlmDomain) implements Serializable {

    /** Whether its mailboxes' mail goes over Microsoft Graph (Microsoft 365). */
    public boolean graph() {
        return type == MailProviderType.EXCHANGE && exchangeKind == ExchangeKind.MICROSOFT_365;
    }

    /** MO-01: whether its mailboxes sign in with Microsoft: Microsoft 365, or an Exchange Server with OAuth 2.0. */
    public boolean microsoftSignIn() {
        return graph() || type == MailProviderType.EXCHANGE && authentication == MailAuthentication.OAUTH2;
    }
}
