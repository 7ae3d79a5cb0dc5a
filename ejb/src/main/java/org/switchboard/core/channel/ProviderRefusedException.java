package org.switchboard.core.channel;

import java.io.Serial;

/**
 * A messenger's API refused or failed a call that an administrator or operator is waiting for (checking a token,
 * registering a webhook, fetching a file). {@link #refused()} tells a refusal of the credentials or the request (the
 * user must change something) from an unavailable provider (worth trying again); {@link #getMessage()} is the
 * provider's own reason, never containing a token.
 */
public class ProviderRefusedException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean refused;

    public ProviderRefusedException(boolean refused, String reason) {
        super(reason);
        this.refused = refused;
    }

    public boolean refused() {
        return refused;
    }
}
