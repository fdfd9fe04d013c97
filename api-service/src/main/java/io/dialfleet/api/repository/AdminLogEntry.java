package io.dialfleet.api.repository;

/**
 * A {@code vicidial_admin_log} row. {@code eventSql} is a one-line description of the change (action, record,
 * column names) — never SQL text and never a secret's value (docs/spec/non-agent-api.md §2.6).
 */
public record AdminLogEntry(String section, String type, String recordId, String code, String notes,
        String eventSql) {
}
