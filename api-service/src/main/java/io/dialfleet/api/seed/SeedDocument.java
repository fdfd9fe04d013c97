package io.dialfleet.api.seed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dialfleet.api.auth.Bcrypt;
import io.dialfleet.api.auth.VicidialPassHash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A fleet seed document (docs/spec/seed-format.md), checked against the schema: a JSON object whose keys are VICIdial table
 * names and whose objects' fields are VICIdial column names. Every problem is collected before anything is
 * imported, so one answer names all of them.
 */
final class SeedDocument {

    /** The pseudo-column of {@code vicidial_users} that carries a plain password, hashed into {@code pass_hash}. */
    static final String PLAIN_PASSWORD = "pass";
    static final String PASS_HASH = "pass_hash";
    /** VICIdial's {@code phones.pass}/{@code vicidial_users.pass} width; bcrypt reads at most 72 bytes anyway. */
    private static final int PLAIN_PASSWORD_MAX = 100;
    /** Enough to act on; a migration with a systematic mistake would otherwise answer with thousands. */
    private static final int PROBLEMS_SHOWN = 50;

    /**
     * Duplicate keys are an error rather than last-one-wins; decimals keep their written scale ({@code -5.00}).
     */
    private static final ObjectReader JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build()
            .reader();

    private final Map<SeedTable, List<SeedRow>> tables;

    private SeedDocument(Map<SeedTable, List<SeedRow>> tables) {
        this.tables = tables;
    }

    static SeedDocument read(byte[] json, SeedSchema schema) {
        if (json == null || json.length == 0) {
            throw new SeedRejected("the seed document is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SeedRejected(jsonProblem(e));
        } catch (IOException e) {
            throw new SeedRejected("the seed document could not be read");
        }
        return of(root, schema);
    }

    static SeedDocument of(JsonNode root, SeedSchema schema) {
        if (root == null || !root.isObject()) {
            throw new SeedRejected("a seed document is a JSON object whose keys are table names");
        }
        var reader = new Reader(schema);
        Map<SeedTable, List<SeedRow>> tables = new EnumMap<>(SeedTable.class);
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Optional<SeedTable> table = SeedTable.byName(field.getKey());
            if (table.isEmpty()) {
                reader.problem("unknown table " + field.getKey());
                continue;
            }
            tables.put(table.get(), reader.rows(table.get(), field.getValue()));
        }
        reader.throwIfAny();
        return new SeedDocument(tables);
    }

    /** The tables the document gives, in insertion order. */
    Set<SeedTable> tables() {
        return Collections.unmodifiableSet(tables.keySet());
    }

    List<SeedRow> rows(SeedTable table) {
        return tables.getOrDefault(table, List.of());
    }

    /** The passwords still to hash, in document order. */
    List<PlainPassword> plainPasswords() {
        List<PlainPassword> passwords = new ArrayList<>();
        for (SeedRow row : rows(SeedTable.VICIDIAL_USERS)) {
            if (row.values().get(PASS_HASH) instanceof PlainPassword password) {
                passwords.add(password);
            }
        }
        return passwords;
    }

    /** This document with each of {@link #plainPasswords()} replaced by its hash (same order). */
    SeedDocument withHashes(List<PlainPassword> passwords, List<String> hashes) {
        Map<PlainPassword, String> hashOf = new IdentityHashMap<>();
        for (int i = 0; i < passwords.size(); i++) {
            hashOf.put(passwords.get(i), hashes.get(i));
        }
        Map<SeedTable, List<SeedRow>> hashed = new EnumMap<>(tables);
        List<SeedRow> users = new ArrayList<>();
        for (SeedRow row : rows(SeedTable.VICIDIAL_USERS)) {
            Object value = row.values().get(PASS_HASH);
            users.add(value instanceof PlainPassword password ? row.withValue(PASS_HASH, hashOf.get(password)) : row);
        }
        if (tables.containsKey(SeedTable.VICIDIAL_USERS)) {
            hashed.put(SeedTable.VICIDIAL_USERS, List.copyOf(users));
        }
        return new SeedDocument(hashed);
    }

    /** Rows per table given, in insertion order: the import's summary. */
    Map<String, Integer> rowCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        tables.forEach((table, rows) -> counts.put(table.tableName(), rows.size()));
        return counts;
    }

    /**
     * Jackson's own message may quote the text around the error, passwords included; only its position, and the
     * name of a repeated key, are passed on.
     */
    private static String jsonProblem(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith("Duplicate field ")) {
            return "the seed document repeats a key" + where + ": " + original.substring("Duplicate field ".length());
        }
        return "the seed document is not valid JSON" + where;
    }

    /** Turns the JSON tree into rows, collecting problems instead of stopping at the first. */
    private static final class Reader {

        private final SeedSchema schema;
        private final List<String> problems = new ArrayList<>();
        private int hiddenProblems;

        Reader(SeedSchema schema) {
            this.schema = schema;
        }

        List<SeedRow> rows(SeedTable table, JsonNode node) {
            if (table.isSingleRow()) {
                if (!node.isObject()) {
                    problem(table.tableName() + " must be an object");
                    return List.of();
                }
                return List.of(row(table, 0, node, new LinkedHashSet<>()));
            }
            if (!node.isArray()) {
                problem(table.tableName() + " must be an array of objects");
                return List.of();
            }
            List<SeedRow> rows = new ArrayList<>();
            Set<String> unknownColumns = new LinkedHashSet<>();
            Map<String, SeedRow> byKey = new HashMap<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                if (!element.isObject()) {
                    problem(table.tableName() + "[" + i + "] must be an object");
                    continue;
                }
                SeedRow row = row(table, i, element, unknownColumns);
                if (hasNaturalKey(row)) {
                    SeedRow first = byKey.putIfAbsent(row.naturalKey(), row);
                    if (first != null) {
                        problem(row.describe() + " repeats the natural key of " + table.tableName() + "["
                                + first.index() + "]");
                    }
                }
                rows.add(row);
            }
            return List.copyOf(rows);
        }

        /** Unknown columns are reported once per table, not once per row. */
        private SeedRow row(SeedTable table, int index, JsonNode object, Set<String> unknownColumns) {
            Map<String, Object> values = new LinkedHashMap<>();
            List<String> unfit = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (table == SeedTable.VICIDIAL_USERS && PLAIN_PASSWORD.equals(name)) {
                    plainPassword(field.getValue(), values, unfit);
                    continue;
                }
                if (table.isInternal(name)) {
                    if (unknownColumns.add(name)) {
                        problem(table.tableName() + "." + name + " is dialfleet's own column and cannot be seeded");
                    }
                    continue;
                }
                Optional<SeedColumn> column = schema.column(table, name);
                if (column.isEmpty()) {
                    if (unknownColumns.add(name)) {
                        problem("unknown column " + table.tableName() + "." + name);
                    }
                    continue;
                }
                try {
                    values.put(name, column.get().convert(field.getValue()));
                } catch (SeedColumn.Unfit e) {
                    unfit.add(name + " " + e.getMessage());
                }
            }
            SeedRow row = new SeedRow(table, index, values);
            if (table == SeedTable.VICIDIAL_USERS && object.has(PLAIN_PASSWORD) && object.has(PASS_HASH)) {
                unfit.add("gives both pass and pass_hash");
            } else if (table == SeedTable.VICIDIAL_USERS && values.get(PASS_HASH) instanceof String hash
                    && !isStoredHash(hash)) {
                unfit.add("pass_hash is neither a bcrypt string nor VICIdial's 31-character hash"
                        + " (a plain password goes in pass)");
            }
            for (SeedColumn column : schema.columns(table)) {
                boolean key = table.naturalKey().contains(column.name());
                if ((key || column.required()) && !object.has(column.name())) {
                    unfit.add("misses " + (key ? "its key column " : "the required column ") + column.name());
                }
            }
            for (String problem : unfit) {
                problem(row.describe() + ": " + problem);
            }
            return row;
        }

        /** An empty password names no one (D5: {@code ''} matches nothing) rather than becoming a hash of "". */
        private void plainPassword(JsonNode value, Map<String, Object> values, List<String> unfit) {
            if (!value.isTextual() && !value.isNumber()) {
                unfit.add("pass must be a string");
                return;
            }
            String password = value.asText();
            if (password.codePointCount(0, password.length()) > PLAIN_PASSWORD_MAX) {
                unfit.add("pass is longer than " + PLAIN_PASSWORD_MAX + " characters");
                return;
            }
            values.put(PASS_HASH, password.isEmpty() ? "" : new PlainPassword(password));
        }

        private static boolean isStoredHash(String hash) {
            return hash.isEmpty() || Bcrypt.isStandardHash(hash) || VicidialPassHash.isWellFormed(hash);
        }

        private static boolean hasNaturalKey(SeedRow row) {
            for (String column : row.table().naturalKey()) {
                if (!(row.values().get(column) instanceof String)) {
                    return false;
                }
            }
            return true;
        }

        void problem(String problem) {
            if (problems.size() < PROBLEMS_SHOWN) {
                problems.add(problem);
            } else {
                hiddenProblems++;
            }
        }

        void throwIfAny() {
            if (problems.isEmpty()) {
                return;
            }
            List<String> reported = new ArrayList<>(problems);
            if (hiddenProblems > 0) {
                reported.add("and " + hiddenProblems + " more problems");
            }
            throw new SeedRejected(reported);
        }
    }
}
