package org.switchboard.core.events;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.logging.Logger;

/**
 * Subscribes to the events topic and journals every domain event once, so that administrators see the audit
 * trail of changes. Parses nothing itself: the journal service does. The topic is defined here because Payara resolves
 * an application's destination only when the listening bean defines it.
 */
@JMSDestinationDefinition(name = JmsNames.EVENTS_TOPIC, interfaceName = "jakarta.jms.Topic",
        destinationName = JmsNames.EVENTS_TOPIC_PHYSICAL)
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = JmsNames.EVENTS_TOPIC),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        // Events of the outbox are journaled in their own transaction already.
        @ActivationConfigProperty(propertyName = "messageSelector",
                propertyValue = OutboxRelay.JOURNALED_PROPERTY + " IS NULL")
})
public class EventJournalConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(EventJournalConsumer.class.getName());

    @Inject
    private EventJournalService journal;

    @Override
    public void onMessage(Message message) {
        try {
            if (!(message instanceof TextMessage text)) {
                LOG.warning(() -> "Ignored a non-text message on the events topic: " + messageId(message));
                return;
            }
            journal.record(text.getText());
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot read event " + messageId(message), e);
        }
    }

    private static String messageId(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException e) {
            return "?";
        }
    }
}
