package io.dialfleet.api.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The relay's side of the outbox table: who publishes, what waits, what went out. */
@ApplicationScoped
class OutboxQueue {

    /** Advisory lock key of the outbox relay (any constant unique within the database). */
    private static final long RELAY_LOCK = 0x6469616cL;

    /** An event to publish; {@code id} is its position in the outbox. */
    record OutboxRecord(long id, UUID eventId, String topic, String key, String ceType, String payload,
            Instant createdAt) {
    }

    /**
     * Makes this transaction the one relay that publishes until it ends. With several replicas, only one may
     * publish at a time, or two batches would leave side by side and out of outbox order.
     */
    Uni<Boolean> tryBecomePublisher(SqlConnection connection) {
        return connection.query("SELECT pg_try_advisory_xact_lock(" + RELAY_LOCK + ") AS granted")
                .execute()
                .map(rows -> rows.iterator().next().getBoolean("granted"));
    }

    /**
     * The oldest unpublished rows. Only the transaction holding the publisher lock calls this, so the rows need no
     * row locks of their own (locking them wrote every event's tuple once more).
     */
    Uni<List<OutboxRecord>> claimBatch(SqlConnection connection, int limit) {
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

    Uni<Void> markPublished(SqlConnection connection, List<Long> ids) {
        return connection.preparedQuery("UPDATE outbox SET published_at = now() WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .replaceWithVoid();
    }
}
