package org.switchboard.core.mailbox;

import java.io.Serial;
import java.io.Serializable;
import org.switchboard.core.exchange.MicrosoftSignIn;

/**
 * A sign-in with Microsoft for a mailbox, kept in the user's session until its callback (MO-01): the sign-in itself
 * (state, PKCE verifier), and what the wizard checked — the provider, the address, the log-in hinted, whether it is
 * shared and whether its domain teaches the lookup — or, for a sign-in again (MB-12, MO-02), the mailbox's id.
 */
public record MicrosoftMailboxSignIn(MicrosoftSignIn signIn, long providerId, String address, String login,
        boolean shared, boolean learnDomain, Long mailboxId) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Where the browser goes to sign in. */
    public String authorizationUrl() {
        return signIn.authorizationUrl();
    }

    /** The sign-in's {@code state}, which its callback must bring back. */
    public String state() {
        return signIn.state();
    }
}
