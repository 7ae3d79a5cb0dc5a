-- Issue 21 item 5, "nothing duplicated": a contact the sync is creating in the mailbox is linked before the create is
-- sent, as pending: remote_id is 'pending:' followed by the contact's id until the provider's answer is recorded, and
-- pending_fingerprint identifies what was sent (a hash of its name and first address). A node killed after the
-- provider created the item but before the answer was committed leaves the link pending; the next run adopts the item
-- with that fingerprint when its import meets it, instead of importing it as a new contact and exporting the contact
-- again, and creates it only when it never arrived.
ALTER TABLE contact_sync_link ADD pending_fingerprint VARCHAR(64);
CREATE INDEX ix_contact_sync_link_pending ON contact_sync_link (mailbox_id, pending_fingerprint);
