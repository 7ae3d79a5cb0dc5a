package org.switchboard.core.channel;

import jakarta.ejb.ApplicationException;
import java.io.Serial;

/**
 * A provider's webhook request that is refused: no such channel (404), a missing or wrong secret or signature (401,
 * 403), a body that is not the provider's format (400). Nothing of it is stored.
 */
@ApplicationException(rollback = true)
public class WebhookRefusedException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;

    public WebhookRefusedException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
