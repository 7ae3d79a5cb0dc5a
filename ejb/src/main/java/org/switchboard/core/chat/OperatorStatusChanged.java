package org.switchboard.core.chat;

import jakarta.json.JsonObjectBuilder;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventTypes;

/**
 * An operator became Active or Inactive (CH-04): by their own choice in the panel, or switched Inactive by the
 * system after not accepting a chat in time.
 */
public record OperatorStatusChanged(long userId, String login, String status, String reason)
        implements DomainEvent {

    public static final String TYPE = EventTypes.OPERATOR_STATUS_CHANGED;

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
        return login;
    }

    @Override
    public void writeData(JsonObjectBuilder data) {
        data.add("userId", userId).add("login", login).add("status", status);
        ChatEvent.nullable(data, "reason", reason);
        data.add("audience", Jsons.array().add(login));
    }
}
