package org.switchboard.core.crm;

import jakarta.json.JsonObjectBuilder;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventTypes;

/**
 * A contact was created, changed or deleted (EC-01, X-03): by a user on its card or over REST, or by a sync. Carries
 * the contact's id and the version it reached (a subscriber re-reads the contact over REST; a DELETED contact's
 * version is the last one it had), not its details.
 */
public record ContactChanged(long id, long contactVersion, String name, Change change) implements DomainEvent {

    public static final String TYPE = EventTypes.CONTACT_CHANGED;

    /** How it changed. */
    public enum Change {
        CREATED, UPDATED, DELETED
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
        data.add("id", id).add("version", contactVersion).add("name", name).add("change", change.name());
    }
}
