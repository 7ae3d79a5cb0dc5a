package org.switchboard.web.chat;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Logger;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.events.EventTypes;
import org.switchboard.core.events.JmsNames;

/**
 * Pushes the chat events of the events topic to the communication panels of the users they concern (CH-03, CH-04,
 * CH-12): it reads {@code data.chatId} and {@code data.audience} (logins) from the envelope and hands them to
 * {@link PanelPush}. No database access per event: the panels reload what they show themselves.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = JmsNames.EVENTS_TOPIC),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = PanelPushConsumer.SELECTOR)
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PanelPushConsumer implements MessageListener {

    /**
     * The chat events a panel shows, the operator's own status (CH-04: set Inactive by the system), and a channel
     * flagged or cleared (FB-07), which the panels of the holders of {@code CanManageChats} show.
     */
    static final String SELECTOR = "JMSType IN ('" + EventTypes.CHAT_CREATED + "', '" + EventTypes.CHAT_QUEUED
            + "', '" + EventTypes.CHAT_OFFERED + "', '" + EventTypes.CHAT_ASSIGNED + "', '" + EventTypes.CHAT_ACCEPTED
            + "', '" + EventTypes.CHAT_REASSIGNED + "', '" + EventTypes.CHAT_MESSAGE_RECEIVED + "', '"
            + EventTypes.CHAT_MESSAGE_SENT + "', '" + EventTypes.CHAT_MESSAGE_STATUS_CHANGED + "', '"
            + EventTypes.CHAT_COMPLETED + "', '" + EventTypes.CHAT_ACTION_RUN + "', '"
            + EventTypes.OPERATOR_STATUS_CHANGED + "', '" + EventTypes.CHANNEL_FLAGGED + "')";

    private static final Logger LOG = Logger.getLogger(PanelPushConsumer.class.getName());

    @Inject
    private PanelPush push;

    @Override
    public void onMessage(Message message) {
        String text;
        try {
            if (!(message instanceof TextMessage textMessage)) {
                LOG.warning(() -> "Ignored a non-text message on the events topic: " + messageId(message));
                return;
            }
            text = textMessage.getText();
        } catch (JMSException e) {
            LOG.warning(() -> "Cannot read event " + messageId(message) + ": " + e);
            return;
        }
        Event event = parse(text);
        if (event == null) {
            LOG.warning(() -> "Ignored an unreadable chat event " + messageId(message));
            return;
        }
        // A push is a hint to reload: a lost one costs a stale list until the next, so never redeliver.
        try {
            push.notify(event.type(), event.chatId(), event.audience());
        } catch (RuntimeException e) {
            LOG.warning(() -> "Could not push " + event.type() + " of chat " + event.chatId() + ": " + e);
        }
    }

    /** What a panel needs of one event. */
    record Event(String type, Long chatId, Set<String> audience) {
    }

    /** The type, chat and audience of an event envelope, or {@code null} when it is not one. */
    static Event parse(String json) {
        if (json == null) {
            return null;
        }
        try (JsonReader reader = Jsons.reader(json)) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject envelope) || !(envelope.get("type") instanceof JsonString type)
                    || !(envelope.get("data") instanceof JsonObject data)) {
                return null;
            }
            Long chatId = data.get("chatId") instanceof JsonNumber number ? number.longValue() : null;
            Set<String> audience = new LinkedHashSet<>();
            if (data.get("audience") instanceof JsonArray logins) {
                for (JsonValue login : logins) {
                    if (login instanceof JsonString name && !name.getString().isBlank()) {
                        audience.add(name.getString());
                    }
                }
            }
            return new Event(type.getString(), chatId, audience);
        } catch (JsonException e) {
            return null;
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
