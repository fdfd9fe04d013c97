package io.dialfleet.api.outbox;

import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/**
 * What one change writes, and the one statement that writes every outbox row (docs/design-notes.md, "The outbox").
 * In order: the server's revision raised with rule R ({@code raisesRevision}; this takes the server's row lock, held
 * until COMMIT), the change event, then the refresh request and its target row when the server generates conf.
 * Outbox ids are drawn after the lock is held, so one server's rows get ids in commit order. The values known only
 * inside the statement are set with {@code jsonb} operators: {@code changeSeq} (the change row's id) and
 * {@code revision}. The payload column stays {@code text}: the JSON comes out in {@code jsonb}'s canonical form.
 *
 * @param serverIp              the server whose revision is raised and whose agent is asked to rebuild
 * @param knownRevision         the revision when none is raised, or when the server is not in {@code servers}
 * @param knownGeneratesConf    whether to request the refresh when no revision is raised
 * @param change                the audit event, or null
 * @param changeCarriesRevision whether the audit event gets the server's revision (phones, not aliases)
 * @param refresh               the refresh request, or null; written only when the server generates conf
 */
record OutboxWrite(boolean raisesRevision, String serverIp, Long knownRevision, boolean knownGeneratesConf,
        OutboxEvent change, boolean changeCarriesRevision, OutboxEvent refresh, UUID requestId, Instant at) {

    static final String STATEMENT = """
            WITH bump AS (
                UPDATE servers SET config_revision = config_revision + 1,
                       rebuild_conf_files = CASE WHEN generate_vicidial_conf = 'Y' AND active_asterisk_server = 'Y'
                                                 THEN 'Y' ELSE rebuild_conf_files END
                WHERE $1::boolean AND server_ip = $2::citext
                RETURNING config_revision, generate_vicidial_conf = 'Y' AND active_asterisk_server = 'Y' AS generates_conf),
            server AS (
                SELECT coalesce(bump.config_revision, $3::bigint) AS revision,
                       coalesce(bump.generates_conf, $4::boolean) AS generates_conf
                FROM (VALUES (1)) AS one LEFT JOIN bump ON true),
            change AS (
                INSERT INTO outbox (id, event_id, topic, record_key, ce_type, payload, created_at)
                SELECT numbered.id, $5::uuid, $6::text, $7::text, $8::text,
                       ($9::text::jsonb || jsonb_build_object('changeSeq', numbered.id)
                            || CASE WHEN $10::boolean THEN jsonb_build_object('revision', numbered.revision)
                                    ELSE '{}'::jsonb END)::text,
                       $11::timestamptz
                FROM (SELECT nextval('outbox_id_seq') AS id, server.revision FROM server) AS numbered
                WHERE $9::text IS NOT NULL
                RETURNING id),
            request AS (
                INSERT INTO outbox (id, event_id, topic, record_key, ce_type, payload, created_at)
                SELECT nextval('outbox_id_seq'), $12::uuid, $13::text, $2::text, $14::text,
                       ($15::text::jsonb || jsonb_build_object('revision', server.revision))::text, $11::timestamptz
                FROM server LEFT JOIN change ON true
                WHERE server.generates_conf AND $15::text IS NOT NULL
                RETURNING id),
            target AS (
                INSERT INTO refresh_request_targets (request_id, server_ip, revision, requested_at)
                SELECT $16::uuid, $2::citext, server.revision, $11::timestamptz FROM server, request)
            SELECT EXISTS (SELECT 1 FROM request) AS requested""";

    Tuple parameters() {
        boolean audited = change != null;
        boolean requested = refresh != null;
        return Tuple.tuple(Arrays.asList(raisesRevision, serverIp, knownRevision, knownGeneratesConf,
                audited ? change.eventId() : null, audited ? change.topic() : null, audited ? change.key() : null,
                audited ? change.ceType() : null, audited ? change.payload() : null, changeCarriesRevision,
                at.atOffset(ZoneOffset.UTC),
                requested ? refresh.eventId() : null, requested ? refresh.topic() : null,
                requested ? refresh.ceType() : null, requested ? refresh.payload() : null, requestId));
    }
}
