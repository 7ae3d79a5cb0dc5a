package org.switchboard.core.crm;

import jakarta.json.JsonObjectBuilder;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventTypes;

/**
 * An activity was created, changed or deleted (issue 21 item 1, X-03): by a user in the Activities section or over
 * REST, or by a sync. Carries the activity's id and the version it reached (a subscriber re-reads it over REST; a
 * DELETED activity's version is the last one it had), its title and kind, not its details.
 */
public record ActivityChanged(long id, long activityVersion, String title, String kind, Change change)
        implements DomainEvent {

    public static final String TYPE = EventTypes.ACTIVITY_CHANGED;

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
        return title;
    }

    @Override
    public void writeData(JsonObjectBuilder data) {
        data.add("id", id).add("version", activityVersion).add("title", title).add("kind", kind)
                .add("change", change.name());
    }
}
