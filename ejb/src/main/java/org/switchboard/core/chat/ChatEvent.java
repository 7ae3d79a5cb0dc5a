package org.switchboard.core.chat;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventTypes;
import org.switchboard.model.chat.Chat;
import org.switchboard.model.chat.ChatMessage;

/**
 * A change of a chat that other systems and the operators' panels follow (X-03, CH-03..CH-05, CH-12). Every chat
 * event carries the chat's ids, status and operator, and its {@code audience}: the logins whose panels it concerns.
 * The fields particular to a type are in {@code extra}; {@code docs/jms.md} documents each type. The message events
 * are at version 2: they carry no text (issue 18, SM-03), since every event is journaled into the administrators'
 * Event log; a subscriber reads the message over REST with its own rights.
 */
public record ChatEvent(String type, long chatId, long channelId, long queueId, long contactId, String status,
        Long operatorId, String operatorLogin, Collection<String> audience, JsonObject extra) implements DomainEvent {

    public static final String CREATED = EventTypes.CHAT_CREATED;
    public static final String QUEUED = EventTypes.CHAT_QUEUED;
    public static final String OFFERED = EventTypes.CHAT_OFFERED;
    public static final String ASSIGNED = EventTypes.CHAT_ASSIGNED;
    public static final String ACCEPTED = EventTypes.CHAT_ACCEPTED;
    public static final String REASSIGNED = EventTypes.CHAT_REASSIGNED;
    public static final String MESSAGE_RECEIVED = EventTypes.CHAT_MESSAGE_RECEIVED;
    public static final String MESSAGE_SENT = EventTypes.CHAT_MESSAGE_SENT;
    public static final String MESSAGE_STATUS_CHANGED = EventTypes.CHAT_MESSAGE_STATUS_CHANGED;
    public static final String COMPLETED = EventTypes.CHAT_COMPLETED;
    public static final String ACTION_RUN = EventTypes.CHAT_ACTION_RUN;

    /** The event of a chat as it is now, with the fields of its type. */
    public static ChatEvent of(String type, Chat chat, Collection<String> audience, JsonObjectBuilder extra) {
        return of(type, chat, chat.getOperator() == null ? null : chat.getOperator().getLogin(), audience, extra);
    }

    /** The same with the operator's login known, so that the operator need not be loaded. */
    public static ChatEvent of(String type, Chat chat, String operatorLogin, Collection<String> audience,
            JsonObjectBuilder extra) {
        Long operatorId = chat.getOperatorId();
        return new ChatEvent(type, chat.getId(), chat.getChannelId(), chat.getQueueId(), chat.getContactId(),
                chat.getStatus().name(), operatorId, operatorId == null ? null : operatorLogin, audience,
                extra.build());
    }

    /** The fields of the message events. */
    public static JsonObjectBuilder message(ChatMessage message) {
        JsonObjectBuilder extra = Jsons.object()
                .add("messageId", message.getId())
                .add("direction", message.getDirection().name());
        nullable(extra, "providerMessageId", message.getProviderMessageId());
        String text = message.getBody();
        return extra.add("textLength", text == null ? 0 : text.length())
                .add("attachments", message.getAttachmentCount());
    }

    public static JsonObjectBuilder none() {
        return Jsons.object();
    }

    @Override
    public int version() {
        return MESSAGE_RECEIVED.equals(type) || MESSAGE_SENT.equals(type) ? 2 : 1;
    }

    @Override
    public String subject() {
        return "chat " + chatId;
    }

    @Override
    public void writeData(JsonObjectBuilder data) {
        data.add("chatId", chatId).add("channelId", channelId).add("queueId", queueId).add("contactId", contactId)
                .add("status", status);
        if (operatorId == null) {
            data.addNull("operatorId").addNull("operatorLogin");
        } else {
            data.add("operatorId", operatorId).add("operatorLogin", operatorLogin);
        }
        JsonArrayBuilder logins = Jsons.array();
        audience.forEach(logins::add);
        data.add("audience", logins);
        extra.forEach(data::add);
    }

    static void nullable(JsonObjectBuilder builder, String name, String value) {
        if (value == null) {
            builder.addNull(name);
        } else {
            builder.add(name, value);
        }
    }

    static JsonValue time(OffsetDateTime time) {
        return time == null ? JsonValue.NULL
                : Jsons.string(time.withOffsetSameInstant(ZoneOffset.UTC).toString());
    }
}
