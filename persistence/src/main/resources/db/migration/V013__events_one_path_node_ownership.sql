-- X-03: every domain event goes through the outbox. A journal row is owned by the node that wrote it: only that node
-- re-publishes it when it is late, and another node takes it over only once the owner has been silent for a while
-- (server_node keeps when each node was last seen).

-- Keyed by the node's configured name (switchboard.node-name): a node finds its own row by it.
CREATE TABLE server_node (
    name        VARCHAR(100) NOT NULL,
    version     BIGINT       NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    seen_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_server_node PRIMARY KEY (name)
);

-- Rows written before this migration have no owner: any node takes them over.
ALTER TABLE event_journal ADD COLUMN owner_node VARCHAR(100);
CREATE INDEX ix_event_journal_pending_owner ON event_journal (publish_pending, owner_node);
