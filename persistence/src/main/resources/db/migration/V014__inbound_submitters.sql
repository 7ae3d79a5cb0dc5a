-- X-03: every inbound item carries who submitted it. A dead letter keeps its submitter (a replay acts as them) and
-- its format version; an e-mail sent for a SendEmailCommand records who asked when it was not the sender.
ALTER TABLE dead_letter ADD COLUMN format_version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE dead_letter ADD COLUMN submitted_by VARCHAR(100);
ALTER TABLE email_message ADD COLUMN submitted_by VARCHAR(100);

-- X-02: acting for another user in an inbound command (a SendEmailCommand naming a colleague over REST) is an
-- operation of its own, granted to integration accounts; administrators hold it as they hold every operation.
INSERT INTO system_operation (code, title, sort_order) VALUES
    ('CanActOnBehalfOfUsers', 'Act on behalf of other users in inbound commands', 50);
