package org.switchboard.core.inbound;

import java.io.Serial;

/**
 * An inbound message that cannot be processed as it is: unknown or inactive channel, missing fields. It goes
 * to the dead letters with {@link #reasonCode()} and the message, to be replayed once the cause is fixed; over REST it
 * is a 400 on {@link #field()} when the body's field at fault is known.
 */
public class InboundRejectedException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String reasonCode;
    private final String field;

    public InboundRejectedException(String reasonCode, String reason) {
        this(reasonCode, reason, null);
    }

    /** @param field the body's field at fault ({@code channelId}, {@code sender.id}), or null */
    public InboundRejectedException(String reasonCode, String reason, String field) {
        super(reason);
        this.reasonCode = reasonCode;
        this.field = field;
    }

    public String reasonCode() {
        return reasonCode;
    }

    /** The body's field at fault, or null when the message as a whole is. */
    public String field() {
        return field;
    }
}
