package org.switchboard.core.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.switchboard.core.common.Operations;
import org.switchboard.core.inbound.InboundRefusedException;
import org.switchboard.core.inbound.Submitter;
import org.switchboard.core.security.AuthenticationService;

/**
 * Who may submit chat traffic: a provider's webhook (authenticated by its signature), a JMS producer (the
 * broker is the boundary), the application itself, and a signed-in user who holds {@code CanManageChats}.
 */
@ApplicationScoped
public class ChatSubmitters {

    @Inject
    private AuthenticationService users;

    /** @throws InboundRefusedException for a user without {@code CanManageChats} */
    public void authorize(Submitter submitter) {
        if (submitter.via() == Submitter.Via.REST
                && !users.holds(submitter.name(), Operations.CAN_MANAGE_CHATS)) {
            throw new InboundRefusedException(submitter.name() + " does not hold " + Operations.CAN_MANAGE_CHATS);
        }
    }
}
