package org.switchboard.core.events;

import jakarta.json.JsonObjectBuilder;

/**
 * Something that happened in Switchboard and that other systems may subscribe to on the events topic.
 * Each type has one documented body format per version ({@code docs/jms.md}).
 */
public interface DomainEvent {

    /** The event name, sent as {@code JMSType}. */
    String type();

    /** The format version of {@link #writeData}, sent as the int property {@code version}. */
    int version();

    /** What the event is about, in words an administrator recognises (a setting code, a login). */
    String subject();

    /** Writes the event's own fields into the {@code data} object of the body. */
    void writeData(JsonObjectBuilder data);
}
