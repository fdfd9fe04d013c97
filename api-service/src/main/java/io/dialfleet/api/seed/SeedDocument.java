package io.dialfleet.api.seed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
        var reader = new SeedDocumentReader(schema);
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
}
