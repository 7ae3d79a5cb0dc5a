-- MP-03, MO-01: an Exchange provider is either Microsoft 365 (mail over Microsoft Graph, signed in with Entra ID) or
-- an Exchange Server on premises (EWS at service_address, Basic, NTLM with ntlm_domain, or OAuth). The seeded
-- "Outlook / Microsoft 365" provider is Microsoft 365. oauth_tenant: the Entra ID directory (its id, a verified
-- domain or 'organizations') that signs the provider's mailboxes in.
ALTER TABLE mail_provider ADD COLUMN exchange_kind VARCHAR(20);
ALTER TABLE mail_provider ADD COLUMN oauth_tenant VARCHAR(253);
ALTER TABLE mail_provider ADD COLUMN ntlm_domain VARCHAR(253);
UPDATE mail_provider SET exchange_kind = 'MICROSOFT_365' WHERE provider_type = 'EXCHANGE';
-- MP-13: whether a provider's mailboxes can send is smtp_enabled, which the rights read; for an Exchange provider it
-- follows send_mail (its mail goes out over Graph or EWS, not SMTP).
UPDATE mail_provider SET smtp_enabled = send_mail WHERE provider_type = 'EXCHANGE';
ALTER TABLE mail_provider DROP CONSTRAINT ck_mail_provider_exchange;
-- MP-03: an Exchange provider has its kind, loads and/or sends, and an Exchange Server names its EWS address.
ALTER TABLE mail_provider ADD CONSTRAINT ck_mail_provider_exchange CHECK (provider_type <> 'EXCHANGE'
    OR (exchange_kind IN ('MICROSOFT_365', 'EXCHANGE_SERVER') AND (load_mail OR send_mail)
        AND (exchange_kind = 'MICROSOFT_365' OR service_address IS NOT NULL)));

-- MO-02: a mailbox whose grant Entra ID withdrew (consent revoked, the refresh token expired or rotated away) is
-- flagged "sign in again" with the reason and when; its sync pauses until its owner signs in again (MB-12).
ALTER TABLE mailbox ADD COLUMN sign_in_reason VARCHAR(1000);
ALTER TABLE mailbox ADD COLUMN sign_in_needed_at TIMESTAMP WITH TIME ZONE;

-- MO-01, MO-02: the tokens Entra ID issued for a mailbox, AES-GCM ciphertext. One row per mailbox, apart from the
-- mailbox row so that a refresh locks this row only (two nodes refreshing at once: the second waits, then finds the
-- rotated token the first saved) and never collides with a user saving the mailbox's settings.
CREATE TABLE mailbox_token (
    mailbox_id       BIGINT          NOT NULL,
    version          BIGINT          NOT NULL,
    access_token     VARCHAR(20000)  NOT NULL,
    refresh_token    VARCHAR(20000)  NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    scope            VARCHAR(1000),
    refreshed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_mailbox_token PRIMARY KEY (mailbox_id),
    CONSTRAINT fk_mailbox_token_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailbox (id)
);

-- MB-02 over Graph and EWS: a folder's id at the service and its sync state (Graph's delta link, EWS's SyncState),
-- committed with the e-mails it covers, like the IMAP cursor. Such a folder's e-mails take UIDs counted by last_uid.
ALTER TABLE mailbox_folder ADD COLUMN remote_id VARCHAR(1000);
ALTER TABLE mailbox_folder ADD COLUMN sync_state VARCHAR(20000);
