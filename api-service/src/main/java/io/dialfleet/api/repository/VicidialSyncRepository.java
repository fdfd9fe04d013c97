package io.dialfleet.api.repository;

import io.dialfleet.api.bridge.SyncKey;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The VICIdial bridge's tables: {@code vicidial_sync} (per phone and alias, the digest both sides last agreed on)
 * and {@code vicidial_bridge_state} (its cursors).
 */
@ApplicationScoped
public class VicidialSyncRepository {

    /** Every base of one entity ({@code phone} or {@code alias}), by key. */
    public Uni<Map<String, String>> bases(SqlClient client, String entity) {
        return client.preparedQuery("SELECT key, digest FROM vicidial_sync WHERE entity = $1")
                .execute(Tuple.of(entity))
                .map(rows -> {
                    Map<String, String> bases = new HashMap<>();
                    rows.forEach(row -> bases.put(row.getString("key"), row.getString("digest")));
                    return bases;
                });
    }

    public Uni<Boolean> isEmpty(SqlClient client) {
        return client.query("SELECT NOT EXISTS (SELECT 1 FROM vicidial_sync) AS empty").execute()
                .map(rows -> rows.iterator().next().getBoolean("empty"));
    }

    /**
     * The key's base, read after taking the key's transaction lock: every replica's bridge (and its forward mirror)
     * that changes this key's base waits for that lock, so the three-way decision holds until COMMIT.
     */
    public Uni<Optional<String>> lockBase(SqlConnection connection, SyncKey key) {
        return connection.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1 || ':' || $2, 0))")
                .execute(Tuple.of(key.entity(), key.key()))
                .chain(() -> connection.preparedQuery(
                                "SELECT digest FROM vicidial_sync WHERE entity = $1 AND key = $2 FOR UPDATE")
                        .execute(Tuple.of(key.entity(), key.key())))
                .map(rows -> Rows.first(rows).map(row -> row.getString("digest")));
    }

    /** Sets (or, with a null digest, removes) one key's base. */
    public Uni<Void> setBase(SqlClient client, SyncKey key, String digest) {
        if (digest == null) {
            return client.preparedQuery("DELETE FROM vicidial_sync WHERE entity = $1 AND key = $2")
                    .execute(Tuple.of(key.entity(), key.key()))
                    .replaceWithVoid();
        }
        return client.preparedQuery("""
                        INSERT INTO vicidial_sync (entity, key, digest, synced_at) VALUES ($1, $2, $3, now())
                        ON CONFLICT (entity, key) DO UPDATE SET digest = EXCLUDED.digest, synced_at = now()""")
                .execute(Tuple.of(key.entity(), key.key(), digest))
                .replaceWithVoid();
    }

    /** Sets many bases in one statement (the first-start import). */
    public Uni<Void> setBases(SqlClient client, Map<SyncKey, String> digests) {
        if (digests.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> entities = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        digests.forEach((key, digest) -> {
            entities.add(key.entity());
            keys.add(key.key());
            values.add(digest);
        });
        return client.preparedQuery("""
                        INSERT INTO vicidial_sync (entity, key, digest, synced_at)
                        SELECT * , now() FROM unnest($1::text[], $2::text[], $3::text[])
                        ON CONFLICT (entity, key) DO UPDATE SET digest = EXCLUDED.digest, synced_at = now()""")
                .execute(Tuple.of(entities.toArray(String[]::new), keys.toArray(String[]::new),
                        values.toArray(String[]::new)))
                .replaceWithVoid();
    }

    public Uni<Optional<String>> state(SqlClient client, String name) {
        return client.preparedQuery("SELECT value FROM vicidial_bridge_state WHERE name = $1")
                .execute(Tuple.of(name))
                .map(rows -> Rows.first(rows).map(row -> row.getString("value")));
    }

    public Uni<Void> setState(SqlClient client, String name, String value) {
        return client.preparedQuery("""
                        INSERT INTO vicidial_bridge_state (name, value) VALUES ($1, $2)
                        ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value""")
                .execute(Tuple.of(name, value))
                .replaceWithVoid();
    }
}
