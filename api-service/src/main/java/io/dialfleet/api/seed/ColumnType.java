package io.dialfleet.api.seed;

import java.util.Optional;

/** The PostgreSQL column types of the seeded tables, as far as converting a JSON value goes. */
enum ColumnType {

    /** {@code varchar}, {@code text} and {@code citext}. */
    TEXT(0, 0),
    SMALLINT(Short.MIN_VALUE, Short.MAX_VALUE),
    INTEGER(Integer.MIN_VALUE, Integer.MAX_VALUE),
    BIGINT(Long.MIN_VALUE, Long.MAX_VALUE),
    /** {@code timestamp without time zone}: VICIdial's DATETIME, the database's local time. */
    TIMESTAMP(0, 0);

    private final long min;
    private final long max;

    ColumnType(long min, long max) {
        this.min = min;
        this.max = max;
    }

    /** From {@code information_schema.columns.data_type} and {@code udt_name}; empty for a type seeds cannot fill. */
    static Optional<ColumnType> of(String dataType, String udtName) {
        return Optional.ofNullable(switch (dataType) {
            case "character varying", "text", "character" -> TEXT;
            case "USER-DEFINED" -> "citext".equals(udtName) ? TEXT : null;
            case "smallint" -> SMALLINT;
            case "integer" -> INTEGER;
            case "bigint" -> BIGINT;
            case "timestamp without time zone" -> TIMESTAMP;
            default -> null;
        });
    }

    boolean isInteger() {
        return this == SMALLINT || this == INTEGER || this == BIGINT;
    }

    long min() {
        return min;
    }

    long max() {
        return max;
    }
}
