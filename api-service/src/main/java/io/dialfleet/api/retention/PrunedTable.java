package io.dialfleet.api.retention;

import java.time.Duration;
import java.util.function.Function;

/**
 * The tables the pruner bounds, each with the statement that deletes one batch of its rows older than the retention
 * ({@code ?} 1: the retention in seconds, 2: the batch size). The rows of a batch are those nobody holds a lock on
 * ({@code SKIP LOCKED}): the pruner never waits for a request, and a request never waits long for the pruner.
 */
public enum PrunedTable {

    /** Published rows only: an unpublished row is an event Kafka has not got yet, whatever its age. */
    OUTBOX("outbox", RetentionConfig::outbox, """
            DELETE FROM outbox WHERE id IN (
                SELECT id FROM outbox
                WHERE published_at IS NOT NULL AND published_at < now() - ? * interval '1 second'
                ORDER BY published_at LIMIT ? FOR UPDATE SKIP LOCKED)"""),

    /** Settled targets only: a pending target is still waiting for its agent's report. */
    REFRESH_REQUEST_TARGETS("refresh_request_targets", RetentionConfig::refreshTargets, """
            DELETE FROM refresh_request_targets WHERE (request_id, server_ip) IN (
                SELECT request_id, server_ip FROM refresh_request_targets
                WHERE outcome IS NOT NULL AND finished_at < now() - ? * interval '1 second'
                ORDER BY finished_at LIMIT ? FOR UPDATE SKIP LOCKED)"""),

    /** {@code api_date} is a local time written with LOCALTIMESTAMP: compared with the same clock. */
    VICIDIAL_API_LOG("vicidial_api_log", RetentionConfig::apiLog, """
            DELETE FROM vicidial_api_log WHERE api_id IN (
                SELECT api_id FROM vicidial_api_log
                WHERE api_date < LOCALTIMESTAMP - ? * interval '1 second'
                ORDER BY api_date LIMIT ? FOR UPDATE SKIP LOCKED)"""),

    VICIDIAL_ADMIN_LOG("vicidial_admin_log", RetentionConfig::adminLog, """
            DELETE FROM vicidial_admin_log WHERE admin_log_id IN (
                SELECT admin_log_id FROM vicidial_admin_log
                WHERE event_date < LOCALTIMESTAMP - ? * interval '1 second'
                ORDER BY event_date LIMIT ? FOR UPDATE SKIP LOCKED)""");

    private final String tableName;
    private final Function<RetentionConfig, Duration> retention;
    private final String deleteBatch;

    PrunedTable(String tableName, Function<RetentionConfig, Duration> retention, String deleteBatch) {
        this.tableName = tableName;
        this.retention = retention;
        this.deleteBatch = deleteBatch;
    }

    public String tableName() {
        return tableName;
    }

    Duration retention(RetentionConfig config) {
        return retention.apply(config);
    }

    String deleteBatch() {
        return deleteBatch;
    }
}
