package org.switchboard.model.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One domain event, journaled by the outbox in the transaction of the change it reports, pending until it is
 * published on the events topic by the node that wrote it ({@link #getOwnerNode()}).
 */
@Entity
@Table(name = "event_journal")
@NamedQuery(name = EventJournalEntry.RECENT,
        query = "SELECT e FROM EventJournalEntry e ORDER BY e.occurredAt DESC, e.id DESC")
@NamedQuery(name = EventJournalEntry.RECENT_BY_TYPE,
        query = "SELECT e FROM EventJournalEntry e WHERE e.eventType = :type ORDER BY e.occurredAt DESC, e.id DESC")
@NamedQuery(name = EventJournalEntry.COUNT_ALL, query = "SELECT COUNT(e) FROM EventJournalEntry e")
@NamedQuery(name = EventJournalEntry.COUNT_BY_TYPE,
        query = "SELECT COUNT(e) FROM EventJournalEntry e WHERE e.eventType = :type")
@NamedQuery(name = EventJournalEntry.PENDING_PUBLISH, query = "SELECT e.id FROM EventJournalEntry e "
        + "WHERE e.publishPending = TRUE AND e.ownerNode = :node AND e.receivedAt <= :before ORDER BY e.id")
@NamedQuery(name = EventJournalEntry.ADOPT, query = "UPDATE EventJournalEntry e SET e.ownerNode = :node "
        + "WHERE e.publishPending = TRUE AND e.ownerNode = :silent")
@NamedQuery(name = EventJournalEntry.ADOPT_UNKNOWN, query = "UPDATE EventJournalEntry e SET e.ownerNode = :node "
        + "WHERE e.publishPending = TRUE AND e.receivedAt <= :before "
        + "AND (e.ownerNode IS NULL OR e.ownerNode NOT IN (SELECT n.name FROM ServerNode n))")
@NamedQuery(name = EventJournalEntry.BY_IDS, query = "SELECT e FROM EventJournalEntry e WHERE e.id IN :ids "
        + "ORDER BY e.id")
@NamedQuery(name = EventJournalEntry.MARK_PUBLISHED,
        query = "UPDATE EventJournalEntry e SET e.publishPending = FALSE WHERE e.id IN :ids")
public class EventJournalEntry {

    public static final String RECENT = "EventJournalEntry.recent";
    public static final String RECENT_BY_TYPE = "EventJournalEntry.recentByType";
    public static final String COUNT_ALL = "EventJournalEntry.countAll";
    public static final String COUNT_BY_TYPE = "EventJournalEntry.countByType";
    /**
     * The ids of a node's events still pending publication, oldest first. Ids only: under a backlog many events are
     * pending, and sorting them with their payloads made H2 spill the sort to disk (6% of WildFly's CPU).
     */
    public static final String PENDING_PUBLISH = "EventJournalEntry.pendingPublish";
    /** A silent node's pending events become this node's, to publish. */
    public static final String ADOPT = "EventJournalEntry.adopt";
    /**
     * Old pending events of no node known to be alive or silent become this node's: journaled before rows had an
     * owner, or by a node that stopped before its first heartbeat.
     */
    public static final String ADOPT_UNKNOWN = "EventJournalEntry.adoptUnknown";
    public static final String BY_IDS = "EventJournalEntry.byIds";
    public static final String MARK_PUBLISHED = "EventJournalEntry.markPublished";

    public static final int PAYLOAD_MAX = 8000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "event_journal_seq")
    @SequenceGenerator(name = "event_journal_seq", sequenceName = "event_journal_seq", allocationSize = 50)
    private Long id;

    @Column(name = "event_id", length = 36, nullable = false, unique = true, updatable = false)
    private String eventId;

    @Column(name = "event_type", length = 100, nullable = false, updatable = false)
    private String eventType;

    @Column(name = "format_version", nullable = false, updatable = false)
    private int formatVersion;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private OffsetDateTime occurredAt;

    @Column(name = "received_at", nullable = false, updatable = false)
    private OffsetDateTime receivedAt;

    @Column(name = "actor", length = 64, updatable = false)
    private String actor;

    @Column(name = "subject", length = 200, updatable = false)
    private String subject;

    @Column(name = "payload", length = PAYLOAD_MAX, nullable = false, updatable = false)
    private String payload;

    /** Journaled in the transaction that made the event true and not yet published on the topic (outbox). */
    @Column(name = "publish_pending", nullable = false)
    private boolean publishPending;

    /** The node whose outbox publishes the event; another node takes it over only when the owner falls silent. */
    @Column(name = "owner_node", length = 100)
    private String ownerNode;

    protected EventJournalEntry() {
    }

    public EventJournalEntry(String eventId, String eventType, int formatVersion, OffsetDateTime occurredAt,
                             OffsetDateTime receivedAt, String actor, String subject, String payload) {
        this.eventId = eventId;
        this.eventType = eventType;
        this.formatVersion = formatVersion;
        this.occurredAt = occurredAt;
        this.receivedAt = receivedAt;
        this.actor = actor;
        this.subject = subject;
        this.payload = payload;
    }

    public Long getId() {
        return id;
    }

    public String getEventId() {
        return eventId;
    }

    public String getEventType() {
        return eventType;
    }

    public int getFormatVersion() {
        return formatVersion;
    }

    public OffsetDateTime getOccurredAt() {
        return occurredAt;
    }

    public OffsetDateTime getReceivedAt() {
        return receivedAt;
    }

    public String getActor() {
        return actor;
    }

    public String getSubject() {
        return subject;
    }

    public String getPayload() {
        return payload;
    }

    public boolean isPublishPending() {
        return publishPending;
    }

    public void setPublishPending(boolean publishPending) {
        this.publishPending = publishPending;
    }

    public String getOwnerNode() {
        return ownerNode;
    }

    public void setOwnerNode(String ownerNode) {
        this.ownerNode = ownerNode;
    }
}
