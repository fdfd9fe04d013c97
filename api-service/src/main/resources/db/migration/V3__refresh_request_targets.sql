-- Which servers each refresh request targeted, and what their agents reported for it (issue 3). The API writes a
-- row per target in the transaction of the ServerRefreshRequested outbox row; the refresh-status consumer fills
-- the outcome columns from the ServerRefreshCompleted events that name the request.
CREATE TABLE refresh_request_targets (
    request_id       UUID        NOT NULL,
    server_ip        CITEXT      NOT NULL CHECK (length(server_ip) <= 15),
    revision         BIGINT      NOT NULL,
    requested_at     TIMESTAMPTZ NOT NULL,
    -- null while pending
    outcome          VARCHAR(10) CHECK (outcome IN ('APPLIED', 'UNCHANGED', 'FAILED')),
    applied_revision BIGINT,
    error            TEXT,
    agent_id         VARCHAR(255),
    event_id         UUID,
    finished_at      TIMESTAMPTZ,
    PRIMARY KEY (request_id, server_ip)
);

ALTER TABLE server_refresh_state
    ADD CONSTRAINT server_refresh_state_last_outcome_check
        CHECK (last_outcome IN ('APPLIED', 'UNCHANGED', 'FAILED'));
