package org.switchboard.it.peer;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.logging.Logger;

/**
 * The peer as the messenger of a Custom (JMS) channel: records every {@code OutboundMessage} Switchboard publishes
 * and answers it with a {@code DeliveryReceipt} (DELIVERED) on the inbound queue, in the delivery's transaction.
 * Listens by the topic's physical name (see {@link PeerJms} for the activation properties of each server).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = PeerJms.OUTBOUND_TOPIC),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "messageSelector",
                propertyValue = "JMSType = '" + PeerJms.OUTBOUND_MESSAGE + "'")
})
public class OutboundPeerConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(OutboundPeerConsumer.class.getName());

    @Inject
    private PeerState state;

    @Inject
    private JMSContext jms;

    @Override
    public void onMessage(Message message) {
        JsonObject outbound;
        try (JsonReader reader = PeerJms.JSON.createReader(new StringReader(((TextMessage) message).getText()))) {
            outbound = reader.readObject();
        } catch (JMSException | RuntimeException e) {
            LOG.warning(() -> "Peer ignored an unreadable outbound message: " + e);
            return;
        }
        state.outbound(outbound);
        long messageId = outbound.getJsonNumber("messageId").longValue();
        String receipt = PeerJms.JSON.createObjectBuilder().add("channelId", outbound.getJsonNumber("channelId"))
                .add("messageId", messageId).add("status", "DELIVERED")
                .add("providerMessageId", "peer-" + messageId).build().toString();
        jms.createProducer().setJMSType(PeerJms.DELIVERY_RECEIPT).setProperty(PeerJms.VERSION, 1)
                .send(jms.createQueue(PeerJms.INBOUND_QUEUE), receipt);
    }
}
