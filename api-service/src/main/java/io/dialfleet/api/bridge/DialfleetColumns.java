package io.dialfleet.api.bridge;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dialfleet's column types of {@code phones} and {@code phones_alias}, read once from PostgreSQL: how a value read
 * from MySQL is bound, and which NULLs dialfleet cannot take (a NOT NULL column keeps its value or its default,
 * as the seed import does with a NULL VICIdial exports).
 */
final class DialfleetColumns {

    private record Column(String type, boolean nullable) {
    }

    private final Map<String, Column> columns;

    private DialfleetColumns(Map<String, Column> columns) {
        this.columns = columns;
    }

    static Uni<DialfleetColumns> load(SqlClient client) {
        return client.query("""
                        SELECT table_name, column_name, data_type, is_nullable = 'YES' AS nullable
                        FROM information_schema.columns
                        WHERE table_schema = current_schema() AND table_name IN ('phones', 'phones_alias')""")
                .execute()
                .map(rows -> {
                    Map<String, Column> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getString("table_name") + "." + row.getString("column_name"),
                            new Column(row.getString("data_type"), row.getBoolean("nullable"))));
                    return new DialfleetColumns(found);
                });
    }

    /**
     * The values of {@code row} that dialfleet can store, converted for binding, in column order; a NULL for a NOT
     * NULL column is left out.
     */
    Map<String, Object> storable(String table, Map<String, Object> row, List<String> names) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : names) {
            Column column = columns.get(table + "." + name);
            Object value = row.get(name);
            if (column == null || (value == null && !column.nullable())) {
                continue;
            }
            values.put(name, convert(value, column.type()));
        }
        return values;
    }

    /** VICIdial's integer columns may come back as any Number; PostgreSQL binds each integer type from its own. */
    private static Object convert(Object value, String type) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return switch (type) {
                case "smallint" -> number.shortValue();
                case "integer" -> number.intValue();
                case "bigint" -> number.longValue();
                default -> number.toString();
            };
        }
        if (value instanceof String text) {
            return switch (type) {
                case "smallint" -> Short.valueOf(text.trim());
                case "integer" -> Integer.valueOf(text.trim());
                case "bigint" -> Long.valueOf(text.trim());
                default -> text;
            };
        }
        return value.toString();
    }
}
