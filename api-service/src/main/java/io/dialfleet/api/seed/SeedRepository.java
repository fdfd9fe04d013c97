package io.dialfleet.api.seed;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SQL of the seed import. Table and column names in statements come from {@link SeedTable} and the schema the
 * database reported, never from a document unchecked; values are always bound parameters.
 *
 * <p>Longer than our usual class because it is all of the import's SQL and nothing else: kept together, the rule
 * about identifiers above has one place to be checked.
 */
@ApplicationScoped
public class SeedRepository {

    private static final String COLUMNS = """
            SELECT table_name::text AS table_name, column_name::text AS column_name, data_type::text AS data_type,
                   udt_name::text AS udt_name, is_nullable = 'YES' AS nullable, column_default IS NOT NULL AS has_default,
                   character_maximum_length::int AS max_length
            FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name::text = ANY($1::text[])
            ORDER BY table_name, ordinal_position""";

    private static final String SINGLE_COLUMN_CHECKS = """
            SELECT rel.relname::text AS table_name, att.attname::text AS column_name,
                   pg_get_constraintdef(con.oid) AS definition
            FROM pg_constraint con
            JOIN pg_class rel ON rel.oid = con.conrelid
            JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]
            WHERE con.contype = 'c' AND cardinality(con.conkey) = 1
              AND rel.relnamespace = current_schema()::regnamespace AND rel.relname::text = ANY($1::text[])""";

    Uni<SeedSchema> loadSchema(SqlClient client) {
        String[] tables = new String[SeedTable.values().length];
        for (SeedTable table : SeedTable.values()) {
            tables[table.ordinal()] = table.tableName();
        }
        Tuple names = Tuple.of(tables);
        return client.preparedQuery(COLUMNS).execute(names)
                .map(SeedRepository::columnDefinitions)
                .chain(columns -> client.preparedQuery(SINGLE_COLUMN_CHECKS).execute(names)
                        .map(rows -> SeedSchema.of(columns, checkDefinitions(rows))));
    }

    /**
     * Until the import commits: keeps other imports and the API's phone and alias writes waiting; reads go on. The
     * API writes phones before anything else it locks, so taking this first orders the two without deadlock.
     */
    Uni<Void> lockPhonesAndAliases(SqlConnection connection) {
        return connection.query("LOCK TABLE phones, phones_alias IN EXCLUSIVE MODE").execute().replaceWithVoid();
    }

    /** Whether any table a seed fills, the one-row settings table aside, holds a row: the database has a fleet. */
    Uni<Boolean> holdsFleet(SqlConnection connection) {
        String anyRow = Arrays.stream(SeedTable.values())
                .filter(table -> !table.isSingleRow())
                .map(table -> "EXISTS (SELECT 1 FROM " + table.tableName() + ")")
                .collect(Collectors.joining(" OR "));
        return connection.query("SELECT " + anyRow + " AS holds_fleet").execute()
                .map(rows -> rows.iterator().next().getBoolean("holds_fleet"));
    }

    /** Every phone, keyed by its case-folded natural key, without {@code phone_id}: the form audit events carry. */
    Uni<Map<String, Map<String, Object>>> phonesByKey(SqlConnection connection) {
        return connection.query("""
                        SELECT json_build_array(lower(extension::text), lower(server_ip::text))::text AS seed_key, p.*
                        FROM phones p""")
                .execute()
                .map(rows -> byKey(rows, "phone_id"));
    }

    Uni<Map<String, Map<String, Object>>> aliasesByKey(SqlConnection connection) {
        return connection.query("SELECT lower(alias_id::text) AS seed_key, a.* FROM phones_alias a")
                .execute()
                .map(rows -> byKey(rows));
    }

    /**
     * Every template's content by case-folded {@code template_id}: what a phone's section gets from it (the other
     * columns never reach Asterisk).
     */
    Uni<Map<String, String>> templateContentsByKey(SqlConnection connection) {
        return connection.query("""
                        SELECT lower(template_id::text) AS seed_key, template_contents FROM vicidial_conf_templates""")
                .execute()
                .map(rows -> {
                    Map<String, String> contents = new HashMap<>();
                    for (Row row : rows) {
                        contents.put(row.getString("seed_key"), row.getString("template_contents"));
                    }
                    return contents;
                });
    }

    /**
     * The servers of the phones whose {@code template_id} is one of {@code templateKeys} (case-folded, as the
     * citext column compares), one spelling each, ordered.
     */
    Uni<List<String>> serversUsingTemplates(SqlConnection connection, Collection<String> templateKeys) {
        return connection.preparedQuery("""
                        SELECT min(server_ip::text) AS server_ip FROM phones
                        WHERE lower(template_id::text) = ANY($1::text[])
                        GROUP BY lower(server_ip::text) ORDER BY 1""")
                .execute(Tuple.of(templateKeys.toArray(String[]::new)))
                .map(rows -> {
                    List<String> servers = new ArrayList<>();
                    for (Row row : rows) {
                        servers.add(row.getString("server_ip"));
                    }
                    return servers;
                });
    }

    /** {@code config_revision} by case-folded {@code server_ip}. */
    Uni<Map<String, Long>> serverRevisions(SqlConnection connection) {
        return connection.query("SELECT lower(server_ip::text) AS seed_key, config_revision FROM servers")
                .execute()
                .map(rows -> {
                    Map<String, Long> revisions = new HashMap<>();
                    for (Row row : rows) {
                        revisions.put(row.getString("seed_key"), row.getLong("config_revision"));
                    }
                    return revisions;
                });
    }

    /**
     * Gives servers that were deleted and inserted again the revision they had: their agents compare revisions with
     * what they applied, and a revision that went back would look already applied.
     */
    Uni<Void> restoreServerRevisions(SqlConnection connection, Map<String, Long> revisions) {
        if (revisions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> keys = new ArrayList<>(revisions.keySet());
        Long[] values = keys.stream().map(revisions::get).toArray(Long[]::new);
        return connection.preparedQuery("""
                        UPDATE servers s SET config_revision = r.revision
                        FROM unnest($1::text[], $2::bigint[]) AS r(seed_key, revision)
                        WHERE lower(s.server_ip::text) = r.seed_key""")
                .execute(Tuple.of(keys.toArray(String[]::new), values))
                .replaceWithVoid();
    }

    /**
     * Empties every table the system owns and puts back the default settings row. The logs, the outbox and the
     * agents' refresh state are history, not configuration, and stay.
     */
    Uni<Void> emptyOwnedTables(SqlConnection connection) {
        StringBuilder statements = new StringBuilder();
        SeedTable[] tables = SeedTable.values();
        for (int i = tables.length - 1; i >= 0; i--) {
            statements.append("DELETE FROM ").append(tables[i].tableName()).append(";\n");
        }
        statements.append("INSERT INTO system_settings (settings_id) VALUES (1);");
        return connection.query(statements.toString()).execute().replaceWithVoid();
    }

    Uni<Void> updateSettings(SqlConnection connection, SeedRow settings) {
        List<String> columns = new ArrayList<>(settings.values().keySet());
        if (columns.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> assignments = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            assignments.add(quoted(columns.get(i)) + " = $" + (i + 1));
        }
        return connection.preparedQuery("UPDATE system_settings SET " + String.join(", ", assignments))
                .execute(Tuple.from(values(settings, columns)))
                .replaceWithVoid();
    }

    Uni<Void> insert(SqlConnection connection, SeedRow row) {
        List<String> columns = new ArrayList<>(row.values().keySet());
        return connection.preparedQuery(insertStatement(row.table(), columns))
                .execute(Tuple.from(values(row, columns)))
                .replaceWithVoid();
    }

    /** Inserts, or sets the given columns of the row with the same natural key; the key is always given. */
    Uni<Void> upsert(SqlConnection connection, SeedRow row) {
        List<String> columns = new ArrayList<>(row.values().keySet());
        List<String> conflictTarget = row.table().naturalKey().stream().map(SeedRepository::quoted).toList();
        List<String> assignments = columns.stream()
                .map(column -> quoted(column) + " = EXCLUDED." + quoted(column))
                .toList();
        String sql = insertStatement(row.table(), columns)
                + " ON CONFLICT (" + String.join(", ", conflictTarget) + ") DO UPDATE SET "
                + String.join(", ", assignments);
        return connection.preparedQuery(sql)
                .execute(Tuple.from(values(row, columns)))
                .replaceWithVoid();
    }

    private static String insertStatement(SeedTable table, List<String> columns) {
        List<String> placeholders = new ArrayList<>();
        for (int i = 1; i <= columns.size(); i++) {
            placeholders.add("$" + i);
        }
        return "INSERT INTO " + table.tableName() + " ("
                + String.join(", ", columns.stream().map(SeedRepository::quoted).toList()) + ") VALUES ("
                + String.join(", ", placeholders) + ")";
    }

    /** Every name is quoted: VICIdial's {@code user} is reserved in PostgreSQL. */
    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static List<Object> values(SeedRow row, List<String> columns) {
        List<Object> values = new ArrayList<>(columns.size());
        for (String column : columns) {
            values.add(row.values().get(column));
        }
        return values;
    }

    private static List<SeedSchema.ColumnDefinition> columnDefinitions(RowSet<Row> rows) {
        List<SeedSchema.ColumnDefinition> columns = new ArrayList<>();
        for (Row row : rows) {
            columns.add(new SeedSchema.ColumnDefinition(row.getString("table_name"), row.getString("column_name"),
                    row.getString("data_type"), row.getString("udt_name"), row.getBoolean("nullable"),
                    row.getBoolean("has_default"), row.getInteger("max_length")));
        }
        return columns;
    }

    private static List<SeedSchema.CheckDefinition> checkDefinitions(RowSet<Row> rows) {
        List<SeedSchema.CheckDefinition> checks = new ArrayList<>();
        for (Row row : rows) {
            checks.add(new SeedSchema.CheckDefinition(row.getString("table_name"), row.getString("column_name"),
                    row.getString("definition")));
        }
        return checks;
    }

    private static Map<String, Map<String, Object>> byKey(RowSet<Row> rows, String... skippedColumns) {
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (Row row : rows) {
            Map<String, Object> columns = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                String name = row.getColumnName(i);
                if (name.equals("seed_key") || List.of(skippedColumns).contains(name)) {
                    continue;
                }
                Object value = row.getValue(i);
                // citext comes back as an unknown type; its text form is the value (as in the repositories' rows).
                columns.put(name, value instanceof Number || value instanceof String || value == null
                        ? value : value.toString());
            }
            byKey.put(row.getString("seed_key"), columns);
        }
        return byKey;
    }
}
