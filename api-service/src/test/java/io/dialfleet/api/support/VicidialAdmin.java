package io.dialfleet.api.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Edits of VICIdial's MySQL (the bridge tests' MariaDB, through {@link Vicidial#connect()}) made the way VICIdial's
 * admin.php makes them — the row written, then its {@code vicidial_admin_log} row — and parameterised SQL.
 */
public final class VicidialAdmin {

    private VicidialAdmin() {
    }

    /** One statement with {@code ?} parameters. */
    public static void execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = Vicidial.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        }
    }

    public static Optional<Map<String, Object>> phone(String extension, String serverIp) throws SQLException {
        List<Map<String, Object>> rows = query("SELECT * FROM phones WHERE extension = ? AND server_ip = ?",
                extension, serverIp);
        return rows.stream().findFirst();
    }

    public static List<Map<String, Object>> query(String sql, Object... parameters) throws SQLException {
        try (Connection connection = Vicidial.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /** admin.php's "ADD=21111111111" (add a phone): the columns its form writes, then the admin-log row. */
    public static void adminAddsPhone(String admin, String extension, String serverIp, String login,
            String fullname) throws SQLException {
        execute("""
                INSERT INTO phones (extension, dialplan_number, voicemail_id, phone_ip, computer_ip, server_ip, login,
                    pass, status, active, phone_type, fullname, company, picture, protocol, local_gmt, outbound_cid,
                    conf_secret, user_group, template_id)
                VALUES (?, ?, ?, '', '', ?, ?, 'pw1234', 'ACTIVE', 'Y', '', ?, '', '', 'SIP', '-5.00', '', 'Secret1234',
                    '---ALL---', '')""", extension, extension, extension, serverIp, login, fullname);
        adminLog(admin, "PHONES", "ADD", extension, "ADMIN ADD PHONE", "");
    }

    /** admin.php's "ADD=41111111111" (modify a phone): the UPDATE by the old key, then the admin-log row. */
    public static void adminModifiesPhone(String admin, String oldExtension, String serverIp, String setClause,
            String newExtension) throws SQLException {
        execute("UPDATE phones SET " + setClause + " WHERE extension = ? AND server_ip = ?", oldExtension, serverIp);
        adminLog(admin, "PHONES", "MODIFY", newExtension, "ADMIN MODIFY PHONE",
                "Server IP: " + serverIp + "   Old Server IP: " + serverIp);
    }

    /** admin.php's "ADD=61111111111" (delete a phone). */
    public static void adminDeletesPhone(String admin, String extension, String serverIp) throws SQLException {
        execute("DELETE FROM phones WHERE extension = ? AND server_ip = ? LIMIT 1", extension, serverIp);
        adminLog(admin, "PHONES", "DELETE", extension, "ADMIN DELETE PHONE", "");
    }

    public static void adminLog(String admin, String section, String type, String recordId, String code,
            String notes) throws SQLException {
        execute("""
                INSERT INTO vicidial_admin_log SET event_date = NOW(), user = ?, ip_address = '10.9.9.9',
                    event_section = ?, event_type = ?, record_id = ?, event_code = ?, event_sql = 'test', event_notes = ?""",
                admin, section, type, recordId, code, notes);
    }
}
