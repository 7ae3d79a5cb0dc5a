-- X-01: typed system settings. The default value ships with the migration; current_value is the
-- administrator's value (NULL = the default applies). SECRET values are AES-GCM ciphertext.
-- accepted_files lists the file extensions a FILE setting takes. FILE values live in setting_file; for a FILE setting current_value is the file name,
-- '' when the administrator cleared it, NULL when the shipped default applies.

-- Seeded rows take ids below 1000; generated ones start above them (a block of 50 ends at the sequence value).
CREATE SEQUENCE system_setting_seq START WITH 1050 INCREMENT BY 50;

CREATE TABLE system_setting (
    id               BIGINT        NOT NULL,
    version          BIGINT        NOT NULL,
    code             VARCHAR(100)  NOT NULL,
    name             VARCHAR(200)  NOT NULL,
    setting_type     VARCHAR(20)   NOT NULL,
    text_format      VARCHAR(20),
    min_value        BIGINT,
    max_value        BIGINT,
    max_length       INTEGER,
    accepted_files   VARCHAR(200),
    default_value    VARCHAR(4000),
    current_value    VARCHAR(8000),
    sort_order       INTEGER       NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE,
    updated_by       VARCHAR(64),
    CONSTRAINT pk_system_setting PRIMARY KEY (id),
    CONSTRAINT uq_system_setting_code UNIQUE (code),
    CONSTRAINT ck_system_setting_type CHECK (setting_type IN ('TEXT', 'INTEGER', 'BOOLEAN', 'SECRET', 'FILE', 'DATE'))
);

CREATE TABLE setting_file (
    setting_id       BIGINT        NOT NULL,
    version          BIGINT        NOT NULL,
    file_name        VARCHAR(255)  NOT NULL,
    content_type     VARCHAR(100)  NOT NULL,
    size_bytes       BIGINT        NOT NULL,
    content          BYTEA         NOT NULL,
    CONSTRAINT pk_setting_file PRIMARY KEY (setting_id),
    CONSTRAINT fk_setting_file_setting FOREIGN KEY (setting_id) REFERENCES system_setting (id)
);

INSERT INTO system_setting (id, version, code, name, setting_type, text_format, min_value, max_value, max_length,
                            default_value, sort_order) VALUES
    (1,  0, 'SimultaneousChats', 'Number of simultaneous chats', 'INTEGER', NULL, 1, 100, NULL, '5', 10),
    (2,  0, 'OmniChatOperatorAcceptChatTimeout', 'Operator chat acceptance timeout (minutes)', 'INTEGER', NULL, 1, 1440, NULL, '5', 20),
    (3,  0, 'OmniChatNotificationSound', 'New chat notification sound', 'FILE', NULL, NULL, NULL, NULL, 'new-chat.wav', 30),
    (4,  0, 'SiteUrl', 'Site URL', 'TEXT', 'URL', NULL, NULL, 500, NULL, 40),
    (5,  0, 'MailboxSyncInterval', 'Mailbox synchronization interval (minutes)', 'INTEGER', NULL, 1, 1440, NULL, '15', 50),
    (6,  0, 'IdentityServerUrl', 'Identity server URL', 'TEXT', 'URL', NULL, NULL, 500, NULL, 60),
    (7,  0, 'IdentityServerClientId', 'Identity server client id', 'TEXT', NULL, NULL, NULL, 200, NULL, 70),
    (8,  0, 'IdentityServerClientSecret', 'Identity server client secret', 'SECRET', NULL, NULL, NULL, 500, NULL, 80),
    (9,  0, 'GoogleClientId', 'Google access key', 'TEXT', NULL, NULL, NULL, 200, NULL, 90),
    (10, 0, 'GoogleClientSecret', 'Google secret key', 'SECRET', NULL, NULL, NULL, 500, NULL, 100),
    (11, 0, 'UseSharedGoogleApplication', 'Use shared Google application', 'BOOLEAN', NULL, NULL, NULL, NULL, 'false', 110);

UPDATE system_setting SET accepted_files = 'mp3,wav,ogg' WHERE code = 'OmniChatNotificationSound';
