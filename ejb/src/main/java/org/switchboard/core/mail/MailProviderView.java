package org.switchboard.core.mail;

import java.io.Serializable;
import java.util.List;
import org.switchboard.model.mail.LoginFormat;
import org.switchboard.model.mail.MailAuthentication;
import org.switchboard.model.mail.MailProviderType;
import org.switchboard.model.mail.MailSecurity;

/**
 * A mail provider as the designer, the REST API and the mailbox wizard show it (MP-01..MP-04, MP-13), with its
 * domains. The OAuth client secret never leaves the service: {@code oauthClientSecretSet} says only whether one is
 * stored.
 */
public record MailProviderView(long id, long version, String name, MailProviderType type,
                               String imapHost, Integer imapPort, MailSecurity imapSecurity,
                               boolean smtpEnabled, String smtpHost, Integer smtpPort, MailSecurity smtpSecurity,
                               String serviceAddress, boolean loadMail, boolean sendMail,
                               LoginFormat loginFormat, MailAuthentication authentication,
                               String oauthClientId, boolean oauthClientSecretSet, String appPasswordUrl,
                               int domainCount, List<String> domains) implements Serializable {
}
