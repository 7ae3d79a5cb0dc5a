package org.switchboard.core.events;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.common.NodeName;
import org.switchboard.core.common.TransactionEnd;
import org.switchboard.model.events.EventJournalEntry;

/**
 * The one way a domain event leaves Switchboard: journaled in the transaction that makes it true, owned by
 * this node, and published on the events topic after that transaction commits, in commit order. Keeping the broker
 * out of the transaction means a change costs one database commit and no two-phase commit, and the journal (the
 * designer's Event log) costs no second transaction. A crash between the commit and the publication leaves the event
 * pending; {@link OutboxRelay} publishes it later. Subscribers may therefore see an event twice, never not at all:
 * {@code eventId} is the idempotency key.
 */
@ApplicationScoped
public class EventOutbox {

    private static final Logger LOG = Logger.getLogger(EventOutbox.class.getName());
    private static final Object KEY = EventOutbox.class;
    private static final int PUBLISH_BATCH = 500;
    private static final long PUBLISHER_LINGER_MILLIS = 200;

    /** Events committed and not yet handed to the relay, in commit order. */
    private final LinkedBlockingQueue<OutboxMessage> committed = new LinkedBlockingQueue<>();
    private final AtomicBoolean publishing = new AtomicBoolean();

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private OutboxRelay relay;

    @Inject
    private NodeName node;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Resource
    private ManagedExecutorService executor;

    /** Journals the event as pending in the caller's transaction; it is published once that commits. */
    public void record(DomainEvent event, String actor) {
        String eventId = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(clock);
        String body = envelope(eventId, event, now, actor).toString();
        if (body.length() > EventJournalEntry.PAYLOAD_MAX) {
            throw new IllegalStateException(event.type() + " " + eventId + " exceeds the journal's payload size");
        }
        EventJournalEntry entry = new EventJournalEntry(eventId, event.type(), event.version(), now, now,
                truncate(actor, 64), truncate(event.subject(), 200), body);
        entry.setPublishPending(true);
        entry.setOwnerNode(node.get());
        em.persist(entry);
        pending().add(new PendingEntry(entry, body));
    }

    @SuppressWarnings("unchecked")
    private List<PendingEntry> pending() {
        List<PendingEntry> list = (List<PendingEntry>) transactions.getResource(KEY);
        if (list == null) {
            List<PendingEntry> created = new ArrayList<>();
            transactions.putResource(KEY, created);
            // The entries' ids are assigned at the latest at the flush, before interposed synchronizations run.
            TransactionEnd.afterCommit(transactions, () -> afterCommit(created));
            list = created;
        }
        return list;
    }

    private void afterCommit(List<PendingEntry> entries) {
        OutboxRelay.live(entries.stream().map(p -> p.entry().getId()).toList());
        for (PendingEntry p : entries) {
            committed.add(new OutboxMessage(p.entry().getId(), p.entry().getEventId(), p.entry().getEventType(),
                    p.entry().getFormatVersion(), p.body()));
        }
        startPublisher();
    }

    /**
     * Starts a publisher task unless one is running. One task publishes what many transactions committed meanwhile,
     * and lingers a moment for more: handing each transaction's events to the executor on its own cost more than
     * publishing them (the executor captures the thread's context on every task). One publisher also keeps the order
     * in which the transactions committed.
     */
    private void startPublisher() {
        if (!committed.isEmpty() && publishing.compareAndSet(false, true)) {
            try {
                executor.execute(this::publishCommitted);
            } catch (RejectedExecutionException e) {
                List<OutboxMessage> refused = new ArrayList<>();
                committed.drainTo(refused);
                OutboxRelay.dropped(refused.stream().map(OutboxMessage::journalId).toList());
                publishing.set(false);
                LOG.log(Level.WARNING, refused.size() + " events stay pending for the relay: the executor refused "
                        + "them", e);
            }
        }
    }

    private void publishCommitted() {
        try {
            OutboxMessage next;
            while ((next = committed.poll(PUBLISHER_LINGER_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                List<OutboxMessage> messages = new ArrayList<>();
                messages.add(next);
                committed.drainTo(messages, PUBLISH_BATCH - 1);
                relay.publish(messages);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            publishing.set(false);
            // An event committed after the last poll and before the flag was cleared has no publisher yet.
            startPublisher();
        }
    }

    /**
     * The body of an event message, as documented in {@code docs/jms.md}: {@code eventId}, {@code type},
     * {@code version}, {@code occurredAt}, {@code actor}, {@code subject} and the event's own {@code data}.
     */
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

    private record PendingEntry(EventJournalEntry entry, String body) {
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
