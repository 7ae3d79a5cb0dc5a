-- MB-02: a message that cannot be read at all no longer stops a sync: it is listed here (folder, UID, reason) with
-- "Retry", and the folder's cursor moves past it. A retry that stores it removes the row.
CREATE SEQUENCE mailbox_skipped_message_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE mailbox_skipped_message (
    id                   BIGINT         NOT NULL,
    version              BIGINT         NOT NULL,
    mailbox_id           BIGINT         NOT NULL,
    folder_id            BIGINT         NOT NULL,
    uid_validity         BIGINT         NOT NULL,
    uid                  BIGINT         NOT NULL,
    reason               VARCHAR(1000)  NOT NULL,
    skipped_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts             INTEGER        DEFAULT 1 NOT NULL,
    CONSTRAINT pk_mailbox_skipped_message PRIMARY KEY (id),
    CONSTRAINT fk_mailbox_skipped_message_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailbox (id),
    CONSTRAINT fk_mailbox_skipped_message_folder FOREIGN KEY (folder_id) REFERENCES mailbox_folder (id),
    CONSTRAINT uq_mailbox_skipped_message UNIQUE (folder_id, uid_validity, uid)
);
CREATE INDEX ix_mailbox_skipped_message_mailbox ON mailbox_skipped_message (mailbox_id);

-- MB-02: what of a stored message could not be read as sent (a damaged encoding, an unknown charset, …), one
-- "KIND where" a line; the e-mail shows each in the reader's language.
ALTER TABLE email_message ADD COLUMN read_problems VARCHAR(2000);

-- MB-02: a sync claim names the node that holds it and that node's run (a new one at each start), so that a node
-- restarted after a crash releases its own dead claims at once instead of waiting for them to expire.
ALTER TABLE mailbox ADD COLUMN sync_claimed_by VARCHAR(100);
ALTER TABLE mailbox ADD COLUMN sync_claim_run VARCHAR(36);
