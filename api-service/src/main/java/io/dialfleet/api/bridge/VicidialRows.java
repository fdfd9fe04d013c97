package io.dialfleet.api.bridge;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes to VICIdial's MySQL: phones and aliases, owned columns only, and the rebuild flag of a server. Every
 * statement is one VICIdial's own code could have run: an upsert on the table's unique key (VICIdial's tables are
 * MyISAM, so there are no transactions to rely on: each statement stands alone and can be repeated).
 */
@ApplicationScoped
public class VicidialRows {

    private static final String UPSERT_PHONE = upsert("phones", OwnedColumns.PHONE);
    private static final String UPSERT_ALIAS = upsert("phones_alias", OwnedColumns.ALIAS);

    public void upsertPhone(Connection connection, Map<String, Object> row) throws SQLException {
        write(connection, UPSERT_PHONE, OwnedColumns.PHONE, row);
    }

    public void deletePhone(Connection connection, String serverIp, String extension) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM phones WHERE extension = ? AND server_ip = ?")) {
            statement.setString(1, extension);
            statement.setString(2, serverIp);
            statement.executeUpdate();
        }
    }

    public void upsertAlias(Connection connection, Map<String, Object> row) throws SQLException {
        write(connection, UPSERT_ALIAS, OwnedColumns.ALIAS, row);
    }

    public void deleteAlias(Connection connection, String aliasId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM phones_alias WHERE alias_id = ?")) {
            statement.setString(1, aliasId);
            statement.executeUpdate();
        }
    }

    /** What VICIdial's add_phone, update_phone and their deletes do for the phone's server. */
    public void raiseRebuild(Connection connection, String serverIp) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE servers SET rebuild_conf_files = 'Y'
                WHERE generate_vicidial_conf = 'Y' AND active_asterisk_server = 'Y' AND server_ip = ?""")) {
            statement.setString(1, serverIp);
            statement.executeUpdate();
        }
    }

    private static void write(Connection connection, String sql, List<String> columns, Map<String, Object> row)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < columns.size(); i++) {
                statement.setObject(i + 1, row.get(columns.get(i)));
            }
            statement.executeUpdate();
        }
    }

    /** INSERT of the owned columns, or on the unique key's conflict the same values over the existing row. */
    private static String upsert(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(column -> "?").collect(Collectors.joining(", "))
                + ") ON DUPLICATE KEY UPDATE "
                + columns.stream().map(column -> column + " = VALUES(" + column + ")")
                        .collect(Collectors.joining(", "));
    }
}
