-- MB-04: e-mails are linked to contacts and accounts by address. The link is not stored per e-mail: an e-mail is
-- linked to every contact and account that has one of its addresses (email_address.address, indexed), so an address
-- added to a contact later links the mail loaded before, and the sync writes nothing more per message.
CREATE SEQUENCE account_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE crm_email_seq START WITH 50 INCREMENT BY 50;

-- The CRM's account: a company that contacts belong to.
CREATE TABLE account (
    id           BIGINT                   NOT NULL,
    version      BIGINT                   NOT NULL,
    name         VARCHAR(200)             NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_account PRIMARY KEY (id)
);
CREATE INDEX ix_account_name ON account (name);

ALTER TABLE contact ADD COLUMN account_id BIGINT;
ALTER TABLE contact ADD CONSTRAINT fk_contact_account FOREIGN KEY (account_id) REFERENCES account (id);
CREATE INDEX ix_contact_account ON contact (account_id);
CREATE INDEX ix_contact_name ON contact (name);

-- An e-mail address of a contact or of an account (exactly one of them), lower-cased like email_address.address.
CREATE TABLE crm_email (
    id           BIGINT        NOT NULL,
    address      VARCHAR(320)  NOT NULL,
    contact_id   BIGINT,
    account_id   BIGINT,
    CONSTRAINT pk_crm_email PRIMARY KEY (id),
    CONSTRAINT fk_crm_email_contact FOREIGN KEY (contact_id) REFERENCES contact (id),
    CONSTRAINT fk_crm_email_account FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT ck_crm_email_owner CHECK ((contact_id IS NULL AND account_id IS NOT NULL)
        OR (contact_id IS NOT NULL AND account_id IS NULL)),
    CONSTRAINT uq_crm_email_contact UNIQUE (contact_id, address),
    CONSTRAINT uq_crm_email_account UNIQUE (account_id, address)
);
CREATE INDEX ix_crm_email_address ON crm_email (address);
