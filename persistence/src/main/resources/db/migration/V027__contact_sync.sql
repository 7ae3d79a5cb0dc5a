-- EC-01..EC-05, issue 21 item 5: a mailbox's two-way contact sync. One contact_sync row per mailbox whose contacts
-- sync: its settings (automatic, all folders or the selected ones, what is exported), its progress and last result,
-- and its claim (a run never overlaps itself, across nodes, as the mail sync's claim on mailbox).
CREATE SEQUENCE contact_sync_link_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE contact_sync_issue_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE contact_sync (
    mailbox_id       BIGINT         NOT NULL,
    version          BIGINT         NOT NULL,
    auto_sync        BOOLEAN        DEFAULT FALSE NOT NULL,
    all_folders      BOOLEAN        DEFAULT TRUE NOT NULL,
    export_mode      VARCHAR(10)    DEFAULT 'ALL' NOT NULL,
    status           VARCHAR(20)    NOT NULL,
    progress_done    INTEGER        DEFAULT 0 NOT NULL,
    last_synced_at   TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(1000),
    last_error_at    TIMESTAMP WITH TIME ZONE,
    next_run_at      TIMESTAMP WITH TIME ZONE,
    requested        BOOLEAN        DEFAULT FALSE NOT NULL,
    claimed_until    TIMESTAMP WITH TIME ZONE,
    claimed_by       VARCHAR(100),
    claim_run        VARCHAR(36),
    CONSTRAINT pk_contact_sync PRIMARY KEY (mailbox_id),
    CONSTRAINT fk_contact_sync_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailbox (id) ON DELETE CASCADE,
    CONSTRAINT ck_contact_sync_export CHECK (export_mode IN ('NONE', 'ALL', 'CATEGORIES')),
    CONSTRAINT ck_contact_sync_status CHECK (status IN ('NEW', 'RUNNING', 'READY', 'FAILED'))
);
CREATE INDEX ix_contact_sync_due ON contact_sync (next_run_at);

-- EC-01: the mailbox's contact folders, whether each is synced when not all are, and its committed state (Graph's
-- delta link, EWS's SyncState), committed with the changes it covers.
CREATE TABLE contact_sync_folder (
    mailbox_id       BIGINT          NOT NULL,
    remote_id        VARCHAR(1000)   NOT NULL,
    name             VARCHAR(255)    NOT NULL,
    selected         BOOLEAN         DEFAULT FALSE NOT NULL,
    sync_state       VARCHAR(20000),
    CONSTRAINT pk_contact_sync_folder PRIMARY KEY (mailbox_id, remote_id),
    CONSTRAINT fk_contact_sync_folder_sync FOREIGN KEY (mailbox_id) REFERENCES contact_sync (mailbox_id)
        ON DELETE CASCADE
);

-- EC-02: the categories exported when export_mode is CATEGORIES.
CREATE TABLE contact_sync_category (
    mailbox_id       BIGINT   NOT NULL,
    category_id      BIGINT   NOT NULL,
    CONSTRAINT pk_contact_sync_category PRIMARY KEY (mailbox_id, category_id),
    CONSTRAINT fk_contact_sync_category_sync FOREIGN KEY (mailbox_id) REFERENCES contact_sync (mailbox_id)
        ON DELETE CASCADE,
    CONSTRAINT fk_contact_sync_category_category FOREIGN KEY (category_id) REFERENCES contact_category (id)
        ON DELETE CASCADE
);

-- Issue 21 item 5: a CRM contact linked to a remote item of the mailbox, with the item's change key and the contact's
-- version when they were last synced. contact_id becomes NULL when the contact is deleted here (the next run deletes
-- the item there if the sync created it, else forgets the link); removed_there_at (when the item was found deleted
-- there) keeps the link of an item deleted there
-- so that its contact is not exported again.
CREATE TABLE contact_sync_link (
    id               BIGINT          NOT NULL,
    mailbox_id       BIGINT          NOT NULL,
    contact_id       BIGINT,
    remote_id        VARCHAR(1000)   NOT NULL,
    change_key       VARCHAR(1000),
    synced_version   BIGINT          NOT NULL,
    created_here     BOOLEAN         DEFAULT FALSE NOT NULL,
    removed_there_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_contact_sync_link PRIMARY KEY (id),
    CONSTRAINT fk_contact_sync_link_sync FOREIGN KEY (mailbox_id) REFERENCES contact_sync (mailbox_id)
        ON DELETE CASCADE,
    CONSTRAINT fk_contact_sync_link_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE SET NULL,
    CONSTRAINT uq_contact_sync_link_remote UNIQUE (mailbox_id, remote_id)
);
CREATE INDEX ix_contact_sync_link_contact ON contact_sync_link (mailbox_id, contact_id);

-- Issue 21 item 5: what the sync page lists: a contact changed on both sides (which change was kept) and an item that
-- could not be synced (with the reason); kept until the next run that succeeds for it.
CREATE TABLE contact_sync_issue (
    id               BIGINT          NOT NULL,
    mailbox_id       BIGINT          NOT NULL,
    kind             VARCHAR(10)     NOT NULL,
    contact_id       BIGINT,
    remote_id        VARCHAR(1000),
    detail           VARCHAR(1000)   NOT NULL,
    occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_contact_sync_issue PRIMARY KEY (id),
    CONSTRAINT fk_contact_sync_issue_sync FOREIGN KEY (mailbox_id) REFERENCES contact_sync (mailbox_id)
        ON DELETE CASCADE,
    CONSTRAINT fk_contact_sync_issue_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE SET NULL,
    CONSTRAINT ck_contact_sync_issue_kind CHECK (kind IN ('KEPT_HERE', 'KEPT_THERE', 'FAILED'))
);
CREATE INDEX ix_contact_sync_issue_mailbox ON contact_sync_issue (mailbox_id, occurred_at);
