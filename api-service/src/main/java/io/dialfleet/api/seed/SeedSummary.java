package io.dialfleet.api.seed;

import java.util.Map;

/**
 * What an import did: the answer of {@code POST /api/v1/admin/seed}.
 *
 * @param imported false when mode {@code if-empty} found the database holding a fleet already, and imported nothing
 * @param rows     rows imported per table the document gave, in import order; empty when nothing was imported
 */
public record SeedSummary(String mode, boolean silent, boolean imported, Map<String, Integer> rows) {
}
