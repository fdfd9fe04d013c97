package io.dialfleet.api.seed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One object of a seed document, its values converted for binding. Printing a row shows where it is and its
 * natural key, never its values (passwords, conf secrets).
 *
 * @param index  the position in the document's array (0 for {@code system_settings})
 * @param values column name to value, in document order; {@code vicidial_users.pass_hash} may still be a
 *               {@link PlainPassword}
 */
record SeedRow(SeedTable table, int index, Map<String, Object> values) {

    SeedRow {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** {@code phones[3] (extension 8001, server_ip 10.10.10.16)}; {@code system_settings} for the settings. */
    String describe() {
        if (table.isSingleRow()) {
            return table.tableName();
        }
        List<String> key = new ArrayList<>();
        for (String column : table.naturalKey()) {
            if (values.get(column) instanceof String value) {
                key.add(column + " " + value);
            }
        }
        String position = table.tableName() + "[" + index + "]";
        return key.isEmpty() ? position : position + " (" + String.join(", ", key) + ")";
    }

    /** The natural key as the database compares it: every key column is citext. */
    String naturalKey() {
        List<String> parts = new ArrayList<>();
        for (String column : table.naturalKey()) {
            parts.add(String.valueOf(values.get(column)).toLowerCase(Locale.ROOT));
        }
        return String.join("\u0000", parts);
    }

    SeedRow withValue(String column, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(column, value);
        return new SeedRow(table, index, copy);
    }

    @Override
    public String toString() {
        return describe();
    }
}
