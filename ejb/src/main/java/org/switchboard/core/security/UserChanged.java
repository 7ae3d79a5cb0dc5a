package org.switchboard.core.security;

import jakarta.json.JsonObjectBuilder;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventTypes;

/**
 * A user account was created or changed by an administrator: an audit trail for other systems.
 *
 * @param change {@code CREATED}, {@code UPDATED}, {@code ENABLED}, {@code DISABLED}, {@code PASSWORD_RESET}
 *               or {@code ROLES_CHANGED}
 */
public record UserChanged(long userId, String login, String change) implements DomainEvent {

    public static final String TYPE = EventTypes.USER_CHANGED;

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
        data.add("userId", userId).add("login", login).add("change", change);
    }
}
