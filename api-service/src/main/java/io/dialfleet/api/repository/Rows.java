package io.dialfleet.api.repository;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Turns result rows into column maps (the form audit events carry) and converts timestamps. */
final class Rows {

    private Rows() {
    }

    static Map<String, Object> toMap(Row row, String... skippedColumns) {
        Map<String, Object> columns = new LinkedHashMap<>();
        outer:
        for (int i = 0; i < row.size(); i++) {
            String name = row.getColumnName(i);
            for (String skipped : skippedColumns) {
                if (skipped.equals(name)) {
                    continue outer;
                }
            }
            Object value = row.getValue(i);
            // citext comes back as an unknown type; its text form is the value.
            columns.put(name, value instanceof Number || value instanceof String || value == null ? value : value.toString());
        }
        return columns;
    }

    /** A {@code TIMESTAMPTZ} column as an instant, or null. */
    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    /** An instant as a {@code TIMESTAMPTZ} parameter, or null. */
    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Optional<Row> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
    }
}
