-- FB-05: a bot dialog is a chat that an external bot answers (Messenger's Conversation Routing: the bot is the page's
-- primary receiver, Switchboard the secondary one). It has no operator and is not routed until the bot hands the
-- conversation over or an operator takes it. The status check is widened by dropping and adding it again, which H2 and
-- PostgreSQL both do alike.
ALTER TABLE chat DROP CONSTRAINT ck_chat_status;
ALTER TABLE chat ADD CONSTRAINT ck_chat_status
    CHECK (status IN ('QUEUED', 'OFFERED', 'ASSIGNED', 'ACTIVE', 'COMPLETED', 'BOT'));
