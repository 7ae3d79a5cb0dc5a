-- TG-*, WA-*: a reply to Telegram or WhatsApp goes out as one or more provider messages (a long text, several files).
-- parts_sent counts those the provider took, so a retry continues after them instead of sending them again;
-- send_failures counts transient failures (5xx, I/O), which give up after a bound, while waits a provider asks
-- for (429) do not count.
ALTER TABLE chat_message ADD COLUMN parts_sent INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE chat_message ADD COLUMN send_failures INTEGER DEFAULT 0 NOT NULL;
