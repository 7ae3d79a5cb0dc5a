package org.switchboard.model.mail;

/** How mailboxes of a provider authenticate (MP-02): user name and password, or OAuth 2.0 with its client. */
public enum MailAuthentication {
    BASIC, OAUTH2
}
