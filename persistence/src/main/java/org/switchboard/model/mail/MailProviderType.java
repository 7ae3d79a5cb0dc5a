package org.switchboard.model.mail;

/** The kind of mail service a provider describes: IMAP/SMTP servers (MP-01) or Exchange / Microsoft 365 (MP-03). */
public enum MailProviderType {
    IMAP, EXCHANGE
}
