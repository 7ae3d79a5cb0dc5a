package org.switchboard.core.events;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.core.common.InLists;
import org.switchboard.core.common.NodeName;
import org.switchboard.model.common.ServerNode;
import org.switchboard.model.events.EventJournalEntry;

/**
 * Publishes the outbox's journaled events on the events topic, outside any transaction, in the order they were
 * journaled, then marks them published. On {@link EventRelayTimer}'s tick it also publishes this node's events that a
 * crash or a failed send left pending, and takes over the pending events of nodes silent for {@link #SILENT}: a node
 * never publishes another live node's events, however late they are (under a backlog they are merely late).
 */
@Stateless
@PermitAll
public class OutboxRelay {

    /**
     * Set to {@code "true"} on every event: it told an earlier journal consumer to skip events the outbox had
     * journaled, and stays because subscribers may select on it ({@code docs/jms.md}).
     */
    public static final String JOURNALED_PROPERTY = "journaled";
    /** How long an event may stay pending before the relay takes it as left behind by a crash. */
    static final Duration LEFT_BEHIND = Duration.ofSeconds(30);
    /** How long a node may go without a heartbeat before its pending events are taken over by another. */
    static final Duration SILENT = Duration.ofSeconds(60);
    private static final int RELAY_BATCH = 500;

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    /** One publisher at a time keeps the order in which transactions committed their events. */
    private static final ReentrantLock ORDER = new ReentrantLock(true);
    /** Journal ids published and not yet marked so. */
    private static final ConcurrentLinkedQueue<Long> PUBLISHED = new ConcurrentLinkedQueue<>();
    /** What this node's publisher has in hand: never relayed as left behind. */
    private static final LiveEvents LIVE = new LiveEvents();

    @PersistenceContext
    private EntityManager em;

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    private ConnectionFactory connectionFactory;

    @Resource(lookup = JmsNames.EVENTS_TOPIC)
    private Topic events;

    @Inject
    private Clock clock;

    @Inject
    private NodeName node;

    @Resource
    private SessionContext context;

    /** Notes events that this node's publisher has in hand, so that {@link #relayLeftBehind} leaves them to it. */
    static void live(Collection<Long> journalIds) {
        LIVE.taken(journalIds);
    }

    /** Gives events back to {@link #relayLeftBehind}: this node's publisher will not publish them. */
    static void dropped(Collection<Long> journalIds) {
        LIVE.released(journalIds);
    }

    /** Sends the messages on the topic, then marks them published; a failure leaves them to the relay's tick. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void publish(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<Long> sent = new ArrayList<>(messages.size());
        ORDER.lock();
        // One producer for all the messages: the simplified API's anonymous producer registers the destination
        // with the broker again on every send (OpenMQ), which cost as much as the send itself.
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(events)) {
            for (OutboxMessage message : messages) {
                TextMessage text = session.createTextMessage(message.body());
                text.setJMSType(message.type());
                text.setIntProperty(JmsNames.VERSION_PROPERTY, message.version());
                text.setStringProperty(JmsNames.EVENT_ID_PROPERTY, message.eventId());
                text.setStringProperty(JOURNALED_PROPERTY, "true");
                producer.send(text);
                sent.add(message.journalId());
            }
        } catch (JMSException | JMSRuntimeException e) {
            LOG.log(Level.WARNING, "Publishing events failed; " + (messages.size() - sent.size())
                    + " stay pending for the relay", e);
            LIVE.released(messages.subList(sent.size(), messages.size()).stream().map(OutboxMessage::journalId)
                    .toList());
        } finally {
            ORDER.unlock();
        }
        // Marked published in bulk on the timer's tick: one small transaction a second instead of one a batch.
        // Until then a crash would publish these again, which the eventId makes harmless.
        PUBLISHED.addAll(sent);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markPublished(List<Long> journalIds) {
        for (int from = 0; from < journalIds.size(); from += RELAY_BATCH) {
            em.createNamedQuery(EventJournalEntry.MARK_PUBLISHED)
                    .setParameter("ids", InLists.padded(journalIds.subList(from,
                            Math.min(journalIds.size(), from + RELAY_BATCH))))
                    .executeUpdate();
        }
    }

    /** Marks what was published since the last call; {@link EventRelayTimer} calls it every second. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void markPublished() {
        List<Long> ids = new ArrayList<>();
        Long id;
        while ((id = PUBLISHED.poll()) != null) {
            ids.add(id);
        }
        if (!ids.isEmpty()) {
            try {
                context.getBusinessObject(OutboxRelay.class).markPublished(ids);
            } catch (RuntimeException e) {
                PUBLISHED.addAll(ids);
                throw e;
            }
            LIVE.released(ids);
        }
    }

    /**
     * Publishes this node's events journaled long enough ago to have been left behind by a crash, after taking over
     * those of silent nodes; returns how many it published.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int relayLeftBehind() {
        OutboxRelay self = context.getBusinessObject(OutboxRelay.class);
        OffsetDateTime now = OffsetDateTime.now(clock);
        int adopted = self.adoptSilent(now);
        if (adopted > 0) {
            LOG.info(() -> "Took over " + adopted + " pending events of silent nodes");
        }
        List<Long> ids = LIVE.leftBehind(self.pendingSince(now.minus(LEFT_BEHIND)));
        if (ids.isEmpty()) {
            return 0;
        }
        List<OutboxMessage> left = self.messages(ids);
        LOG.info(() -> "Relaying " + left.size() + " events left pending");
        publish(left);
        return left.size();
    }

    /** The ids of this node's oldest events pending since before the time, at most {@value #RELAY_BATCH}. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Long> pendingSince(OffsetDateTime before) {
        return em.createNamedQuery(EventJournalEntry.PENDING_PUBLISH, Long.class).setParameter("node", node.get())
                .setParameter("before", before).setMaxResults(RELAY_BATCH).getResultList();
    }

    /**
     * Makes this node the owner of the pending events of nodes not heard of for {@link #SILENT}, and of old ones that
     * have no known owner. Conditional updates: when two nodes try at once, the row locks let one of them win.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int adoptSilent(OffsetDateTime now) {
        int adopted = em.createNamedQuery(EventJournalEntry.ADOPT_UNKNOWN).setParameter("node", node.get())
                .setParameter("before", now.minus(LEFT_BEHIND)).executeUpdate();
        for (String silent : em.createNamedQuery(ServerNode.SILENT_SINCE, String.class)
                .setParameter("before", now.minus(SILENT)).setParameter("self", node.get()).getResultList()) {
            adopted += em.createNamedQuery(EventJournalEntry.ADOPT).setParameter("node", node.get())
                    .setParameter("silent", silent).executeUpdate();
        }
        return adopted;
    }

    /** The journaled events, in journal order. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<OutboxMessage> messages(List<Long> journalIds) {
        return em.createNamedQuery(EventJournalEntry.BY_IDS, EventJournalEntry.class)
                .setParameter("ids", InLists.padded(journalIds)).getResultList().stream()
                .map(e -> new OutboxMessage(e.getId(), e.getEventId(), e.getEventType(), e.getFormatVersion(),
                        e.getPayload()))
                .toList();
    }
}
