package org.switchboard.model.mail;

/**
 * What a mailbox of the provider signs in with (MP-02): a login entered by hand, the full e-mail address, or the
 * mailbox name (the part of the address before "@").
 */
public enum LoginFormat {
    MANUAL, EMAIL, MAILBOX_NAME
}
