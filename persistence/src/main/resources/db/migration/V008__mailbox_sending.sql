-- MB-03, MB-09, MB-11, X-03: e-mails sent from Switchboard are rows of email_message like loaded mail, so that the
-- panel lists both alike. send_status is null for loaded mail; PENDING, SENT or FAILED for mail sent from here.
-- Until it is saved to the server's Sent folder a sent e-mail has no folder. send_attempts and send_claimed_until
-- are the retry timer's: a PENDING send is claimed with a conditional UPDATE, so no two nodes send it twice.
-- request_id is the idempotency key of a SendEmailCommand (a repeat sends nothing new). references_header keeps a
-- reply's References so that a retried send builds the same message.

ALTER TABLE email_message ALTER COLUMN folder_id DROP NOT NULL;
ALTER TABLE email_message ADD COLUMN send_status VARCHAR(10);
ALTER TABLE email_message ADD COLUMN send_error VARCHAR(1000);
ALTER TABLE email_message ADD COLUMN send_warning VARCHAR(1000);
ALTER TABLE email_message ADD COLUMN send_attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE email_message ADD COLUMN send_claimed_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE email_message ADD COLUMN sent_by_id BIGINT;
ALTER TABLE email_message ADD COLUMN request_id VARCHAR(200);
ALTER TABLE email_message ADD COLUMN references_header VARCHAR(10000);
ALTER TABLE email_message ADD CONSTRAINT fk_email_message_sent_by FOREIGN KEY (sent_by_id) REFERENCES app_user (id);
ALTER TABLE email_message ADD CONSTRAINT uq_email_message_request UNIQUE (request_id);
ALTER TABLE email_message ADD CONSTRAINT ck_email_message_send_status
    CHECK (send_status IN ('PENDING', 'SENT', 'FAILED'));
CREATE INDEX ix_email_message_send_status ON email_message (send_status);
