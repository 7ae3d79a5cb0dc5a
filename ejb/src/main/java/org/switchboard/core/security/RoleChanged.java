package org.switchboard.core.security;

import jakarta.json.JsonObjectBuilder;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventTypes;

/**
 * A role was created, changed, deleted, or gained or lost a member.
 *
 * @param change {@code CREATED}, {@code UPDATED}, {@code DELETED}, {@code MEMBER_ADDED} or {@code MEMBER_REMOVED}
 * @param member the member's login for the member changes, otherwise {@code null}
 */
public record RoleChanged(long roleId, String name, String change, String member) implements DomainEvent {

    public static final String TYPE = EventTypes.ROLE_CHANGED;

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
        data.add("roleId", roleId).add("name", name).add("change", change);
        if (member != null) {
            data.add("member", member);
        }
    }
}
