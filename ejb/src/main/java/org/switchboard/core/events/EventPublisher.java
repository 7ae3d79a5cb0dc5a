package org.switchboard.core.events;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.logging.Logger;
import org.switchboard.core.common.Jsons;

/**
 * Publishes domain events on the events topic inside the caller's transaction: subscribers see an event
 * only once the change it reports is committed, and never for a change that was rolled back.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class.getName());

    @Inject
    private JMSContext jms;

    @Resource(lookup = JmsNames.EVENTS_TOPIC)
    private Topic events;

    @Inject
    private Clock clock;

    /**
     * Sends the event with its envelope ({@code eventId}, {@code type}, {@code version}, {@code occurredAt},
     * {@code actor}, {@code subject}, {@code data}).
     *
     * @return the new event's id
     */
    public String publish(DomainEvent event, String actor) {
        String eventId = UUID.randomUUID().toString();
        String body = envelope(eventId, event, OffsetDateTime.now(clock), actor).toString();
        jms.createProducer()
                .setJMSType(event.type())
                .setProperty(JmsNames.VERSION_PROPERTY, event.version())
                .setProperty(JmsNames.EVENT_ID_PROPERTY, eventId)
                .send(events, body);
        LOG.fine(() -> "Published " + event.type() + " " + eventId);
        return eventId;
    }

    /** The body of an event message, as documented in {@code docs/jms.md}. */
    static JsonObject envelope(String eventId, DomainEvent event, OffsetDateTime occurredAt, String actor) {
        JsonObjectBuilder data = Jsons.object();
        event.writeData(data);
        return Jsons.object()
                .add("eventId", eventId)
                .add("type", event.type())
                .add("version", event.version())
                .add("occurredAt", occurredAt.withOffsetSameInstant(ZoneOffset.UTC).toString())
                .add("actor", actor)
                .add("subject", event.subject())
                .add("data", data)
                .build();
    }
}
