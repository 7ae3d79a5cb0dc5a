-- X-02 issue 18: a user's browser sessions remember the generation they signed in at; a changed or reset password
-- and a disabled account start a new one, which ends every other session of that user.
ALTER TABLE app_user ADD COLUMN session_generation INTEGER DEFAULT 0 NOT NULL;
