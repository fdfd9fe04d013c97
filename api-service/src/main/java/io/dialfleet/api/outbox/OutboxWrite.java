package io.dialfleet.api.outbox;

import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What one change writes, and the one statement that writes every outbox row (docs/design-notes.md, "The outbox").
 * In order: the server's revision raised with rule R ({@code raisesRevision}; this takes the server's row lock, held
 * until COMMIT), the change event, then the refresh request and its target row when the server generates conf.
 * Outbox ids are drawn after the lock is held, so one server's rows get ids in commit order. The values known only
 * inside the statement, {@code changeSeq} (the change row's id) and {@code revision}, are joined with the payload's
 * {@link PayloadSlots} fragments.
 *
 * @param serverIp              the server whose revision is raised and whose agent is asked to rebuild
 * @param knownRevision         the revision when none is raised, or when the server is not in {@code servers}
 * @param knownGeneratesConf    whether to request the refresh when no revision is raised
 * @param change                the audit event, or null; fragments around changeSeq and, for a phone, revision
 * @param refresh               the refresh request, or null; fragments around revision. Written only when the server
 *                              generates conf
 */
record OutboxWrite(boolean raisesRevision, String serverIp, Long knownRevision, boolean knownGeneratesConf,
        OutboxEvent change, OutboxEvent refresh, UUID requestId, Instant at) {

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
                       $9::text || numbered.id::text || $10::text
                           || CASE WHEN $11::text IS NULL THEN '' ELSE numbered.revision::text || $11::text END,
                       $12::timestamptz
                FROM (SELECT nextval('outbox_id_seq') AS id, server.revision FROM server) AS numbered
                WHERE $9::text IS NOT NULL
                RETURNING id),
            request AS (
                INSERT INTO outbox (id, event_id, topic, record_key, ce_type, payload, created_at)
                SELECT nextval('outbox_id_seq'), $13::uuid, $14::text, $2::text, $15::text,
                       $16::text || server.revision::text || $17::text, $12::timestamptz
                FROM server LEFT JOIN change ON true
                WHERE server.generates_conf AND $16::text IS NOT NULL
                RETURNING id),
            target AS (
                INSERT INTO refresh_request_targets (request_id, server_ip, revision, requested_at)
                SELECT $18::uuid, $2::citext, server.revision, $12::timestamptz FROM server, request)
            SELECT EXISTS (SELECT 1 FROM request) AS requested""";

    Tuple parameters() {
        List<String> audit = change != null ? change.payload() : List.of();
        List<String> request = refresh != null ? refresh.payload() : List.of();
        return Tuple.tuple(Arrays.asList(raisesRevision, serverIp, knownRevision, knownGeneratesConf,
                change != null ? change.eventId() : null, change != null ? change.topic() : null,
                change != null ? change.key() : null, change != null ? change.ceType() : null,
                fragment(audit, 0), fragment(audit, 1), fragment(audit, 2), at.atOffset(ZoneOffset.UTC),
                refresh != null ? refresh.eventId() : null, refresh != null ? refresh.topic() : null,
                refresh != null ? refresh.ceType() : null, fragment(request, 0), fragment(request, 1), requestId));
    }

    private static String fragment(List<String> fragments, int index) {
        return index < fragments.size() ? fragments.get(index) : null;
    }
}
