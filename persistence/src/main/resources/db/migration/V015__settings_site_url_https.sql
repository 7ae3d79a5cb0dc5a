-- TG-01: SiteUrl is the installation's public https address; Telegram posts its webhooks to https only.
UPDATE system_setting SET text_format = 'HTTPS_URL' WHERE code = 'SiteUrl';
