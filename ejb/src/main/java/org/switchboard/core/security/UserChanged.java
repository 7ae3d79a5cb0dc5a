package org.switchboard.core.security;

import jakarta.json.JsonObjectBuilder;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventTypes;

/**
 * A user account was created or changed by an administrator, or a personal API token of the user was created or
 * revoked (X-02, X-03, issue 18): an audit trail for other systems.
 *
 * @param change {@code CREATED}, {@code UPDATED}, {@code ENABLED}, {@code DISABLED}, {@code PASSWORD_RESET},
 *               {@code ROLES_CHANGED}, {@code API_TOKEN_CREATED} or {@code API_TOKEN_REVOKED}
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
