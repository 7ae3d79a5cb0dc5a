package org.switchboard.core.inbound;

import java.io.Serial;

/**
 * An inbound item its submitter may not submit: a REST caller without the operation or the mailbox right
 * the item needs, or acting for another user without {@code CanActOnBehalfOfUsers}. Over REST it is a 403 at once;
 * met while processing (rights changed since), the item becomes a dead letter {@value #REASON}.
 */
public class InboundRefusedException extends InboundRejectedException {

    @Serial
    private static final long serialVersionUID = 1L;
    public static final String REASON = "NOT_ALLOWED";

    public InboundRefusedException(String reason) {
        super(REASON, reason);
    }
}
