package io.dialfleet.api.bridge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads VICIdial's {@code vicidial_admin_log}: the rows its admin screens (and its own Non-Agent API) write for
 * every phone and alias they add, copy, modify or delete. The table is MyISAM, so a row is visible as soon as its
 * id is: reading after the last id seen misses none.
 */
final class VicidialAdminLog {

    /** More than a busy admin screen writes in a second; the rest is read at the next tick. */
    static final int BATCH = 1000;

    private VicidialAdminLog() {
    }

    /** The id of the newest row, 0 for an empty log: where a tail that never ran starts. */
    static long lastId(Connection mysql) throws SQLException {
        try (PreparedStatement statement = mysql.prepareStatement(
                "SELECT COALESCE(MAX(admin_log_id), 0) FROM vicidial_admin_log");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Phone and alias rows after {@code afterId}, oldest first, at most {@link #BATCH}. */
    static List<AdminLogRow> after(Connection mysql, long afterId) throws SQLException {
        List<AdminLogRow> found = new ArrayList<>();
        try (PreparedStatement statement = mysql.prepareStatement("""
                SELECT admin_log_id, user, ip_address, event_section, event_type, record_id
                FROM vicidial_admin_log
                WHERE admin_log_id > ? AND event_section IN ('PHONES', 'PHONEALIASES')
                ORDER BY admin_log_id LIMIT ?""")) {
            statement.setLong(1, afterId);
            statement.setInt(2, BATCH);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(new AdminLogRow(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6)));
                }
            }
        }
        return found;
    }
}
