-- MP-01..MP-04, MP-06, MP-12, MP-13: mail providers (IMAP/SMTP or Exchange / Microsoft 365) and the lookup
-- "Mail provider domains" that detects a new mailbox's provider from its address.

-- Seeded rows take ids below 1000; generated ones start above them (a block of 50 ends at the sequence value, so a
-- sequence starting at 50 would hand out 1..50 and collide with the seeded ids).
CREATE SEQUENCE mail_provider_seq START WITH 1050 INCREMENT BY 50;
CREATE SEQUENCE mail_provider_domain_seq START WITH 1050 INCREMENT BY 50;

-- The IMAP columns (imap_*, smtp_*) are set for IMAP providers, the Exchange ones (service_address, load_mail,
-- send_mail) for Exchange providers. Names are unique regardless of case: the service checks that.
-- oauth_client_secret is AES-GCM ciphertext.
CREATE TABLE mail_provider (
    id                   BIGINT        NOT NULL,
    version              BIGINT        NOT NULL,
    name                 VARCHAR(100)  NOT NULL,
    provider_type        VARCHAR(20)   NOT NULL,
    imap_host            VARCHAR(253),
    imap_port            INTEGER,
    imap_security        VARCHAR(20),
    smtp_enabled         BOOLEAN       DEFAULT TRUE NOT NULL,
    smtp_host            VARCHAR(253),
    smtp_port            INTEGER,
    smtp_security        VARCHAR(20),
    service_address      VARCHAR(253),
    load_mail            BOOLEAN       DEFAULT FALSE NOT NULL,
    send_mail            BOOLEAN       DEFAULT FALSE NOT NULL,
    login_format         VARCHAR(20)   NOT NULL,
    authentication       VARCHAR(20)   NOT NULL,
    oauth_client_id      VARCHAR(500),
    oauth_client_secret  VARCHAR(1000),
    app_password_url     VARCHAR(500),
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_mail_provider PRIMARY KEY (id),
    CONSTRAINT uq_mail_provider_name UNIQUE (name),
    CONSTRAINT ck_mail_provider_type CHECK (provider_type IN ('IMAP', 'EXCHANGE')),
    CONSTRAINT ck_mail_provider_imap_security CHECK (imap_security IN ('SSL_TLS', 'STARTTLS', 'NONE')),
    CONSTRAINT ck_mail_provider_smtp_security CHECK (smtp_security IN ('SSL_TLS', 'STARTTLS', 'NONE')),
    CONSTRAINT ck_mail_provider_ports CHECK ((imap_port IS NULL OR imap_port BETWEEN 1 AND 65535)
                                         AND (smtp_port IS NULL OR smtp_port BETWEEN 1 AND 65535)),
    CONSTRAINT ck_mail_provider_login CHECK (login_format IN ('MANUAL', 'EMAIL', 'MAILBOX_NAME')),
    CONSTRAINT ck_mail_provider_auth CHECK (authentication IN ('BASIC', 'OAUTH2')),
    -- MP-01, MP-13: an IMAP provider names its incoming server, and its outgoing one while SMTP is on.
    CONSTRAINT ck_mail_provider_imap CHECK (provider_type <> 'IMAP'
                                        OR (imap_host IS NOT NULL AND (NOT smtp_enabled OR smtp_host IS NOT NULL))),
    -- MP-03: an Exchange provider names its service address and loads and/or sends mail.
    CONSTRAINT ck_mail_provider_exchange CHECK (provider_type <> 'EXCHANGE'
                                            OR (service_address IS NOT NULL AND (load_mail OR send_mail))),
    -- MP-02: OAuth 2.0 needs the client id and secret.
    CONSTRAINT ck_mail_provider_oauth CHECK (authentication <> 'OAUTH2'
                                         OR (oauth_client_id IS NOT NULL AND oauth_client_secret IS NOT NULL))
);

-- MP-04: a domain (lower case) belongs to one provider.
CREATE TABLE mail_provider_domain (
    id               BIGINT        NOT NULL,
    version          BIGINT        NOT NULL,
    domain           VARCHAR(253)  NOT NULL,
    provider_id      BIGINT        NOT NULL,
    CONSTRAINT pk_mail_provider_domain PRIMARY KEY (id),
    CONSTRAINT uq_mail_provider_domain UNIQUE (domain),
    CONSTRAINT fk_mail_provider_domain_provider FOREIGN KEY (provider_id) REFERENCES mail_provider (id),
    CONSTRAINT ck_mail_provider_domain_lower CHECK (domain = LOWER(domain))
);
CREATE INDEX ix_mail_provider_domain_provider ON mail_provider_domain (provider_id);

-- MP-06, MP-12: the shipped providers. Consumer providers sign in with an app password generated at the provider
-- (app_password_url). MP-12: Gmail signs in with the full address (Workspace domains and OAuth need it).
INSERT INTO mail_provider (id, version, name, provider_type, imap_host, imap_port, imap_security, smtp_enabled,
                           smtp_host, smtp_port, smtp_security, service_address, load_mail, send_mail, login_format,
                           authentication, oauth_client_id, oauth_client_secret, app_password_url, created_at) VALUES
    (1, 0, 'GMail', 'IMAP', 'imap.gmail.com', 993, 'SSL_TLS', TRUE, 'smtp.gmail.com', 465, 'SSL_TLS',
        NULL, FALSE, FALSE, 'EMAIL', 'BASIC', NULL, NULL, 'https://myaccount.google.com/apppasswords',
        TIMESTAMP WITH TIME ZONE '2026-11-26 00:00:00+00'),
    (2, 0, 'Yahoo', 'IMAP', 'imap.mail.yahoo.com', 993, 'SSL_TLS', TRUE, 'smtp.mail.yahoo.com', 465, 'SSL_TLS',
        NULL, FALSE, FALSE, 'EMAIL', 'BASIC', NULL, NULL, 'https://login.yahoo.com/account/security/app-passwords',
        TIMESTAMP WITH TIME ZONE '2026-11-26 00:00:00+00'),
    (3, 0, 'AOL', 'IMAP', 'imap.aol.com', 993, 'SSL_TLS', TRUE, 'smtp.aol.com', 465, 'SSL_TLS',
        NULL, FALSE, FALSE, 'EMAIL', 'BASIC', NULL, NULL, 'https://login.aol.com/account/security',
        TIMESTAMP WITH TIME ZONE '2026-11-26 00:00:00+00'),
    (4, 0, 'Zoho', 'IMAP', 'imap.zoho.com', 993, 'SSL_TLS', TRUE, 'smtp.zoho.com', 465, 'SSL_TLS',
        NULL, FALSE, FALSE, 'EMAIL', 'BASIC', NULL, NULL, 'https://accounts.zoho.com/home#security/app_password',
        TIMESTAMP WITH TIME ZONE '2026-11-26 00:00:00+00'),
    -- Microsoft 365 needs OAuth 2.0 in practice, but OAuth needs the organisation's own client id and secret, which
    -- cannot ship (ck_mail_provider_oauth). It ships with Basic; the administrator switches it to OAuth 2.0 and
    -- enters the client of their Entra ID application.
    (5, 0, 'Outlook / Microsoft 365', 'EXCHANGE', NULL, NULL, NULL, FALSE, NULL, NULL, NULL,
        'outlook.office365.com', TRUE, TRUE, 'EMAIL', 'BASIC', NULL, NULL, NULL,
        TIMESTAMP WITH TIME ZONE '2026-11-26 00:00:00+00');

INSERT INTO mail_provider_domain (id, version, domain, provider_id) VALUES
    (1, 0, 'gmail.com', 1),
    (2, 0, 'googlemail.com', 1),
    (3, 0, 'yahoo.com', 2),
    (4, 0, 'ymail.com', 2),
    (5, 0, 'rocketmail.com', 2),
    (6, 0, 'aol.com', 3),
    (7, 0, 'zoho.com', 4),
    (8, 0, 'zohomail.com', 4),
    (9, 0, 'outlook.com', 5),
    (10, 0, 'hotmail.com', 5),
    (11, 0, 'live.com', 5),
    (12, 0, 'msn.com', 5),
    (13, 0, 'office365.com', 5);
