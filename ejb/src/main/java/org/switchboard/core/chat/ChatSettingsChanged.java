package org.switchboard.core.chat;

import jakarta.json.JsonObjectBuilder;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventTypes;

/**
 * A chat queue, channel, chat action or quick reply was created, changed or deleted, or a queue's operators changed
 * (CH-01, X-03).
 *
 * @param name the queue's or channel's name, the action's or the reply's title
 */
public record ChatSettingsChanged(Kind entity, long id, String name, Change change) implements DomainEvent {

    public static final String TYPE = EventTypes.CHAT_SETTINGS_CHANGED;

    /** What kind of record changed. */
    public enum Kind {
        QUEUE, CHANNEL, ACTION, QUICK_REPLY
    }

    /** How it changed. */
    public enum Change {
        CREATED, UPDATED, DELETED, OPERATORS_CHANGED
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String subject() {
        return name;
    }

    @Override
    public void writeData(JsonObjectBuilder data) {
        data.add("entity", entity.name()).add("id", id).add("name", name).add("change", change.name());
    }
}
