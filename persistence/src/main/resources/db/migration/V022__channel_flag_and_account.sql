-- FB-07: a channel whose provider withdrew its access (a revoked token, a removed permission, another app that took
-- the page's conversations) is flagged with the reason and when; its replies then fail at once with that reason
-- instead of queueing, until the administrator signs in again. access_checked_at: the last daily check of that access,
-- claimed by one node for all.
-- FB-04, TG-02: the provider's account a channel speaks for (a Facebook page), unique, so that two administrators
-- connecting the same page at the same moment make one channel, not two; NULL for providers without one.
ALTER TABLE channel ADD COLUMN flag_reason VARCHAR(1000);
ALTER TABLE channel ADD COLUMN flagged_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE channel ADD COLUMN access_checked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE channel ADD COLUMN account_key VARCHAR(200);
UPDATE channel SET account_key = 'FACEBOOK:' || (SELECT p.property_value FROM channel_property p
        WHERE p.channel_id = channel.id AND p.name = 'pageId')
    WHERE provider = 'FACEBOOK';
ALTER TABLE channel ADD CONSTRAINT uq_channel_account UNIQUE (account_key);
