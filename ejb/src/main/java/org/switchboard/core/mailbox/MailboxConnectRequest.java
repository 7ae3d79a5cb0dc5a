package org.switchboard.core.mailbox;

/**
 * What the mailbox wizard sends (MB-01, MB-07): the address, the password (an app password for consumer
 * providers), the provider the user picked when the address's domain is unknown, and the log-in when the
 * provider's login format is "entered by hand"; {@code shared} (may be {@code null}) connects it as a shared mailbox
 * (SM-01).
 */
public record MailboxConnectRequest(String address, String password, Long providerId, String login, Boolean shared) {

    /** Never printed with the password. */
    @Override
    public String toString() {
        return "MailboxConnectRequest[" + address + ", provider " + providerId + "]";
    }
}
