package org.switchboard.core.security;

import jakarta.json.JsonObjectBuilder;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventTypes;

/**
 * A system operation was granted to or revoked from a user or a role.
 *
 * @param change      {@code GRANTED} or {@code REVOKED}
 * @param granteeType {@code USER} or {@code ROLE}
 * @param grantee     the user's login or the role's name
 */
public record OperationGrantChanged(String operation, String change, String granteeType, String grantee)
        implements DomainEvent {

    public static final String TYPE = EventTypes.OPERATION_GRANT_CHANGED;

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
        return operation;
    }

    @Override
    public void writeData(JsonObjectBuilder data) {
        data.add("operation", operation).add("change", change).add("granteeType", granteeType)
                .add("grantee", grantee);
    }
}
