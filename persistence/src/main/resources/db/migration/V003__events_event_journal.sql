-- X-03: every domain event published on the events topic is journaled once (by its event id),
-- so administrators can see what changed, when and by whom.

CREATE SEQUENCE event_journal_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE event_journal (
    id               BIGINT        NOT NULL,
    event_id         VARCHAR(36)   NOT NULL,
    event_type       VARCHAR(100)  NOT NULL,
    format_version   INTEGER       NOT NULL,
    occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    actor            VARCHAR(64),
    subject          VARCHAR(200),
    payload          VARCHAR(8000) NOT NULL,
    CONSTRAINT pk_event_journal PRIMARY KEY (id),
    CONSTRAINT uq_event_journal_event UNIQUE (event_id)
);
CREATE INDEX ix_event_journal_occurred ON event_journal (occurred_at);
CREATE INDEX ix_event_journal_type ON event_journal (event_type);
