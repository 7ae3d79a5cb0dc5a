package org.switchboard.model.mail;

/** How a connection to a mail server is secured (MP-01): TLS from the start, upgraded by STARTTLS, or none. */
public enum MailSecurity {
    SSL_TLS, STARTTLS, NONE
}
