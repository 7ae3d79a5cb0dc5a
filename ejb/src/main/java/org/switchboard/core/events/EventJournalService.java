package org.switchboard.core.events;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import org.switchboard.core.common.Operations;
import org.switchboard.model.events.EventJournalEntry;

/**
 * The journal of domain events for administrators (X-03, the designer's Event log): what {@link EventOutbox} journaled
 * in the transactions of the changes, newest first. Nothing that merely arrives on the topic is journaled, and no
 * content of mail or chats is shown ({@link JournalPrivacy}).
 */
@Stateless
@RolesAllowed(Operations.CAN_MANAGE_ADMINISTRATION)
public class EventJournalService {

    /** The most a page of the journal returns. */
    public static final int PAGE_MAX = 500;

    @PersistenceContext
    private EntityManager em;

    /** The newest events first, optionally of one type. */
    public List<EventJournalView> recent(String type, int first, int max) {
        TypedQuery<EventJournalEntry> query = type == null || type.isBlank()
                ? em.createNamedQuery(EventJournalEntry.RECENT, EventJournalEntry.class)
                : em.createNamedQuery(EventJournalEntry.RECENT_BY_TYPE, EventJournalEntry.class)
                        .setParameter("type", type);
        return query.setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, Math.min(max, PAGE_MAX)))
                .getResultList().stream()
                .map(e -> new EventJournalView(e.getId(), e.getEventId(), e.getEventType(), e.getFormatVersion(),
                        e.getOccurredAt(), e.getActor(), e.getSubject(),
                        JournalPrivacy.shown(e.getEventType(), e.getFormatVersion(), e.getPayload())))
                .toList();
    }

    /** How many events of a type (or of all types) are journaled. */
    public long count(String type) {
        return type == null || type.isBlank()
                ? em.createNamedQuery(EventJournalEntry.COUNT_ALL, Long.class).getSingleResult()
                : em.createNamedQuery(EventJournalEntry.COUNT_BY_TYPE, Long.class).setParameter("type", type)
                        .getSingleResult();
    }

    /** The event types the journal can hold, for the Event log's filter. */
    public List<String> types() {
        return EventTypes.ALL;
    }
}
