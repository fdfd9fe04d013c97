-- dialfleet's own tables: the transactional outbox and the refresh state reported by the agents.

-- One row per event to publish. The id is the event's changeSeq: rows written while a server's row is
-- locked (its revision raised first) get ids in that server's commit order, which the relay keeps.
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    event_id     UUID         NOT NULL UNIQUE,
    topic        VARCHAR(255) NOT NULL,
    record_key   VARCHAR(255) NOT NULL,
    ce_type      VARCHAR(100) NOT NULL,
    payload      TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;

-- What the refresh-agent of each server last reported (filled by the refresh-status consumer).
CREATE TABLE server_refresh_state (
    server_ip        CITEXT PRIMARY KEY,
    applied_revision BIGINT,
    last_outcome     VARCHAR(10),
    last_error       TEXT,
    agent_id         VARCHAR(255),
    last_event_id    UUID,
    last_started_at  TIMESTAMPTZ,
    last_finished_at TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
