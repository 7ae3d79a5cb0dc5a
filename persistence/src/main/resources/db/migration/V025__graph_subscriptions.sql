-- MP-11: a Microsoft 365 folder's Graph change-notification subscription: its id (unique: a notification names it),
-- the clientState Graph echoes with every notification (AES-GCM ciphertext: it is the shared secret that tells a real
-- notification from a forged one), when it expires (renewed by the mailbox's sync a day before), and when Graph last
-- refused one (a shared mailbox: delegated tokens cannot subscribe to it), after which the sync polls and tries again
-- a day later.
ALTER TABLE mailbox_folder ADD COLUMN subscription_id VARCHAR(200);
ALTER TABLE mailbox_folder ADD COLUMN subscription_secret VARCHAR(1000);
ALTER TABLE mailbox_folder ADD COLUMN subscription_expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE mailbox_folder ADD COLUMN subscription_refused_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE mailbox_folder ADD CONSTRAINT uq_mailbox_folder_subscription UNIQUE (subscription_id);
