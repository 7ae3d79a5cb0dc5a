-- X-02: users, roles (a user in several roles) and system operations granted to users or roles.

CREATE SEQUENCE app_user_seq START WITH 50 INCREMENT BY 50;
-- Seeded rows take ids below 1000; generated ones start above them (a block of 50 ends at the sequence value).
CREATE SEQUENCE app_role_seq START WITH 1050 INCREMENT BY 50;
CREATE SEQUENCE operation_grant_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE app_user (
    id               BIGINT       NOT NULL,
    version          BIGINT       NOT NULL,
    login            VARCHAR(64)  NOT NULL,
    display_name     VARCHAR(200) NOT NULL,
    email            VARCHAR(254),
    password_hash    VARCHAR(512) NOT NULL,
    enabled          BOOLEAN      DEFAULT TRUE NOT NULL,
    locale           VARCHAR(10),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    password_changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_login_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_app_user PRIMARY KEY (id),
    CONSTRAINT uq_app_user_login UNIQUE (login)
);

CREATE TABLE app_role (
    id               BIGINT       NOT NULL,
    version          BIGINT       NOT NULL,
    name             VARCHAR(100) NOT NULL,
    description      VARCHAR(500),
    system_role      BOOLEAN      DEFAULT FALSE NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_app_role PRIMARY KEY (id),
    CONSTRAINT uq_app_role_name UNIQUE (name)
);

CREATE TABLE app_user_role (
    user_id          BIGINT NOT NULL,
    role_id          BIGINT NOT NULL,
    CONSTRAINT pk_app_user_role PRIMARY KEY (user_id, role_id),
    CONSTRAINT fk_app_user_role_user FOREIGN KEY (user_id) REFERENCES app_user (id),
    CONSTRAINT fk_app_user_role_role FOREIGN KEY (role_id) REFERENCES app_role (id)
);
CREATE INDEX ix_app_user_role_role ON app_user_role (role_id);

-- The catalogue of system operations (X-05, SM-01). Titles are translated in the UI bundles.
CREATE TABLE system_operation (
    code             VARCHAR(100) NOT NULL,
    title            VARCHAR(200) NOT NULL,
    sort_order       INTEGER      NOT NULL,
    CONSTRAINT pk_system_operation PRIMARY KEY (code)
);

-- One row per grant: to a user or to a role, never both.
CREATE TABLE operation_grant (
    id               BIGINT       NOT NULL,
    operation_code   VARCHAR(100) NOT NULL,
    user_id          BIGINT,
    role_id          BIGINT,
    granted_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    granted_by       VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_operation_grant PRIMARY KEY (id),
    CONSTRAINT fk_operation_grant_operation FOREIGN KEY (operation_code) REFERENCES system_operation (code),
    CONSTRAINT fk_operation_grant_user FOREIGN KEY (user_id) REFERENCES app_user (id),
    CONSTRAINT fk_operation_grant_role FOREIGN KEY (role_id) REFERENCES app_role (id),
    CONSTRAINT ck_operation_grant_grantee CHECK ((user_id IS NULL AND role_id IS NOT NULL)
                                              OR (user_id IS NOT NULL AND role_id IS NULL)),
    CONSTRAINT uq_operation_grant_user UNIQUE (operation_code, user_id),
    CONSTRAINT uq_operation_grant_role UNIQUE (operation_code, role_id)
);
CREATE INDEX ix_operation_grant_user ON operation_grant (user_id);
CREATE INDEX ix_operation_grant_role ON operation_grant (role_id);

INSERT INTO system_operation (code, title, sort_order) VALUES
    ('CanManageAdministration', 'Access to the ''Administration'' workplace', 10),
    ('CanManageChats', 'Access to the ''Chat settings'' section', 20),
    ('CanConnectSharedMailbox', 'Access to shared mailbox connection', 30),
    ('CanManageSharedMailboxSync', 'Shared mailbox sync setup', 40);

-- The system role whose members hold every operation. The first administrator user is created
-- at the first start (AdministratorBootstrap), with the password from configuration or a random one.
INSERT INTO app_role (id, version, name, description, system_role, created_at) VALUES
    (1, 0, 'Administrators', 'System administrators: every system operation.', TRUE, CURRENT_TIMESTAMP);
