package io.dialfleet.api.seed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seedable columns of every {@link SeedTable}, read from the database so that a column a migration adds is
 * seedable at once. Types, nullability and varchar widths come from {@code information_schema.columns}; ENUM
 * members and citext widths from the single-column CHECK constraints V1 declares for them. Dialfleet-internal
 * columns ({@link SeedTable#isInternal}) are left out.
 */
final class SeedSchema {

    /** {@code active IN ('Y', 'N')} as PostgreSQL prints it: {@code ... = ANY ((ARRAY['Y'::character varying, ...]}. */
    private static final Pattern ANY_ARRAY = Pattern.compile("= ANY \\(+ARRAY\\[(.*)]");
    /** One quoted member, quotes inside doubled. */
    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");
    /** {@code (length((user_group)::text) <= 20)} */
    private static final Pattern LENGTH_AT_MOST = Pattern.compile("length\\(.*\\) <= (\\d+)\\)");

    private final Map<SeedTable, Map<String, SeedColumn>> tables;

    private SeedSchema(Map<SeedTable, Map<String, SeedColumn>> tables) {
        this.tables = tables;
    }

    /** A column as {@code information_schema.columns} describes it. */
    record ColumnDefinition(String table, String column, String dataType, String udtName, boolean nullable,
            boolean hasDefault, Integer characterMaximumLength) {
    }

    /** A single-column CHECK constraint, as {@code pg_get_constraintdef} prints it. */
    record CheckDefinition(String table, String column, String definition) {
    }

    static SeedSchema of(Collection<ColumnDefinition> columns, Collection<CheckDefinition> checks) {
        Map<SeedTable, Map<String, SeedColumn>> tables = new EnumMap<>(SeedTable.class);
        for (SeedTable table : SeedTable.values()) {
            tables.put(table, new LinkedHashMap<>());
        }
        for (ColumnDefinition definition : columns) {
            Optional<SeedTable> table = SeedTable.byName(definition.table());
            if (table.isEmpty() || table.get().isInternal(definition.column())) {
                continue;
            }
            ColumnType type = ColumnType.of(definition.dataType(), definition.udtName())
                    .orElseThrow(() -> new IllegalStateException(definition.table() + "." + definition.column()
                            + " has type " + definition.dataType() + ", which the seed import cannot fill"));
            List<String> allowed = new ArrayList<>();
            int maxLength = definition.characterMaximumLength() == null ? 0 : definition.characterMaximumLength();
            for (CheckDefinition check : checks) {
                if (check.table().equals(definition.table()) && check.column().equals(definition.column())) {
                    allowed.addAll(allowedValues(check.definition()));
                    OptionalInt length = lengthLimit(check.definition());
                    if (length.isPresent() && (maxLength == 0 || length.getAsInt() < maxLength)) {
                        maxLength = length.getAsInt();
                    }
                }
            }
            boolean required = !definition.nullable() && !definition.hasDefault();
            tables.get(table.get()).put(definition.column(), new SeedColumn(definition.column(), type,
                    definition.nullable(), required, maxLength, allowed));
        }
        return new SeedSchema(tables);
    }

    Optional<SeedColumn> column(SeedTable table, String name) {
        return Optional.ofNullable(tables.get(table).get(name));
    }

    Collection<SeedColumn> columns(SeedTable table) {
        return tables.get(table).values();
    }

    /** The members of an {@code IN (...)} check; empty for any other check. */
    static List<String> allowedValues(String checkDefinition) {
        Matcher array = ANY_ARRAY.matcher(checkDefinition);
        if (!array.find()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        Matcher literal = LITERAL.matcher(array.group(1));
        while (literal.find()) {
            values.add(literal.group(1).replace("''", "'"));
        }
        return values;
    }

    /** N of a {@code length(column) <= N} check. */
    static OptionalInt lengthLimit(String checkDefinition) {
        Matcher length = LENGTH_AT_MOST.matcher(checkDefinition);
        return length.find() ? OptionalInt.of(Integer.parseInt(length.group(1))) : OptionalInt.empty();
    }
}
