package io.dialfleet.api.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The transactional outbox: rows written with the change, published by the relay after commit. */
@ApplicationScoped
public class OutboxRepository {

    /** Advisory lock key of the outbox relay (any constant unique within the database). */
    private static final long RELAY_LOCK = 0x6469616cL;

    /** How a PhoneChanged written with {@code changeSeq} 0 spells that field. */
    static final String CHANGE_SEQ_PLACEHOLDER = "\"changeSeq\":0,";

    /** How an event written with {@code revision} 0 spells that field. */
    static final String REVISION_PLACEHOLDER = "\"revision\":0,";

    /** An event to publish; {@code id} is its position in the outbox. */
    public record OutboxRecord(long id, UUID eventId, String topic, String key, String ceType, String payload,
            Instant createdAt) {
    }

    /**
     * Appends an event. When {@code withChangeSeq} is set, the payload's {@code "changeSeq":0} becomes the row's
     * id, which is only known inside the INSERT. The token can only be the top-level field: inside a JSON string a
     * quote is always escaped.
     */
    public Uni<Void> append(SqlConnection connection, UUID eventId, String topic, String key, String ceType,
            String payload, Instant occurredAt, boolean withChangeSeq) {
        String payloadExpression = withChangeSeq
                ? "replace($5, '" + CHANGE_SEQ_PLACEHOLDER + "', '\"changeSeq\":' || currval('outbox_id_seq') || ',')"
                : "$5";
        return connection.preparedQuery("INSERT INTO outbox (id, event_id, topic, record_key, ce_type, payload, created_at) "
                        + "VALUES (nextval('outbox_id_seq'), $1, $2, $3, $4, " + payloadExpression + ", $6)")
                .execute(Tuple.tuple(List.of(eventId, topic, key, ceType, payload,
                        occurredAt.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /**
     * Makes this transaction the one relay that publishes until it ends. With several replicas, only one may
     * publish at a time, or two batches would leave side by side and out of outbox order.
     */
    public Uni<Boolean> tryBecomePublisher(SqlConnection connection) {
        return connection.query("SELECT pg_try_advisory_xact_lock(" + RELAY_LOCK + ") AS granted")
                .execute()
                .map(rows -> rows.iterator().next().getBoolean("granted"));
    }

    /**
     * The oldest unpublished rows. Only the transaction holding the publisher lock calls this, so the rows need no
     * row locks of their own (locking them wrote every event's tuple once more).
     */
    public Uni<List<OutboxRecord>> claimBatch(SqlConnection connection, int limit) {
        return connection.preparedQuery("""
                        SELECT id, event_id, topic, record_key, ce_type, payload, created_at FROM outbox
                        WHERE published_at IS NULL
                        ORDER BY id LIMIT $1""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<OutboxRecord> records = new ArrayList<>();
                    for (Row row : rows) {
                        records.add(new OutboxRecord(row.getLong("id"), row.getUUID("event_id"),
                                row.getString("topic"), row.getString("record_key"), row.getString("ce_type"),
                                row.getString("payload"), row.getOffsetDateTime("created_at").toInstant()));
                    }
                    return records;
                });
    }

    public Uni<Void> markPublished(SqlConnection connection, List<Long> ids) {
        return connection.preparedQuery("UPDATE outbox SET published_at = now() WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .replaceWithVoid();
    }
}
