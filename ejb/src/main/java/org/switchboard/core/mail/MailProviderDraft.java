package org.switchboard.core.mail;

import java.io.Serial;
import java.io.Serializable;
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
 */
public record MailProviderDraft(MailProviderType type, String name,
                                String imapHost, Integer imapPort, MailSecurity imapSecurity,
                                Boolean smtpEnabled, String smtpHost, Integer smtpPort, MailSecurity smtpSecurity,
                                String serviceAddress, boolean loadMail, boolean sendMail,
                                LoginFormat loginFormat, MailAuthentication authentication,
                                String oauthClientId, String oauthClientSecret, String appPasswordUrl)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** An empty draft of that type, for a caller that sent none. */
    public static MailProviderDraft empty(MailProviderType type) {
        return new MailProviderDraft(type, null, null, null, null, null, null, null, null, null, false, false, null,
                null, null, null, null);
    }

    /** The same draft with the client secret replaced (the rules drop it for Basic, the service encrypts it). */
    public MailProviderDraft withSecret(String secret) {
        return new MailProviderDraft(type, name, imapHost, imapPort, imapSecurity, smtpEnabled, smtpHost, smtpPort,
                smtpSecurity, serviceAddress, loadMail, sendMail, loginFormat, authentication, oauthClientId, secret,
                appPasswordUrl);
    }

    @Override
    public String toString() {
        return "MailProviderDraft[type=" + type + ", name=" + name + ", oauthClientSecret="
                + (oauthClientSecret == null || oauthClientSecret.isEmpty() ? "" : "***") + "]";
    }
}
