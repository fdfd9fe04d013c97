package io.dialfleet.api.bridge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the owned columns of VICIdial's {@code phones} and {@code phones_alias}, keyed as {@code vicidial_sync} keys
 * them. Column names come from {@link OwnedColumns} only, never from input.
 */
final class VicidialRowReader {

    private static final String PHONE_COLUMNS = String.join(", ", OwnedColumns.PHONE);
    private static final String ALIAS_COLUMNS = String.join(", ", OwnedColumns.ALIAS);

    private VicidialRowReader() {
    }

    static Map<SyncKey, Map<String, Object>> allPhones(Connection mysql) throws SQLException {
        return phones(mysql, "SELECT " + PHONE_COLUMNS + " FROM phones", List.of());
    }

    /** The phones with one of these extensions, on any server (VICIdial's collation ignores case). */
    static Map<SyncKey, Map<String, Object>> phonesByExtension(Connection mysql, Collection<String> extensions)
            throws SQLException {
        if (extensions.isEmpty()) {
            return Map.of();
        }
        return phones(mysql, "SELECT " + PHONE_COLUMNS + " FROM phones WHERE extension IN ("
                + placeholders(extensions.size()) + ")", List.copyOf(extensions));
    }

    static Map<SyncKey, Map<String, Object>> allAliases(Connection mysql) throws SQLException {
        return aliases(mysql, "SELECT " + ALIAS_COLUMNS + " FROM phones_alias", List.of());
    }

    static Map<SyncKey, Map<String, Object>> aliasesById(Connection mysql, Collection<String> aliasIds)
            throws SQLException {
        if (aliasIds.isEmpty()) {
            return Map.of();
        }
        return aliases(mysql, "SELECT " + ALIAS_COLUMNS + " FROM phones_alias WHERE alias_id IN ("
                + placeholders(aliasIds.size()) + ")", List.copyOf(aliasIds));
    }

    private static Map<SyncKey, Map<String, Object>> phones(Connection mysql, String sql, List<String> parameters)
            throws SQLException {
        Map<SyncKey, Map<String, Object>> phones = new HashMap<>();
        for (Map<String, Object> row : query(mysql, sql, parameters, OwnedColumns.PHONE)) {
            phones.put(SyncKey.phone((String) row.get("server_ip"), (String) row.get("extension")), row);
        }
        return phones;
    }

    private static Map<SyncKey, Map<String, Object>> aliases(Connection mysql, String sql, List<String> parameters)
            throws SQLException {
        Map<SyncKey, Map<String, Object>> aliases = new HashMap<>();
        for (Map<String, Object> row : query(mysql, sql, parameters, OwnedColumns.ALIAS)) {
            aliases.put(SyncKey.alias((String) row.get("alias_id")), row);
        }
        return aliases;
    }

    private static List<Map<String, Object>> query(Connection mysql, String sql, List<String> parameters,
            List<String> columns) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement statement = mysql.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setString(i + 1, parameters.get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        row.put(columns.get(i), result.getObject(i + 1));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** Every phone key MySQL holds (a cheap scan of its unique index): what the admin-log tail checks renames with. */
    static Set<SyncKey> phoneKeys(Connection mysql) throws SQLException {
        Set<SyncKey> keys = new HashSet<>();
        try (PreparedStatement statement = mysql.prepareStatement("SELECT extension, server_ip FROM phones");
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                keys.add(SyncKey.phone(result.getString(2), result.getString(1)));
            }
        }
        return keys;
    }
}
