-- Issue 21 item 1, EC-02: a contact's membership in static groups, and its tags. A group is the CRM's: every user sees
-- it and may add contacts to it. A tag is PERSONAL (seen and used by its owner only), CORPORATE or PUBLIC (seen by
-- everyone; Google's contact groups take a user's personal tags). Removing a group or a tag keeps its contacts.
CREATE SEQUENCE contact_group_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE crm_tag_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE contact_group (
    id           BIGINT         NOT NULL,
    version      BIGINT         NOT NULL,
    name         VARCHAR(100)   NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_contact_group PRIMARY KEY (id),
    CONSTRAINT uq_contact_group_name UNIQUE (name)
);

CREATE TABLE contact_group_member (
    group_id     BIGINT   NOT NULL,
    contact_id   BIGINT   NOT NULL,
    CONSTRAINT pk_contact_group_member PRIMARY KEY (group_id, contact_id),
    CONSTRAINT fk_contact_group_member_group FOREIGN KEY (group_id) REFERENCES contact_group (id) ON DELETE CASCADE,
    CONSTRAINT fk_contact_group_member_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE INDEX ix_contact_group_member_contact ON contact_group_member (contact_id);

-- owner_id: the user a PERSONAL tag belongs to, or who made a CORPORATE or PUBLIC one (null when that user is gone).
CREATE TABLE crm_tag (
    id           BIGINT         NOT NULL,
    version      BIGINT         NOT NULL,
    name         VARCHAR(100)   NOT NULL,
    kind         VARCHAR(10)    NOT NULL,
    owner_id     BIGINT,
    CONSTRAINT pk_crm_tag PRIMARY KEY (id),
    CONSTRAINT fk_crm_tag_owner FOREIGN KEY (owner_id) REFERENCES app_user (id) ON DELETE SET NULL,
    CONSTRAINT ck_crm_tag_kind CHECK (kind IN ('PERSONAL', 'CORPORATE', 'PUBLIC'))
);
CREATE INDEX ix_crm_tag_owner ON crm_tag (owner_id);

CREATE TABLE contact_tag (
    tag_id       BIGINT   NOT NULL,
    contact_id   BIGINT   NOT NULL,
    CONSTRAINT pk_contact_tag PRIMARY KEY (tag_id, contact_id),
    CONSTRAINT fk_contact_tag_tag FOREIGN KEY (tag_id) REFERENCES crm_tag (id) ON DELETE CASCADE,
    CONSTRAINT fk_contact_tag_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE INDEX ix_contact_tag_contact ON contact_tag (contact_id);

-- EC-02: the groups whose contacts a mailbox's contact sync exports, beside its categories.
CREATE TABLE contact_sync_group (
    mailbox_id   BIGINT   NOT NULL,
    group_id     BIGINT   NOT NULL,
    CONSTRAINT pk_contact_sync_group PRIMARY KEY (mailbox_id, group_id),
    CONSTRAINT fk_contact_sync_group_sync FOREIGN KEY (mailbox_id) REFERENCES contact_sync (mailbox_id)
        ON DELETE CASCADE,
    CONSTRAINT fk_contact_sync_group_group FOREIGN KEY (group_id) REFERENCES contact_group (id) ON DELETE CASCADE
);
