-- EC-01..EC-04: a contact holds what an Outlook (or Google) contact holds, so that the two can be kept in sync: the
-- parts of the name, job title, company name (the account it names is linked by EC-04's rule), birthday, notes,
-- phones and postal addresses with their kinds, a category (lookup "Contact categories": Employees, Customers, ...;
-- EC-02 exports by category) and the user who owns it. name stays the name shown everywhere: given and family name
-- joined when it is not typed. updated_at is when the contact last changed here, which the two-way sync compares with
-- the remote side's change time (the later change wins).
-- Starts past the seeded ids 1..4: the first block an allocationSize of 50 takes is then 51..100.
CREATE SEQUENCE contact_category_seq START WITH 100 INCREMENT BY 50;

-- Lookup "Contact categories". A seeded category has a code the panel translates; one added later has only its name.
CREATE TABLE contact_category (
    id           BIGINT        NOT NULL,
    version      BIGINT        NOT NULL,
    code         VARCHAR(50),
    name         VARCHAR(100)  NOT NULL,
    sort_order   INTEGER       NOT NULL,
    CONSTRAINT pk_contact_category PRIMARY KEY (id),
    CONSTRAINT uq_contact_category_name UNIQUE (name),
    CONSTRAINT uq_contact_category_code UNIQUE (code)
);
INSERT INTO contact_category (id, version, code, name, sort_order) VALUES
    (1, 0, 'EMPLOYEES', 'Employees', 10),
    (2, 0, 'CUSTOMERS', 'Customers', 20),
    (3, 0, 'PARTNERS', 'Partners', 30),
    (4, 0, 'SUPPLIERS', 'Suppliers', 40);

ALTER TABLE contact ADD COLUMN given_name VARCHAR(100);
ALTER TABLE contact ADD COLUMN family_name VARCHAR(100);
ALTER TABLE contact ADD COLUMN job_title VARCHAR(200);
ALTER TABLE contact ADD COLUMN company_name VARCHAR(200);
ALTER TABLE contact ADD COLUMN birthday DATE;
ALTER TABLE contact ADD COLUMN notes VARCHAR(4000);
ALTER TABLE contact ADD COLUMN category_id BIGINT;
ALTER TABLE contact ADD COLUMN owner_id BIGINT;
ALTER TABLE contact ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;
UPDATE contact SET updated_at = created_at;
ALTER TABLE contact ALTER COLUMN updated_at SET NOT NULL;
ALTER TABLE contact ADD CONSTRAINT fk_contact_category FOREIGN KEY (category_id) REFERENCES contact_category (id);
ALTER TABLE contact ADD CONSTRAINT fk_contact_owner FOREIGN KEY (owner_id) REFERENCES app_user (id);
CREATE INDEX ix_contact_category ON contact (category_id);
CREATE INDEX ix_contact_owner ON contact (owner_id);
CREATE INDEX ix_contact_company_name ON contact (company_name);

-- A contact's phones, in the order shown; kind: MOBILE, WORK, HOME, FAX or OTHER.
CREATE TABLE contact_phone (
    contact_id   BIGINT       NOT NULL,
    sort_order   INTEGER      NOT NULL,
    kind         VARCHAR(10)  NOT NULL,
    phone_number VARCHAR(50)  NOT NULL,
    CONSTRAINT pk_contact_phone PRIMARY KEY (contact_id, sort_order),
    CONSTRAINT fk_contact_phone_contact FOREIGN KEY (contact_id) REFERENCES contact (id),
    CONSTRAINT ck_contact_phone_kind CHECK (kind IN ('MOBILE', 'WORK', 'HOME', 'FAX', 'OTHER'))
);

-- A contact's postal addresses, in the order shown; kind: WORK, HOME or OTHER (Outlook's three).
CREATE TABLE contact_address (
    contact_id   BIGINT        NOT NULL,
    sort_order   INTEGER       NOT NULL,
    kind         VARCHAR(10)   NOT NULL,
    street       VARCHAR(500),
    city         VARCHAR(100),
    region       VARCHAR(100),
    postal_code  VARCHAR(20),
    country      VARCHAR(100),
    CONSTRAINT pk_contact_address PRIMARY KEY (contact_id, sort_order),
    CONSTRAINT fk_contact_address_contact FOREIGN KEY (contact_id) REFERENCES contact (id),
    CONSTRAINT ck_contact_address_kind CHECK (kind IN ('WORK', 'HOME', 'OTHER'))
);
