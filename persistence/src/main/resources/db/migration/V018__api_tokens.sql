-- X-02 issue 18: personal API tokens, which integrations send as "Authorization: Bearer sbt_…" instead of a person's
-- password. Only the SHA-256 of a token is stored (64 hex digits), found through its unique index; the first eight
-- characters after "sbt_" stay readable to tell tokens apart in lists. Revoking a token deletes its row.
CREATE SEQUENCE api_token_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE api_token (
    id               BIGINT       NOT NULL,
    version          BIGINT       NOT NULL,
    user_id          BIGINT       NOT NULL,
    name             VARCHAR(100) NOT NULL,
    token_hash       VARCHAR(64)  NOT NULL,
    prefix           VARCHAR(8)   NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at     TIMESTAMP WITH TIME ZONE,
    expires_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_api_token PRIMARY KEY (id),
    CONSTRAINT fk_api_token_user FOREIGN KEY (user_id) REFERENCES app_user (id),
    CONSTRAINT uq_api_token_user_name UNIQUE (user_id, name)
);
CREATE UNIQUE INDEX uq_api_token_hash ON api_token (token_hash);
