-- EC-03, EC-05: when a mailbox's contact sync was first set up (its settings saved, or a run asked for). A sync row is
-- created with its defaults when its page is first opened; "Run sync" in the Contacts section runs only those set up,
-- so that opening the page never makes the next run export every contact to that mailbox.
ALTER TABLE contact_sync ADD set_up_at TIMESTAMP WITH TIME ZONE;
-- EC-01: "Import contacts" can be switched off (export only), as the guide's page has it.
ALTER TABLE contact_sync ADD import_contacts BOOLEAN DEFAULT TRUE NOT NULL;
