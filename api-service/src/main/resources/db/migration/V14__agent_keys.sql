-- One refresh-agent credential per row (docs/operations.md, "Agent credentials"): bound to the server whose
-- peer-config it may read and whose status it may report. The secret must be kept here: the api-service checks the
-- agents' HMAC signatures with it (like phones' registration secrets, it is a secret the table must hold). A revoked
-- key stays as a record of who held which key when; server_ip is not a foreign key, so that a seed import that
-- replaces the servers does not drop every agent's credential.
CREATE TABLE agent_keys (
    key_id     VARCHAR(32)  PRIMARY KEY,
    server_ip  CITEXT       NOT NULL,
    secret     VARCHAR(64)  NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    revoked_at TIMESTAMPTZ
);
CREATE INDEX agent_keys_server_idx ON agent_keys (server_ip);
