package org.switchboard.core.chat;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.events.JmsNames;
import org.switchboard.core.mailbox.MailboxSyncCommand;
import org.switchboard.core.mailbox.SendEmailCommand;
import org.switchboard.core.common.Operations;

/**
 * Takes inbound messages posted over REST and puts them on the inbound queue, the same path as JMS clients:
 * a body that cannot be parsed is refused at once (400) instead of becoming a dead letter; everything else is
 * processed asynchronously, idempotently by the provider's message id.
 */
@Stateless
@RolesAllowed(Operations.CAN_MANAGE_CHATS)
public class InboundGateway {

    @Inject
    private JMSContext jms;

    @Resource(lookup = JmsNames.INBOUND_QUEUE)
    private Queue inbound;

    /**
     * Validates and enqueues; returns the message's idempotency key (the provider's message id, the receipt's, a
     * send's requestId, or the mailbox to sync).
     */
    public String submit(String type, String body) {
        String key;
        try {
            if (InboundChatMessage.TYPE.equals(type)) {
                key = InboundChatMessage.parse(body).messageId();
            } else if (DeliveryReceipt.TYPE.equals(type)) {
                key = Long.toString(DeliveryReceipt.parse(body).messageId());
            } else if (SendEmailCommand.TYPE.equals(type)) {
                key = SendEmailCommand.parse(body).requestId();
            } else if (MailboxSyncCommand.TYPE.equals(type)) {
                key = MailboxSyncCommand.parse(body).mailbox();
            } else {
                throw new InvalidInputException("validation.inbound.type", "type", InboundChatMessage.TYPE + ", "
                        + DeliveryReceipt.TYPE + ", " + SendEmailCommand.TYPE + ", " + MailboxSyncCommand.TYPE);
            }
        } catch (InboundRejectedException e) {
            throw new InvalidInputException("validation.inbound.body", null, e.getMessage());
        }
        jms.createProducer().setJMSType(type).setProperty(JmsNames.VERSION_PROPERTY, 1).send(inbound, body);
        return key;
    }
}
