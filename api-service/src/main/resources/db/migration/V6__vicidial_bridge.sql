-- The VICIdial bridge (docs/design-notes.md, "The VICIdial bridge").

-- The sync base of the three-way comparison: per phone or alias, the digest of the owned columns as dialfleet and
-- VICIdial's MySQL last agreed. The forward mirror sets it after each MySQL write and removes it with a delete.
-- entity: 'phone' (key '<server_ip>/<extension>') or 'alias' (key alias_id), keys lower case.
CREATE TABLE vicidial_sync (
    entity    TEXT        NOT NULL CHECK (entity IN ('phone', 'alias')),
    key       TEXT        NOT NULL,
    digest    TEXT        NOT NULL,
    synced_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (entity, key)
);

-- The bridge's cursors (last admin-log id read, last reconcile, ...), one row per name.
CREATE TABLE vicidial_bridge_state (
    name  TEXT PRIMARY KEY,
    value TEXT
);

-- One renderer per server: DIALFLEET (the refresh-agent renders) or VICIDIAL (VICIdial's keepalive renders, raised
-- through the bridge's rebuild_conf_files; the agent only verifies).
ALTER TABLE servers ADD COLUMN render_mode VARCHAR(9) NOT NULL DEFAULT 'DIALFLEET'
    CHECK (render_mode IN ('DIALFLEET', 'VICIDIAL'));
