package org.switchboard.core.inbound;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.logging.Logger;
import org.switchboard.core.events.JmsNames;

/**
 * Consumes the inbound queue: reads each message's type, version, body and submitter ({@link InboundQueue}) and
 * hands it to {@link InboundBatcher}, which returns once it is committed. Runs without a container transaction on
 * purpose: the broker's acknowledgement follows the commit (nothing lost), a redelivery is a no-op (idempotency key),
 * and no two-phase commit is paid per message. A message that is not text is dead-lettered like any other bad message.
 * The application's three destinations (this queue, the events topic and the Custom (JMS) channels' outbound topic) are
 * defined here because Payara resolves an application's destinations only when a message-driven bean defines them.
 */
@JMSDestinationDefinition(name = JmsNames.EVENTS_TOPIC, interfaceName = "jakarta.jms.Topic",
        destinationName = JmsNames.EVENTS_TOPIC_PHYSICAL)
@JMSDestinationDefinition(name = JmsNames.INBOUND_QUEUE, interfaceName = "jakarta.jms.Queue",
        destinationName = JmsNames.INBOUND_QUEUE_PHYSICAL)
@JMSDestinationDefinition(name = JmsNames.OUTBOUND_TOPIC, interfaceName = "jakarta.jms.Topic",
        destinationName = JmsNames.OUTBOUND_TOPIC_PHYSICAL)
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = JmsNames.INBOUND_QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "acknowledgeMode", propertyValue = "Auto-acknowledge")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InboundConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(InboundConsumer.class.getName());

    @Inject
    private InboundBatcher batcher;

    @Inject
    private InboundQueue queue;

    @Override
    public void onMessage(Message message) {
        try {
            String type = message.getJMSType();
            int version = message.propertyExists(JmsNames.VERSION_PROPERTY)
                    ? message.getIntProperty(JmsNames.VERSION_PROPERTY) : 1;
            String body = message instanceof TextMessage text ? text.getText() : null;
            if (body == null) {
                LOG.warning(() -> "Inbound message " + id(message) + " has no text body");
            }
            batcher.submit(InboundItem.of(type, version, body, queue.submitter(message, type, version, body)));
        } catch (JMSException | NumberFormatException e) {
            batcher.submit(InboundItem.of(null, 1, null, Submitter.jms(null)));
            LOG.warning(() -> "Inbound message " + id(message) + " unreadable: " + e.getMessage());
        }
    }

    private static String id(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException e) {
            return "?";
        }
    }
}
