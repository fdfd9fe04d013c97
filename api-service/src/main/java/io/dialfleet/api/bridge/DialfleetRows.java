package io.dialfleet.api.bridge;

import io.agroal.api.AgroalDataSource;
import io.dialfleet.events.RenderMode;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * server, and the sync base ({@code vicidial_sync}). Plain JDBC from the service's JDBC pool, on the bridge's own
 * threads: the bridge never waits in the reactive pool the API's requests queue for, and never blocks an event loop.
 */
@ApplicationScoped
public class DialfleetRows {

    /** citext comes back as an unknown type: read as text, the value VICIdial stores. */
    private static final List<String> CITEXT = List.of("extension", "server_ip", "login", "template_id",
            "user_group");
    private static final String PHONE_COLUMNS = OwnedColumns.PHONE.stream()
            .map(column -> "p." + column + (CITEXT.contains(column) ? "::text AS " + column : ""))
            .collect(Collectors.joining(", "));

    private final AgroalDataSource dataSource;

    public DialfleetRows(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What one mirror step needs, read on one connection.
     *
     * @param rows        the current owned columns of the phones and aliases that exist, by sync key
     * @param bases       the sync base's digests, by sync key (absent: none)
     * @param renderModes who renders each phone's server, by lower-cased server_ip
     */
    public record State(Map<SyncKey, Map<String, Object>> rows, Map<SyncKey, String> bases,
            Map<String, RenderMode> renderModes) {
    }

    public State read(Collection<MirrorTarget> phones, Collection<MirrorTarget> aliases, Collection<SyncKey> keys)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Map<SyncKey, Map<String, Object>> rows = new HashMap<>(phones(connection, phones));
            rows.putAll(aliases(connection, aliases));
            return new State(rows, baseDigests(connection, keys),
                    renderModes(connection, phones.stream().map(MirrorTarget::serverIp).distinct().toList()));
        }
    }

    /** After a MySQL write: both sides now hold these digests; deleted keys have no base any more. */
    public void recordSync(Map<SyncKey, String> written, Collection<SyncKey> deleted) throws SQLException {
        if (written.isEmpty() && deleted.isEmpty()) {
            return;
        }
        List<SyncKey> writtenKeys = new ArrayList<>(written.keySet());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO vicidial_sync (entity, key, digest, synced_at)
                    SELECT entity, key, digest, now() FROM unnest(?::text[], ?::text[], ?::text[]) AS w(entity, key, digest)
                    ON CONFLICT (entity, key) DO UPDATE SET digest = EXCLUDED.digest, synced_at = EXCLUDED.synced_at""");
                    PreparedStatement delete = connection.prepareStatement("""
                            DELETE FROM vicidial_sync s USING unnest(?::text[], ?::text[]) AS d(entity, key)
                            WHERE s.entity = d.entity AND s.key = d.key""")) {
                upsert.setArray(1, texts(connection, writtenKeys.stream().map(SyncKey::entity).toList()));
                upsert.setArray(2, texts(connection, writtenKeys.stream().map(SyncKey::key).toList()));
                upsert.setArray(3, texts(connection, writtenKeys.stream().map(written::get).toList()));
                upsert.executeUpdate();
                delete.setArray(1, texts(connection, deleted.stream().map(SyncKey::entity).toList()));
                delete.setArray(2, texts(connection, deleted.stream().map(SyncKey::key).toList()));
                delete.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    static String serverKey(String serverIp) {
        return serverIp.toLowerCase(Locale.ROOT);
    }

    private static Map<SyncKey, Map<String, Object>> phones(Connection connection, Collection<MirrorTarget> targets)
            throws SQLException {
        Map<SyncKey, Map<String, Object>> found = new HashMap<>();
        if (targets.isEmpty()) {
            return found;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + PHONE_COLUMNS + """
                 FROM unnest(?::text[], ?::text[]) AS k(server_ip, extension)
                JOIN phones p ON p.server_ip = k.server_ip::citext AND p.extension = k.extension::citext""")) {
            statement.setArray(1, texts(connection, targets.stream().map(MirrorTarget::serverIp).toList()));
            statement.setArray(2, texts(connection, targets.stream().map(MirrorTarget::extension).toList()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Map<String, Object> columns = columns(rows, OwnedColumns.PHONE);
                    found.put(SyncKey.phone((String) columns.get("server_ip"), (String) columns.get("extension")),
                            columns);
                }
            }
        }
        return found;
    }

    private static Map<SyncKey, Map<String, Object>> aliases(Connection connection, Collection<MirrorTarget> targets)
            throws SQLException {
        Map<SyncKey, Map<String, Object>> found = new HashMap<>();
        if (targets.isEmpty()) {
            return found;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT alias_id::text AS alias_id, alias_name, logins_list, user_group FROM phones_alias
                WHERE alias_id = ANY(?::citext[])""")) {
            statement.setArray(1, texts(connection, targets.stream().map(MirrorTarget::aliasId).toList()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Map<String, Object> columns = columns(rows, OwnedColumns.ALIAS);
                    found.put(SyncKey.alias((String) columns.get("alias_id")), columns);
                }
            }
        }
        return found;
    }

    private static Map<String, RenderMode> renderModes(Connection connection, Collection<String> serverIps)
            throws SQLException {
        Map<String, RenderMode> modes = new HashMap<>();
        if (serverIps.isEmpty()) {
            return modes;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT lower(server_ip::text) AS server_ip, render_mode FROM servers
                WHERE server_ip = ANY(?::citext[])""")) {
            statement.setArray(1, texts(connection, List.copyOf(serverIps)));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    modes.put(rows.getString("server_ip"), RenderMode.valueOf(rows.getString("render_mode")));
                }
            }
        }
        return modes;
    }

    private static Map<SyncKey, String> baseDigests(Connection connection, Collection<SyncKey> keys)
            throws SQLException {
        Map<SyncKey, String> digests = new HashMap<>();
        if (keys.isEmpty()) {
            return digests;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT s.entity, s.key, s.digest FROM unnest(?::text[], ?::text[]) AS k(entity, key)
                JOIN vicidial_sync s ON s.entity = k.entity AND s.key = k.key""")) {
            statement.setArray(1, texts(connection, keys.stream().map(SyncKey::entity).toList()));
            statement.setArray(2, texts(connection, keys.stream().map(SyncKey::key).toList()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    digests.put(new SyncKey(rows.getString("entity"), rows.getString("key")),
                            rows.getString("digest"));
                }
            }
        }
        return digests;
    }

    private static java.sql.Array texts(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    private static Map<String, Object> columns(ResultSet row, List<String> names) throws SQLException {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (String name : names) {
            columns.put(name, row.getObject(name));
        }
        return columns;
    }
}
