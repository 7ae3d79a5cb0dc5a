-- CH-01..CH-15, X-03: chat queues and their operators, channels, chat actions, quick replies; the minimal CRM
-- records chats need (contacts with their channel identities, cases); chats, their messages and attachments,
-- the routing decisions behind each chat, operators' status, and the dead letters of the inbound queue.

CREATE SEQUENCE chat_queue_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE chat_queue_operator_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE channel_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE chat_action_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE quick_reply_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE contact_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE contact_identity_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE crm_case_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE chat_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE chat_message_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE chat_attachment_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE routing_decision_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE dead_letter_seq START WITH 50 INCREMENT BY 50;

-- CH-02, CH-05, CH-13: completion_timeout_minutes NULL = never complete automatically.
CREATE TABLE chat_queue (
    id                          BIGINT       NOT NULL,
    version                     BIGINT       NOT NULL,
    name                        VARCHAR(100) NOT NULL,
    routing_rule                VARCHAR(20)  NOT NULL,
    completion_timeout_minutes  INTEGER,
    created_at                  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_chat_queue PRIMARY KEY (id),
    CONSTRAINT uq_chat_queue_name UNIQUE (name),
    CONSTRAINT ck_chat_queue_rule CHECK (routing_rule IN ('TO_ALL', 'LEAST_BUSY')),
    CONSTRAINT ck_chat_queue_timeout CHECK (completion_timeout_minutes IS NULL OR completion_timeout_minutes >= 1)
);

-- CH-06: a queue's operators are users and/or roles; one row names exactly one of them.
CREATE TABLE chat_queue_operator (
    id               BIGINT NOT NULL,
    queue_id         BIGINT NOT NULL,
    user_id          BIGINT,
    role_id          BIGINT,
    CONSTRAINT pk_chat_queue_operator PRIMARY KEY (id),
    CONSTRAINT fk_chat_queue_operator_queue FOREIGN KEY (queue_id) REFERENCES chat_queue (id),
    CONSTRAINT fk_chat_queue_operator_user FOREIGN KEY (user_id) REFERENCES app_user (id),
    CONSTRAINT fk_chat_queue_operator_role FOREIGN KEY (role_id) REFERENCES app_role (id),
    CONSTRAINT ck_chat_queue_operator_one CHECK ((user_id IS NULL AND role_id IS NOT NULL)
                                              OR (user_id IS NOT NULL AND role_id IS NULL)),
    CONSTRAINT uq_chat_queue_operator_user UNIQUE (queue_id, user_id),
    CONSTRAINT uq_chat_queue_operator_role UNIQUE (queue_id, role_id)
);
CREATE INDEX ix_chat_queue_operator_user ON chat_queue_operator (user_id);
CREATE INDEX ix_chat_queue_operator_role ON chat_queue_operator (role_id);

-- CH-10, CH-11, CH-14: a channel of one provider, bound to one queue, with a language.
CREATE TABLE channel (
    id               BIGINT       NOT NULL,
    version          BIGINT       NOT NULL,
    provider         VARCHAR(20)  NOT NULL,
    name             VARCHAR(100) NOT NULL,
    active           BOOLEAN      DEFAULT TRUE NOT NULL,
    queue_id         BIGINT       NOT NULL,
    language         VARCHAR(10)  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_channel PRIMARY KEY (id),
    CONSTRAINT uq_channel_name UNIQUE (name),
    CONSTRAINT fk_channel_queue FOREIGN KEY (queue_id) REFERENCES chat_queue (id),
    CONSTRAINT ck_channel_provider CHECK (provider IN ('CUSTOM', 'TELEGRAM', 'WHATSAPP', 'FACEBOOK'))
);
CREATE INDEX ix_channel_queue ON channel (queue_id);

-- The provider's settings of a channel (token, account, number). Secret values are AES-GCM ciphertext.
CREATE TABLE channel_property (
    channel_id       BIGINT        NOT NULL,
    name             VARCHAR(100)  NOT NULL,
    property_value   VARCHAR(4000),
    CONSTRAINT pk_channel_property PRIMARY KEY (channel_id, name),
    CONSTRAINT fk_channel_property_channel FOREIGN KEY (channel_id) REFERENCES channel (id)
);

-- CH-07: process is the name of a ChatProcess bean.
CREATE TABLE chat_action (
    id               BIGINT       NOT NULL,
    version          BIGINT       NOT NULL,
    title            VARCHAR(200) NOT NULL,
    queue_id         BIGINT       NOT NULL,
    process          VARCHAR(100) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_chat_action PRIMARY KEY (id),
    CONSTRAINT fk_chat_action_queue FOREIGN KEY (queue_id) REFERENCES chat_queue (id),
    CONSTRAINT uq_chat_action_title UNIQUE (queue_id, title)
);

-- CH-11: quick-reply templates per language.
CREATE TABLE quick_reply (
    id               BIGINT        NOT NULL,
    version          BIGINT        NOT NULL,
    language         VARCHAR(10)   NOT NULL,
    title            VARCHAR(100)  NOT NULL,
    body             VARCHAR(4000) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_quick_reply PRIMARY KEY (id),
    CONSTRAINT uq_quick_reply_title UNIQUE (language, title)
);

-- The CRM's contact: a person who writes in, known by one identity per channel.
CREATE TABLE contact (
    id               BIGINT       NOT NULL,
    version          BIGINT       NOT NULL,
    name             VARCHAR(200) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_contact PRIMARY KEY (id)
);

CREATE TABLE contact_identity (
    id               BIGINT       NOT NULL,
    contact_id       BIGINT       NOT NULL,
    channel_id       BIGINT       NOT NULL,
    external_id      VARCHAR(200) NOT NULL,
    display_name     VARCHAR(200),
    CONSTRAINT pk_contact_identity PRIMARY KEY (id),
    CONSTRAINT fk_contact_identity_contact FOREIGN KEY (contact_id) REFERENCES contact (id),
    CONSTRAINT fk_contact_identity_channel FOREIGN KEY (channel_id) REFERENCES channel (id),
    CONSTRAINT uq_contact_identity UNIQUE (channel_id, external_id)
);
CREATE INDEX ix_contact_identity_contact ON contact_identity (contact_id);

-- CH-01..CH-08: one conversation with a contact on a channel, from its first inbound message to its completion.
CREATE TABLE chat (
    id                  BIGINT       NOT NULL,
    version             BIGINT       NOT NULL,
    channel_id          BIGINT       NOT NULL,
    contact_id          BIGINT       NOT NULL,
    queue_id            BIGINT       NOT NULL,
    status              VARCHAR(20)  NOT NULL,
    operator_id         BIGINT,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    routed_at           TIMESTAMP WITH TIME ZONE,
    assigned_at         TIMESTAMP WITH TIME ZONE,
    accept_deadline     TIMESTAMP WITH TIME ZONE,
    accepted_at         TIMESTAMP WITH TIME ZONE,
    last_inbound_at     TIMESTAMP WITH TIME ZONE,
    last_outbound_at    TIMESTAMP WITH TIME ZONE,
    completion_due_at   TIMESTAMP WITH TIME ZONE,
    completed_at        TIMESTAMP WITH TIME ZONE,
    completion          VARCHAR(20),
    message_count       INTEGER      DEFAULT 0 NOT NULL,
    last_message        VARCHAR(200),
    CONSTRAINT pk_chat PRIMARY KEY (id),
    CONSTRAINT fk_chat_channel FOREIGN KEY (channel_id) REFERENCES channel (id),
    CONSTRAINT fk_chat_contact FOREIGN KEY (contact_id) REFERENCES contact (id),
    CONSTRAINT fk_chat_queue FOREIGN KEY (queue_id) REFERENCES chat_queue (id),
    CONSTRAINT fk_chat_operator FOREIGN KEY (operator_id) REFERENCES app_user (id),
    CONSTRAINT ck_chat_status CHECK (status IN ('QUEUED', 'OFFERED', 'ASSIGNED', 'ACTIVE', 'COMPLETED'))
);
CREATE INDEX ix_chat_contact_status ON chat (contact_id, channel_id, status);
CREATE INDEX ix_chat_status_queue ON chat (status, queue_id);
CREATE INDEX ix_chat_operator_status ON chat (operator_id, status);
CREATE INDEX ix_chat_accept_deadline ON chat (accept_deadline);
CREATE INDEX ix_chat_completion_due ON chat (completion_due_at);
CREATE INDEX ix_chat_created ON chat (created_at);

-- provider_message_id is the provider's idempotency key: a repeated inbound message creates nothing.
CREATE TABLE chat_message (
    id                  BIGINT         NOT NULL,
    version             BIGINT         NOT NULL,
    chat_id             BIGINT         NOT NULL,
    channel_id          BIGINT         NOT NULL,
    direction           VARCHAR(10)    NOT NULL,
    provider_message_id VARCHAR(200),
    body                VARCHAR(10000),
    author_id           BIGINT,
    sent_at             TIMESTAMP WITH TIME ZONE,
    stored_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    delivery_status     VARCHAR(20)    NOT NULL,
    delivery_error      VARCHAR(1000),
    delivery_updated_at TIMESTAMP WITH TIME ZONE,
    send_attempts       INTEGER        DEFAULT 0 NOT NULL,
    next_attempt_at     TIMESTAMP WITH TIME ZONE,
    attachment_count    INTEGER        DEFAULT 0 NOT NULL,
    CONSTRAINT pk_chat_message PRIMARY KEY (id),
    CONSTRAINT fk_chat_message_chat FOREIGN KEY (chat_id) REFERENCES chat (id),
    CONSTRAINT fk_chat_message_channel FOREIGN KEY (channel_id) REFERENCES channel (id),
    CONSTRAINT fk_chat_message_author FOREIGN KEY (author_id) REFERENCES app_user (id),
    CONSTRAINT uq_chat_message_provider_id UNIQUE (channel_id, provider_message_id),
    CONSTRAINT ck_chat_message_direction CHECK (direction IN ('INBOUND', 'OUTBOUND')),
    CONSTRAINT ck_chat_message_delivery CHECK (delivery_status IN
        ('RECEIVED', 'PENDING', 'SENT', 'DELIVERED', 'READ', 'FAILED'))
);
CREATE INDEX ix_chat_message_chat ON chat_message (chat_id, id);
CREATE INDEX ix_chat_message_outbox ON chat_message (delivery_status, next_attempt_at);

-- A file of a message: its bytes (sent by an operator or posted inline) or the provider's URL to fetch it from.
CREATE TABLE chat_attachment (
    id               BIGINT        NOT NULL,
    message_id       BIGINT        NOT NULL,
    file_name        VARCHAR(255)  NOT NULL,
    content_type     VARCHAR(100)  NOT NULL,
    size_bytes       BIGINT,
    source_url       VARCHAR(2000),
    content          BYTEA,
    CONSTRAINT pk_chat_attachment PRIMARY KEY (id),
    CONSTRAINT fk_chat_attachment_message FOREIGN KEY (message_id) REFERENCES chat_message (id)
);
CREATE INDEX ix_chat_attachment_message ON chat_attachment (message_id);

-- CH-03, CH-04: why a chat went where it went. candidates is a JSON array written by the router.
CREATE TABLE routing_decision (
    id               BIGINT         NOT NULL,
    chat_id          BIGINT         NOT NULL,
    decided_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    rule             VARCHAR(20)    NOT NULL,
    outcome          VARCHAR(20)    NOT NULL,
    operator_id      BIGINT,
    reason           VARCHAR(500),
    candidates       VARCHAR(8000),
    CONSTRAINT pk_routing_decision PRIMARY KEY (id),
    CONSTRAINT fk_routing_decision_chat FOREIGN KEY (chat_id) REFERENCES chat (id),
    CONSTRAINT fk_routing_decision_operator FOREIGN KEY (operator_id) REFERENCES app_user (id)
);
CREATE INDEX ix_routing_decision_chat ON routing_decision (chat_id, id);

-- CH-04, CH-08: an operator's status and load. active_chats counts the chats assigned to or accepted by the
-- operator; it is changed only by conditional updates, so capacity is never exceeded, even on two nodes.
CREATE TABLE operator_state (
    user_id            BIGINT       NOT NULL,
    version            BIGINT       NOT NULL,
    status             VARCHAR(10)  NOT NULL,
    status_changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    status_reason      VARCHAR(200),
    active_chats       INTEGER      DEFAULT 0 NOT NULL,
    last_assigned_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_operator_state PRIMARY KEY (user_id),
    CONSTRAINT fk_operator_state_user FOREIGN KEY (user_id) REFERENCES app_user (id),
    CONSTRAINT ck_operator_state_status CHECK (status IN ('ACTIVE', 'INACTIVE')),
    CONSTRAINT ck_operator_state_load CHECK (active_chats >= 0)
);

-- CH-07: a case created from a chat.
CREATE TABLE crm_case (
    id               BIGINT        NOT NULL,
    version          BIGINT        NOT NULL,
    subject          VARCHAR(500)  NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    contact_id       BIGINT        NOT NULL,
    chat_id          BIGINT,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by       VARCHAR(64)   NOT NULL,
    CONSTRAINT pk_crm_case PRIMARY KEY (id),
    CONSTRAINT fk_crm_case_contact FOREIGN KEY (contact_id) REFERENCES contact (id),
    CONSTRAINT fk_crm_case_chat FOREIGN KEY (chat_id) REFERENCES chat (id)
);
CREATE INDEX ix_crm_case_chat ON crm_case (chat_id);

-- X-03: an inbound message that could not be processed, with its reason, until it is replayed or discarded.
CREATE TABLE dead_letter (
    id               BIGINT          NOT NULL,
    version          BIGINT          NOT NULL,
    kind             VARCHAR(100)    NOT NULL,
    source           VARCHAR(20)     NOT NULL,
    status           VARCHAR(20)     NOT NULL,
    reason_code      VARCHAR(100)    NOT NULL,
    reason           VARCHAR(1000)   NOT NULL,
    payload          VARCHAR(1000000),
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts         INTEGER         DEFAULT 1 NOT NULL,
    last_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at      TIMESTAMP WITH TIME ZONE,
    resolved_by      VARCHAR(64),
    CONSTRAINT pk_dead_letter PRIMARY KEY (id),
    CONSTRAINT ck_dead_letter_status CHECK (status IN ('NEW', 'REPLAYED', 'DISCARDED'))
);
CREATE INDEX ix_dead_letter_status ON dead_letter (status, kind);

-- X-03: chat events are journaled in the transaction that makes them true (an outbox) and published after it
-- commits; publish_pending marks those not yet confirmed on the topic, for the relay to send after a crash.
ALTER TABLE event_journal ADD COLUMN publish_pending BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX ix_event_journal_pending ON event_journal (publish_pending);
