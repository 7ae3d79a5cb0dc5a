package org.switchboard.it.peer;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.logging.Logger;

/**
 * The peer as a subscriber of Switchboard's events topic: notes when the {@code ChatMessageReceived} event of each
 * inbound message arrived, by the message's provider id, and keeps the e-mail events whole, with their JMS
 * properties, as any subscriber would receive them. No transaction: it only reads the clock and maps.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = PeerJms.EVENTS_TOPIC),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "messageSelector",
                propertyValue = "JMSType IN ('" + PeerJms.CHAT_MESSAGE_RECEIVED + "', '" + PeerJms.EMAIL_RECEIVED
                        + "', '" + PeerJms.EMAIL_SENT + "')")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EventsPeerConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(EventsPeerConsumer.class.getName());

    @Inject
    private PeerState state;

    @Override
    public void onMessage(Message message) {
        long arrived = System.nanoTime();
        try (JsonReader reader = PeerJms.JSON.createReader(new StringReader(((TextMessage) message).getText()))) {
            JsonObject event = reader.readObject();
            if (PeerJms.CHAT_MESSAGE_RECEIVED.equals(message.getJMSType())) {
                JsonObject data = event.getJsonObject("data");
                if (data != null && data.get("providerMessageId") instanceof JsonString id) {
                    state.eventArrived(id.getString(), arrived);
                }
            } else {
                state.event(PeerJms.JSON.createObjectBuilder().add("jmsType", message.getJMSType())
                        .add(PeerJms.VERSION, message.getIntProperty(PeerJms.VERSION))
                        .add(PeerJms.EVENT_ID, message.getStringProperty(PeerJms.EVENT_ID))
                        .add("body", event).build());
            }
        } catch (JMSException | RuntimeException e) {
            LOG.warning(() -> "Peer ignored an unreadable event: " + e);
        }
    }
}
