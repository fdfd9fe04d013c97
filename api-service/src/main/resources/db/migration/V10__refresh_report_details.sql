-- The warnings and exclusions of the agents' reports (issue 13): per server those of the report that finished last,
-- per refresh request target those of the report that settled it. Stored as the report carries them, JSON arrays
-- (warnings: strings; excluded: objects with extension, protocol and reason). NULL before a report, and for
-- reports of agents older than these fields; the API shows NULL as an empty list.
ALTER TABLE server_refresh_state
    ADD COLUMN last_warnings JSONB,
    ADD COLUMN last_excluded JSONB;

ALTER TABLE refresh_request_targets
    ADD COLUMN warnings JSONB,
    ADD COLUMN excluded JSONB;
