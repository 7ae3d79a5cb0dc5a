-- MB-02 issue 18 item 6: the senders whose remote images and styles a user always wants shown in received HTML
-- e-mail ("Always show from <sender>"). One row per user and sender address (stored in lower case); "Stop" deletes
-- the row. Nothing else about an e-mail is kept here.
CREATE SEQUENCE remote_content_sender_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE remote_content_sender (
    id               BIGINT       NOT NULL,
    user_id          BIGINT       NOT NULL,
    sender_address   VARCHAR(320) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_remote_content_sender PRIMARY KEY (id),
    CONSTRAINT fk_remote_content_sender_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
    CONSTRAINT uq_remote_content_sender UNIQUE (user_id, sender_address)
);
