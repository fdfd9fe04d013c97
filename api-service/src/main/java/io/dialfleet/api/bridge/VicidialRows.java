package io.dialfleet.api.bridge;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes to VICIdial's MySQL: phones and aliases, owned columns only, and the rebuild flag of a server. Every
 * statement is one VICIdial's own code could have run: upserts on the table's unique key and deletes by key.
 * VICIdial's tables are MyISAM, so no transaction holds them together: each statement stands alone and can be
 * repeated. Rows go in multi-row statements: on a busy machine the round trips, not MySQL's work, bound the mirror.
 */
@ApplicationScoped
public class VicidialRows {

    /** Rows per upsert statement: 100 phones are ~4,600 parameters, far below MySQL's packet limit. */
    private static final int ROWS_PER_STATEMENT = 100;

    /** A phone or alias key to delete. */
    public record PhoneKey(String serverIp, String extension) {
    }

    public void upsertPhones(Connection connection, List<Map<String, Object>> rows) throws SQLException {
        upsert(connection, "phones", OwnedColumns.PHONE, rows);
    }

    public void upsertAliases(Connection connection, List<Map<String, Object>> rows) throws SQLException {
        upsert(connection, "phones_alias", OwnedColumns.ALIAS, rows);
    }

    public void deletePhones(Connection connection, Collection<PhoneKey> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM phones WHERE extension = ? AND server_ip = ?")) {
            for (PhoneKey key : keys) {
                statement.setString(1, key.extension());
                statement.setString(2, key.serverIp());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    public void deleteAliases(Connection connection, Collection<String> aliasIds) throws SQLException {
        if (aliasIds.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM phones_alias WHERE alias_id = ?")) {
            for (String aliasId : aliasIds) {
                statement.setString(1, aliasId);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** What VICIdial's add_phone, update_phone and their deletes do for the phone's server. */
    public void raiseRebuild(Connection connection, Collection<String> serverIps) throws SQLException {
        if (serverIps.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE servers SET rebuild_conf_files = 'Y'
                WHERE generate_vicidial_conf = 'Y' AND active_asterisk_server = 'Y' AND server_ip = ?""")) {
            for (String serverIp : serverIps) {
                statement.setString(1, serverIp);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** INSERT of the owned columns, or on the unique key's conflict the same values over the existing row. */
    private static void upsert(Connection connection, String table, List<String> columns,
            List<Map<String, Object>> rows) throws SQLException {
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Map<String, Object>> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            try (PreparedStatement statement = connection.prepareStatement(upsertSql(table, columns, chunk.size()))) {
                int parameter = 1;
                for (Map<String, Object> row : chunk) {
                    for (String column : columns) {
                        statement.setObject(parameter++, row.get(column));
                    }
                }
                statement.executeUpdate();
            }
        }
    }

    static String upsertSql(String table, List<String> columns, int rows) {
        String values = columns.stream().map(column -> "?").collect(Collectors.joining(", ", "(", ")"));
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES "
                + String.join(", ", java.util.Collections.nCopies(rows, values))
                + " ON DUPLICATE KEY UPDATE "
                + columns.stream().map(column -> column + " = VALUES(" + column + ")")
                        .collect(Collectors.joining(", "));
    }
}
