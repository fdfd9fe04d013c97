package io.dialfleet.api.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * A phone change's bookkeeping in one statement: its server's revision raised (and rule R applied), its audit event
 * and, when the server generates conf, its refresh request in the outbox, with the request's target row.
 *
 * <p>Raising the revision locks the server's row until COMMIT, and every change to that server waits for it: that
 * lock is what keeps a server's outbox rows in commit order. One statement, run last in the transaction, holds it
 * for as short a time as a round trip allows. The events are written by the caller with {@code "revision":0} (and
 * {@code "changeSeq":0}), which this statement replaces by the values it assigns; inside a JSON string a quote is
 * always escaped, so the tokens can only be the top-level fields, which come before any nested object.
 */
@ApplicationScoped
public class ServerChangeRepository {

    private static final String RECORD = """
            WITH bump AS (
                UPDATE servers SET config_revision = config_revision + 1,
                       rebuild_conf_files = CASE WHEN generate_vicidial_conf = 'Y' AND active_asterisk_server = 'Y'
                                                 THEN 'Y' ELSE rebuild_conf_files END
                WHERE server_ip = $1::citext
                RETURNING config_revision, generate_vicidial_conf = 'Y' AND active_asterisk_server = 'Y' AS generates_conf),
            server AS (
                SELECT coalesce(bump.config_revision, $2::bigint) AS revision, coalesce(bump.generates_conf, false) AS generates_conf
                FROM (VALUES (1)) AS one LEFT JOIN bump ON true),
            change AS (
                INSERT INTO outbox (id, event_id, topic, record_key, ce_type, payload, created_at)
                SELECT seq.id, $3::uuid, $4::text, $5::text, $6::text,
                       regexp_replace(regexp_replace($7::text, '%1$s', '"changeSeq":' || seq.id || ','),
                                      '%2$s', '"revision":' || server.revision || ','),
                       $8::timestamptz
                FROM server, (SELECT nextval('outbox_id_seq') AS id) AS seq
                RETURNING id),
            request AS (
                INSERT INTO outbox (id, event_id, topic, record_key, ce_type, payload, created_at)
                SELECT nextval('outbox_id_seq'), $9::uuid, $10::text, $1::text, $11::text,
                       regexp_replace($12::text, '%2$s', '"revision":' || server.revision || ','), $8::timestamptz
                FROM server, change
                WHERE server.generates_conf AND $12 IS NOT NULL
                RETURNING id),
            target AS (
                INSERT INTO refresh_request_targets (request_id, server_ip, revision, requested_at)
                SELECT $13::uuid, $1::citext, server.revision, $8::timestamptz FROM server, request)
            SELECT server.revision, EXISTS (SELECT 1 FROM request) AS requested FROM server"""
            .formatted(OutboxRepository.CHANGE_SEQ_PLACEHOLDER, OutboxRepository.REVISION_PLACEHOLDER);

    private static final String REFRESH = """
            WITH bump AS (
                UPDATE servers SET config_revision = config_revision + 1,
                       rebuild_conf_files = CASE WHEN generate_vicidial_conf = 'Y' AND active_asterisk_server = 'Y'
                                                 THEN 'Y' ELSE rebuild_conf_files END
                WHERE server_ip = $1::citext
                RETURNING config_revision, generate_vicidial_conf = 'Y' AND active_asterisk_server = 'Y' AS generates_conf),
            request AS (
                INSERT INTO outbox (id, event_id, topic, record_key, ce_type, payload, created_at)
                SELECT nextval('outbox_id_seq'), $2::uuid, $3::text, $1::text, $4::text,
                       regexp_replace($5::text, '%1$s', '"revision":' || bump.config_revision || ','), $6::timestamptz
                FROM bump
                WHERE bump.generates_conf AND $5 IS NOT NULL
                RETURNING id),
            target AS (
                INSERT INTO refresh_request_targets (request_id, server_ip, revision, requested_at)
                SELECT $7::uuid, $1::citext, bump.config_revision, $6::timestamptz FROM bump, request)
            SELECT bump.config_revision AS revision, EXISTS (SELECT 1 FROM request) AS requested FROM bump"""
            .formatted(OutboxRepository.REVISION_PLACEHOLDER);

    /** An event as the outbox stores it. */
    public record OutboxEvent(UUID eventId, String topic, String key, String ceType, String payload) {
    }

    /**
     * @param revision  the server's revision after the change
     * @param requested whether the refresh request was written
     */
    public record RecordedChange(long revision, boolean requested) {
    }

    /**
     * @param revisionIfUnknown the revision the change event carries when {@code serverIp} is not in {@code servers}
     *                          (a seed may hold phones of servers it does not list); no refresh is requested then
     * @param refreshRequest    null when no refresh is wanted; written only when the server generates conf
     */
    /**
     * A change that concerns a server's phones without being a phone change (a template they use): the server's
     * revision raised and, when it generates conf, the refresh request written — one statement, like
     * {@link #record}, and for the same reason run last in the transaction.
     *
     * @param refreshRequest null when no refresh is wanted; written only when the server generates conf
     * @return empty when {@code serverIp} is not in {@code servers}
     */
    public Uni<Optional<RecordedChange>> recordRefresh(SqlConnection connection, String serverIp,
            OutboxEvent refreshRequest, UUID requestId, Instant at) {
        boolean refresh = refreshRequest != null;
        return connection.preparedQuery(REFRESH)
                .execute(Tuple.tuple(Arrays.asList(serverIp, refresh ? refreshRequest.eventId() : null,
                        refresh ? refreshRequest.topic() : null, refresh ? refreshRequest.ceType() : null,
                        refresh ? refreshRequest.payload() : null, Rows.utc(at), requestId)))
                .map(rows -> Rows.first(rows).map(row -> new RecordedChange(row.getLong("revision"),
                        row.getBoolean("requested"))));
    }

    public Uni<RecordedChange> record(SqlConnection connection, String serverIp, long revisionIfUnknown,
            OutboxEvent change, OutboxEvent refreshRequest, UUID requestId, Instant at) {
        boolean refresh = refreshRequest != null;
        return connection.preparedQuery(RECORD)
                .execute(Tuple.tuple(Arrays.asList(serverIp, revisionIfUnknown,
                        change.eventId(), change.topic(), change.key(), change.ceType(), change.payload(),
                        Rows.utc(at),
                        refresh ? refreshRequest.eventId() : null, refresh ? refreshRequest.topic() : null,
                        refresh ? refreshRequest.ceType() : null, refresh ? refreshRequest.payload() : null,
                        requestId)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new RecordedChange(row.getLong("revision"), row.getBoolean("requested"));
                });
    }
}
