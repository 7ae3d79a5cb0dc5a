package org.switchboard.core.events;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.logging.Logger;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.common.Operations;
import org.switchboard.model.events.EventJournalEntry;

/**
 * The journal of domain events: stores each event published on the events topic once, by its event id, so a
 * redelivered message adds nothing; lists them for administrators, newest first.
 */
@Stateless
@RolesAllowed(Operations.CAN_MANAGE_ADMINISTRATION)
public class EventJournalService {

    private static final Logger LOG = Logger.getLogger(EventJournalService.class.getName());
    /** The most a page of the journal returns. */
    public static final int PAGE_MAX = 500;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    /** Journals one event body as published by {@link EventPublisher}; a body that is not one is logged and skipped. */
    @PermitAll
    public void record(String body) {
        JsonObject event;
        try (JsonReader reader = Jsons.reader(body)) {
            event = reader.readObject();
        } catch (JsonException e) {
            LOG.warning("Skipped an events-topic message that is not a JSON object");
            return;
        }
        String eventId = event.getString("eventId", null);
        String type = event.getString("type", null);
        OffsetDateTime occurredAt = time(event.getString("occurredAt", null));
        if (eventId == null || eventId.length() > 36 || type == null || occurredAt == null) {
            LOG.warning(() -> "Skipped an events-topic message without eventId, type or occurredAt: " + eventId);
            return;
        }
        long known = em.createNamedQuery(EventJournalEntry.COUNT_BY_EVENT_ID, Long.class)
                .setParameter("eventId", eventId).getSingleResult();
        if (known > 0) {
            LOG.fine(() -> "Event " + eventId + " already journaled");
            return;
        }
        String payload = body.length() > EventJournalEntry.PAYLOAD_MAX
                ? body.substring(0, EventJournalEntry.PAYLOAD_MAX) : body;
        em.persist(new EventJournalEntry(eventId, type, event.getInt("version", 1), occurredAt,
                OffsetDateTime.now(clock), truncate(event.getString("actor", null), 64),
                truncate(event.getString("subject", null), 200), payload));
    }

    /** The newest events first, optionally of one type. */
    public List<EventJournalView> recent(String type, int first, int max) {
        TypedQuery<EventJournalEntry> query = type == null || type.isBlank()
                ? em.createNamedQuery(EventJournalEntry.RECENT, EventJournalEntry.class)
                : em.createNamedQuery(EventJournalEntry.RECENT_BY_TYPE, EventJournalEntry.class)
                        .setParameter("type", type);
        return query.setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, Math.min(max, PAGE_MAX)))
                .getResultList().stream()
                .map(e -> new EventJournalView(e.getId(), e.getEventId(), e.getEventType(), e.getFormatVersion(),
                        e.getOccurredAt(), e.getActor(), e.getSubject(), e.getPayload()))
                .toList();
    }

    /** How many events of a type (or of all types) are journaled. */
    public long count(String type) {
        return type == null || type.isBlank()
                ? em.createNamedQuery(EventJournalEntry.COUNT_ALL, Long.class).getSingleResult()
                : em.createNamedQuery(EventJournalEntry.COUNT_BY_TYPE, Long.class).setParameter("type", type)
                        .getSingleResult();
    }

    private static OffsetDateTime time(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
