package org.switchboard.core.inbound;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.switchboard.core.common.AccessDeniedException;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.InvalidInputException;

/**
 * Takes inbound items posted over REST and puts them on the inbound queue, the same path as JMS clients, with
 * the caller as their submitter: a type or version nobody handles and a body that cannot be read are refused at once
 * (400, naming what is accepted), and so is an item the caller may not submit (403: each type's handler decides,
 * e.g. chat messages need {@code CanManageChats}, a {@code SendEmailCommand} the right to send from its mailbox). The
 * rest is processed asynchronously, idempotently by its key, and authorized again as the caller when it is.
 */
@Stateless
@PermitAll
public class InboundGateway {

    @Inject
    private InboundHandlers handlers;

    @Inject
    private InboundQueue queue;

    @Resource
    private SessionContext context;

    /**
     * Validates, authorizes and enqueues; returns the item's idempotency key (the provider's message id, the
     * receipt's, a send's requestId, or the mailbox to sync), or null when it has none.
     */
    public String submit(String type, int version, String body) {
        String login = Callers.login(context);
        if (Callers.SYSTEM.equals(login)) {
            throw new AccessDeniedException("error.forbidden", null);
        }
        Submitter caller = Submitter.rest(login);
        String key = key(type, version, body, caller);
        queue.enqueue(type, version, body, caller);
        return key;
    }

    @SuppressWarnings("unchecked")
    private <T> String key(String type, int version, String body, Submitter caller) {
        InboundHandler<T> handler = (InboundHandler<T>) handlers.find(type).orElseThrow(() ->
                new InvalidInputException("validation.inbound.type", "type", String.join(", ", handlers.types())));
        if (!handler.versions().contains(version)) {
            throw new InvalidInputException("validation.inbound.version", "version", type, version,
                    InboundHandlers.versions(handler));
        }
        try {
            T message = handler.parse(version, body);
            handler.authorize(message, caller);
            return handler.key(message);
        } catch (InboundRefusedException e) {
            throw new AccessDeniedException("error.inbound.refused", null, e.getMessage());
        } catch (InboundRejectedException e) {
            throw new InvalidInputException("validation.inbound.body", e.field(), e.getMessage());
        }
    }
}
