-- The retention pruner (io.dialfleet.api.retention) deletes, in batches, the oldest rows of the tables that grow with
-- every change. These indexes let each batch find its rows by age instead of scanning the table: partial where only
-- some rows are ever pruned (published outbox rows, settled refresh request targets).
CREATE INDEX outbox_published_at_idx ON outbox (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX refresh_request_targets_finished_at_idx ON refresh_request_targets (finished_at) WHERE outcome IS NOT NULL;
CREATE INDEX vicidial_api_log_api_date_idx ON vicidial_api_log (api_date);
CREATE INDEX vicidial_admin_log_event_date_idx ON vicidial_admin_log (event_date);
-- The fleet page lists the refresh requests made last.
CREATE INDEX refresh_request_targets_requested_at_idx ON refresh_request_targets (requested_at);
