-- MB-02: a message is stored once per mailbox, however many of its folders hold it (a copy, a label of Gmail's,
-- "All Mail"): the sync looks a batch's Message-IDs up in the whole mailbox. The key comes first because H2 uses
-- an IN list only on an index's first column.
CREATE INDEX ix_email_message_key_mailbox ON email_message (dedupe_key, mailbox_id);
