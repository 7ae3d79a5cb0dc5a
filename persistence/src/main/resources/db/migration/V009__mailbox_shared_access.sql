-- SM-02..SM-04: the access list of a shared mailbox. One row grants one user or one role (never both) the rights
-- read (its mail in records' timelines), send (send from it; its mail in the panel) and configure (its settings
-- page). A row carries at least one right. The rows count only while the mailbox's "shared" flag is on: switching
-- it off keeps the list, without effect, so that switching it on again restores it.

CREATE SEQUENCE mailbox_access_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE mailbox_access (
    id                   BIGINT         NOT NULL,
    version              BIGINT         NOT NULL,
    mailbox_id           BIGINT         NOT NULL,
    user_id              BIGINT,
    role_id              BIGINT,
    can_read             BOOLEAN        DEFAULT FALSE NOT NULL,
    can_send             BOOLEAN        DEFAULT FALSE NOT NULL,
    can_configure        BOOLEAN        DEFAULT FALSE NOT NULL,
    granted_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    granted_by           VARCHAR(64)    NOT NULL,
    CONSTRAINT pk_mailbox_access PRIMARY KEY (id),
    CONSTRAINT fk_mailbox_access_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailbox (id),
    CONSTRAINT fk_mailbox_access_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
    CONSTRAINT fk_mailbox_access_role FOREIGN KEY (role_id) REFERENCES app_role (id) ON DELETE CASCADE,
    CONSTRAINT ck_mailbox_access_grantee CHECK ((user_id IS NULL AND role_id IS NOT NULL)
                                             OR (user_id IS NOT NULL AND role_id IS NULL)),
    CONSTRAINT ck_mailbox_access_right CHECK (can_read OR can_send OR can_configure),
    CONSTRAINT uq_mailbox_access_user UNIQUE (mailbox_id, user_id),
    CONSTRAINT uq_mailbox_access_role UNIQUE (mailbox_id, role_id)
);
CREATE INDEX ix_mailbox_access_user ON mailbox_access (user_id);
CREATE INDEX ix_mailbox_access_role ON mailbox_access (role_id);
