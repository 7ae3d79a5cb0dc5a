-- MB-01..MB-04, MB-08..MB-12, SM-01..SM-04: mailboxes (personal or shared) with their sync settings and state,
-- their folders with each folder's sync cursor, the e-mails loaded from them with addresses and files, and the
-- access list of shared mailboxes.

CREATE SEQUENCE mailbox_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE mailbox_folder_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE email_message_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE email_address_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE email_attachment_seq START WITH 50 INCREMENT BY 50;

-- An address is connected once per installation; others reach a shared one through its access list (SM-02).
-- password is AES-GCM ciphertext. load_since is fixed when the first sync begins (MB-02's period).
-- next_sync_at / sync_claimed_until: the sync timer claims a due mailbox with a conditional UPDATE, so two nodes
-- never sync the same mailbox at once.
CREATE TABLE mailbox (
    id                   BIGINT         NOT NULL,
    version              BIGINT         NOT NULL,
    owner_id             BIGINT         NOT NULL,
    provider_id          BIGINT         NOT NULL,
    address              VARCHAR(254)   NOT NULL,
    login                VARCHAR(254)   NOT NULL,
    password             VARCHAR(1000),
    status               VARCHAR(20)    NOT NULL,
    last_error           VARCHAR(1000),
    last_error_at        TIMESTAMP WITH TIME ZONE,
    load_period          VARCHAR(20)    NOT NULL,
    load_since           TIMESTAMP WITH TIME ZONE,
    auto_sync            BOOLEAN        DEFAULT TRUE NOT NULL,
    all_folders          BOOLEAN        DEFAULT TRUE NOT NULL,
    send_enabled         BOOLEAN        DEFAULT TRUE NOT NULL,
    default_sender       BOOLEAN        DEFAULT FALSE NOT NULL,
    use_alias            BOOLEAN        DEFAULT FALSE NOT NULL,
    alias                VARCHAR(200),
    use_signature        BOOLEAN        DEFAULT FALSE NOT NULL,
    signature_html       VARCHAR(200000),
    shared               BOOLEAN        DEFAULT FALSE NOT NULL,
    sync_requested       BOOLEAN        DEFAULT FALSE NOT NULL,
    next_sync_at         TIMESTAMP WITH TIME ZONE,
    sync_claimed_until   TIMESTAMP WITH TIME ZONE,
    last_sync_at         TIMESTAMP WITH TIME ZONE,
    sync_planned         INTEGER        DEFAULT 0 NOT NULL,
    sync_loaded          INTEGER        DEFAULT 0 NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_mailbox PRIMARY KEY (id),
    CONSTRAINT fk_mailbox_owner FOREIGN KEY (owner_id) REFERENCES app_user (id),
    CONSTRAINT fk_mailbox_provider FOREIGN KEY (provider_id) REFERENCES mail_provider (id),
    CONSTRAINT uq_mailbox_address UNIQUE (address),
    CONSTRAINT ck_mailbox_status CHECK (status IN ('NEW', 'SYNCING', 'READY', 'FAILED')),
    CONSTRAINT ck_mailbox_period CHECK (load_period IN
        ('DAY', 'WEEK', 'MONTH', 'THREE_MONTHS', 'SIX_MONTHS', 'YEAR', 'ALL'))
);
CREATE INDEX ix_mailbox_owner ON mailbox (owner_id);
CREATE INDEX ix_mailbox_provider ON mailbox (provider_id);
CREATE INDEX ix_mailbox_next_sync ON mailbox (next_sync_at);

-- MB-02: a folder as the server names it, ticked or not (used when the mailbox syncs selected folders only), and
-- its cursor: UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ seen last, the last UID handled, and the first UID that was
-- new mail when the first sync began (older UIDs are loaded only within the period).
CREATE TABLE mailbox_folder (
    id                   BIGINT         NOT NULL,
    version              BIGINT         NOT NULL,
    mailbox_id           BIGINT         NOT NULL,
    full_name            VARCHAR(1000)  NOT NULL,
    selected             BOOLEAN        DEFAULT FALSE NOT NULL,
    uid_validity         BIGINT         DEFAULT 0 NOT NULL,
    uid_next             BIGINT         DEFAULT 0 NOT NULL,
    last_uid             BIGINT         DEFAULT 0 NOT NULL,
    highest_mod_seq      BIGINT         DEFAULT 0 NOT NULL,
    period_uid_limit     BIGINT         DEFAULT 0 NOT NULL,
    synced_at            TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_mailbox_folder PRIMARY KEY (id),
    CONSTRAINT fk_mailbox_folder_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailbox (id),
    CONSTRAINT uq_mailbox_folder_name UNIQUE (mailbox_id, full_name)
);

-- One e-mail in one folder (bodies are cut at 10 million characters, the most a PostgreSQL VARCHAR holds).
-- (folder_id, uid_validity, uid) is the server's identity of it; dedupe_key (the
-- Message-ID, or a digest when there is none) finds it again after a UIDVALIDITY change; thread_key groups a
-- conversation (MB-02).
CREATE TABLE email_message (
    id                   BIGINT         NOT NULL,
    version              BIGINT         NOT NULL,
    mailbox_id           BIGINT         NOT NULL,
    folder_id            BIGINT         NOT NULL,
    uid_validity         BIGINT         NOT NULL,
    uid                  BIGINT         NOT NULL,
    message_id           VARCHAR(1000),
    dedupe_key           VARCHAR(1000)  NOT NULL,
    thread_key           VARCHAR(1000)  NOT NULL,
    in_reply_to          VARCHAR(1000),
    subject              VARCHAR(1000),
    from_address         VARCHAR(320),
    from_name            VARCHAR(300),
    sent_at              TIMESTAMP WITH TIME ZONE,
    received_at          TIMESTAMP WITH TIME ZONE,
    size_bytes           BIGINT         DEFAULT 0 NOT NULL,
    seen                 BOOLEAN        DEFAULT FALSE NOT NULL,
    attachment_count     INTEGER        DEFAULT 0 NOT NULL,
    text_body            VARCHAR(10000000),
    html_body            VARCHAR(10000000),
    stored_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_email_message PRIMARY KEY (id),
    CONSTRAINT fk_email_message_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailbox (id),
    CONSTRAINT fk_email_message_folder FOREIGN KEY (folder_id) REFERENCES mailbox_folder (id),
    CONSTRAINT uq_email_message_uid UNIQUE (folder_id, uid_validity, uid)
);
CREATE INDEX ix_email_message_dedupe ON email_message (folder_id, dedupe_key);
CREATE INDEX ix_email_message_mailbox_received ON email_message (mailbox_id, received_at);
CREATE INDEX ix_email_message_thread ON email_message (thread_key);

-- MB-04: every address a message carries (kind FROM, TO, CC, BCC), lower case: the timelines find e-mails by it.
CREATE TABLE email_address (
    id                   BIGINT         NOT NULL,
    email_id             BIGINT         NOT NULL,
    kind                 VARCHAR(10)    NOT NULL,
    address              VARCHAR(320)   NOT NULL,
    display_name         VARCHAR(300),
    CONSTRAINT pk_email_address PRIMARY KEY (id),
    CONSTRAINT fk_email_address_email FOREIGN KEY (email_id) REFERENCES email_message (id),
    CONSTRAINT ck_email_address_kind CHECK (kind IN ('FROM', 'TO', 'CC', 'BCC'))
);
CREATE INDEX ix_email_address_email ON email_address (email_id);
CREATE INDEX ix_email_address_address ON email_address (address);

-- A file of an e-mail; content_id is set for inline parts that the HTML body shows.
CREATE TABLE email_attachment (
    id                   BIGINT         NOT NULL,
    email_id             BIGINT         NOT NULL,
    file_name            VARCHAR(255)   NOT NULL,
    content_type         VARCHAR(100)   NOT NULL,
    content_id           VARCHAR(500),
    inline_part          BOOLEAN        DEFAULT FALSE NOT NULL,
    size_bytes           BIGINT         NOT NULL,
    content              BYTEA          NOT NULL,
    CONSTRAINT pk_email_attachment PRIMARY KEY (id),
    CONSTRAINT fk_email_attachment_email FOREIGN KEY (email_id) REFERENCES email_message (id)
);
CREATE INDEX ix_email_attachment_email ON email_attachment (email_id);
