-- FB-*: the organisation's Meta app, which Facebook Messenger's webhook answers for. Its app secret signs every
-- webhook request (X-Hub-Signature-256) and proves the page tokens (appsecret_proof); the verify token is the string
-- the administrator invents and gives Meta with the callback URL. Both SECRET: AES-GCM ciphertext, never shown.
INSERT INTO system_setting (id, version, code, name, setting_type, text_format, min_value, max_value, max_length,
                            default_value, sort_order) VALUES
    (12, 0, 'FacebookAppSecret', 'Facebook app secret', 'SECRET', NULL, NULL, NULL, 500, NULL, 120),
    (13, 0, 'FacebookVerifyToken', 'Facebook webhook verify token', 'SECRET', NULL, NULL, NULL, 200, NULL, 130);
