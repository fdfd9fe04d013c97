package io.dialfleet.api.seed;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialfleet.api.auth.Bcrypt;
import io.dialfleet.api.auth.VicidialPassHash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
/** Turns the JSON tree into rows, collecting problems instead of stopping at the first. */
final class SeedDocumentReader {

    /** VICIdial's {@code phones.pass}/{@code vicidial_users.pass} width; bcrypt reads at most 72 bytes anyway. */
    private static final int PLAIN_PASSWORD_MAX = 100;
    /** Enough to act on; a migration with a systematic mistake would otherwise answer with thousands. */
    private static final int PROBLEMS_SHOWN = 50;

    private final SeedSchema schema;
    private final List<String> problems = new ArrayList<>();
    private int hiddenProblems;

    SeedDocumentReader(SeedSchema schema) {
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
            if (table == SeedTable.VICIDIAL_USERS && SeedDocument.PLAIN_PASSWORD.equals(name)) {
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
        if (table == SeedTable.VICIDIAL_USERS && object.has(SeedDocument.PLAIN_PASSWORD) && object.has(SeedDocument.PASS_HASH)) {
            unfit.add("gives both pass and pass_hash");
        } else if (table == SeedTable.VICIDIAL_USERS && values.get(SeedDocument.PASS_HASH) instanceof String hash
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
        values.put(SeedDocument.PASS_HASH, password.isEmpty() ? "" : new PlainPassword(password));
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
