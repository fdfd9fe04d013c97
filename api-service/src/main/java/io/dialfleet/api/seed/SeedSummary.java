package io.dialfleet.api.seed;

import java.util.Map;

/**
 * What an import did: the answer of {@code POST /api/v1/admin/seed}.
 *
 * @param rows rows imported per table the document gave, in import order
 */
public record SeedSummary(String mode, boolean silent, Map<String, Integer> rows) {
}
