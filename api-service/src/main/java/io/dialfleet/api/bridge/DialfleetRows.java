package io.dialfleet.api.bridge;

import io.dialfleet.events.RenderMode;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * dialfleet's side of the bridge in PostgreSQL: the current owned columns of phones and aliases, who renders each
 * server, and the sync base ({@code vicidial_sync}). Called from the bridge's own threads, which wait for the
 * reactive client's answers.
 */
@ApplicationScoped
public class DialfleetRows {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** citext comes back as an unknown type: read as text, the value VICIdial stores. */
    private static final List<String> CITEXT = List.of("extension", "server_ip", "login", "template_id",
            "user_group");
    private static final String PHONE_COLUMNS = OwnedColumns.PHONE.stream()
            .map(column -> "p." + column + (CITEXT.contains(column) ? "::text AS " + column : ""))
            .collect(Collectors.joining(", "));

    private final Pool pool;

    public DialfleetRows(Pool pool) {
        this.pool = pool;
    }

    /** The phones that exist among the targets, by sync key. */
    public Map<SyncKey, Map<String, Object>> phones(Collection<MirrorTarget> targets) {
        List<String> serverIps = new ArrayList<>();
        List<String> extensions = new ArrayList<>();
        for (MirrorTarget target : targets) {
            serverIps.add(target.serverIp());
            extensions.add(target.extension());
        }
        if (serverIps.isEmpty()) {
            return Map.of();
        }
        return pool.preparedQuery("SELECT " + PHONE_COLUMNS + """
                         FROM unnest($1::text[], $2::text[]) AS k(server_ip, extension)
                        JOIN phones p ON p.server_ip = k.server_ip::citext AND p.extension = k.extension::citext""")
                .execute(Tuple.of(serverIps.toArray(String[]::new), extensions.toArray(String[]::new)))
                .map(rows -> {
                    Map<SyncKey, Map<String, Object>> found = new HashMap<>();
                    for (Row row : rows) {
                        Map<String, Object> columns = columns(row, OwnedColumns.PHONE);
                        found.put(SyncKey.phone((String) columns.get("server_ip"), (String) columns.get("extension")),
                                columns);
                    }
                    return found;
                })
                .await().atMost(TIMEOUT);
    }

    /** The aliases that exist among the targets, by sync key. */
    public Map<SyncKey, Map<String, Object>> aliases(Collection<MirrorTarget> targets) {
        String[] ids = targets.stream().map(MirrorTarget::aliasId).toArray(String[]::new);
        if (ids.length == 0) {
            return Map.of();
        }
        return pool.preparedQuery("""
                        SELECT alias_id::text AS alias_id, alias_name, logins_list, user_group FROM phones_alias
                        WHERE alias_id = ANY($1::citext[])""")
                .execute(Tuple.of(ids))
                .map(rows -> {
                    Map<SyncKey, Map<String, Object>> found = new HashMap<>();
                    for (Row row : rows) {
                        Map<String, Object> columns = columns(row, OwnedColumns.ALIAS);
                        found.put(SyncKey.alias((String) columns.get("alias_id")), columns);
                    }
                    return found;
                })
                .await().atMost(TIMEOUT);
    }

    /** Who renders each of these servers, by lower-cased server_ip; servers dialfleet does not know are absent. */
    public Map<String, RenderMode> renderModes(Collection<String> serverIps) {
        if (serverIps.isEmpty()) {
            return Map.of();
        }
        return pool.preparedQuery("""
                        SELECT lower(server_ip::text) AS server_ip, render_mode FROM servers
                        WHERE server_ip = ANY($1::citext[])""")
                .execute(Tuple.of(serverIps.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, RenderMode> modes = new HashMap<>();
                    for (Row row : rows) {
                        modes.put(row.getString("server_ip"), RenderMode.valueOf(row.getString("render_mode")));
                    }
                    return modes;
                })
                .await().atMost(TIMEOUT);
    }

    /** The sync base's digests of these keys; keys without one are absent. */
    public Map<SyncKey, String> baseDigests(Collection<SyncKey> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return pool.preparedQuery("""
                        SELECT s.entity, s.key, s.digest FROM unnest($1::text[], $2::text[]) AS k(entity, key)
                        JOIN vicidial_sync s ON s.entity = k.entity AND s.key = k.key""")
                .execute(Tuple.of(keys.stream().map(SyncKey::entity).toArray(String[]::new),
                        keys.stream().map(SyncKey::key).toArray(String[]::new)))
                .map(rows -> {
                    Map<SyncKey, String> digests = new HashMap<>();
                    for (Row row : rows) {
                        digests.put(new SyncKey(row.getString("entity"), row.getString("key")),
                                row.getString("digest"));
                    }
                    return digests;
                })
                .await().atMost(TIMEOUT);
    }

    /** After a MySQL write: both sides now hold these digests; deleted keys have no base any more. */
    public void recordSync(Map<SyncKey, String> written, Collection<SyncKey> deleted) {
        if (written.isEmpty() && deleted.isEmpty()) {
            return;
        }
        List<SyncKey> writtenKeys = new ArrayList<>(written.keySet());
        pool.withTransaction(connection -> connection.preparedQuery("""
                                INSERT INTO vicidial_sync (entity, key, digest, synced_at)
                                SELECT entity, key, digest, now() FROM unnest($1::text[], $2::text[], $3::text[])
                                    AS w(entity, key, digest)
                                ON CONFLICT (entity, key) DO UPDATE SET digest = EXCLUDED.digest,
                                                                        synced_at = EXCLUDED.synced_at""")
                        .execute(Tuple.of(writtenKeys.stream().map(SyncKey::entity).toArray(String[]::new),
                                writtenKeys.stream().map(SyncKey::key).toArray(String[]::new),
                                writtenKeys.stream().map(written::get).toArray(String[]::new)))
                        .chain(() -> connection.preparedQuery("""
                                        DELETE FROM vicidial_sync s USING unnest($1::text[], $2::text[]) AS d(entity, key)
                                        WHERE s.entity = d.entity AND s.key = d.key""")
                                .execute(Tuple.of(deleted.stream().map(SyncKey::entity).toArray(String[]::new),
                                        deleted.stream().map(SyncKey::key).toArray(String[]::new)))))
                .await().atMost(TIMEOUT);
    }

    static String serverKey(String serverIp) {
        return serverIp.toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> columns(Row row, List<String> names) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (String name : names) {
            columns.put(name, row.getValue(name));
        }
        return columns;
    }
}
