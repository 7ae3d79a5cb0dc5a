package org.switchboard.model.common;

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
 * A server node of the installation, by its configured name, with the last time it said it was alive: work
 * that a node owns (its outbox's events) is taken over by another node only once the owner has been silent for a
 * while, never because it is merely late.
 */
@Entity
@Table(name = "server_node")
@NamedQuery(name = ServerNode.BEAT, query = "UPDATE ServerNode n SET n.seenAt = :now WHERE n.name = :name")
@NamedQuery(name = ServerNode.SILENT_SINCE,
        query = "SELECT n.name FROM ServerNode n WHERE n.seenAt < :before AND n.name <> :self ORDER BY n.name")
public class ServerNode {

    public static final String BEAT = "ServerNode.beat";
    /** The other nodes not heard of since a time: stopped, crashed, or renamed. */
    public static final String SILENT_SINCE = "ServerNode.silentSince";
    public static final int NAME_MAX = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "server_node_seq")
    @SequenceGenerator(name = "server_node_seq", sequenceName = "server_node_seq", allocationSize = 50)
    private Long id;

    @Column(name = "name", length = NAME_MAX, nullable = false, unique = true, updatable = false)
    private String name;

    @Column(name = "started_at", nullable = false)
    private OffsetDateTime startedAt;

    @Column(name = "seen_at", nullable = false)
    private OffsetDateTime seenAt;

    protected ServerNode() {
    }

    public ServerNode(String name, OffsetDateTime now) {
        this.name = name;
        this.startedAt = now;
        this.seenAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public OffsetDateTime getStartedAt() {
        return startedAt;
    }

    public OffsetDateTime getSeenAt() {
        return seenAt;
    }
}
