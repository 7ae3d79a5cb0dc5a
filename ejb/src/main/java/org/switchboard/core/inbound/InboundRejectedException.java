package org.switchboard.core.inbound;

import java.io.Serial;

/**
 * An inbound message that cannot be processed as it is: unknown or inactive channel, missing fields. It goes
 * to the dead letters with {@link #reasonCode()} and the message, to be replayed once the cause is fixed.
 */
public class InboundRejectedException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String reasonCode;

    public InboundRejectedException(String reasonCode, String reason) {
        super(reason);
        this.reasonCode = reasonCode;
    }

    public String reasonCode() {
        return reasonCode;
    }
}
