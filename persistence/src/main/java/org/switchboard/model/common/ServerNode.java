package org.switchboard.model.common;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/**
 * A server node of the installation, by its configured name, with the last time it said it was alive: work
 * that a node owns (its outbox's events) is taken over by another node only once the owner has been silent for a
 * while, never because it is merely late. The name is the key: a node finds its own row by it, and a heartbeat is a
 * plain change of that row (on Payara with H2's XA data source, a bulk update followed by a first sequence read in
 * one transaction failed at every commit and leaked a pooled connection each time).
 */
@Entity
@Table(name = "server_node")
@NamedQuery(name = ServerNode.SILENT_SINCE,
        query = "SELECT n.name FROM ServerNode n WHERE n.seenAt < :before AND n.name <> :self ORDER BY n.name")
public class ServerNode {

    /** The other nodes not heard of since a time: stopped, crashed, or renamed. */
    public static final String SILENT_SINCE = "ServerNode.silentSince";
    public static final int NAME_MAX = 100;

    @Id
    @Column(name = "name", length = NAME_MAX, nullable = false, updatable = false)
    private String name;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

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

    public String getName() {
        return name;
    }

    public OffsetDateTime getStartedAt() {
        return startedAt;
    }

    public OffsetDateTime getSeenAt() {
        return seenAt;
    }

    /** The node said it is alive. */
    public void seen(OffsetDateTime at) {
        this.seenAt = at;
    }
}
