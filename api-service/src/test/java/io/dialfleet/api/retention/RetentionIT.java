package io.dialfleet.api.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dialfleet.api.support.Database;
import io.dialfleet.infra.DialfleetInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The scheduled pruner on the real PostgreSQL: rows older than their table's retention go, in batches; newer rows,
 * unpublished outbox rows and pending refresh targets stay; a row a transaction holds is skipped, not waited for.
 */
@QuarkusTest
@TestProfile(RetentionIT.ShortRetention.class)
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class RetentionIT {

    /**
     * One hour everywhere, a pass every second, batches of two (so a table's old rows take several). The relay polls
     * once an hour: nothing here wakes it, so the old unpublished row stays unpublished while the pruner runs.
     */
    public static class ShortRetention implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dialfleet.retention.enabled", "true", "dialfleet.retention.interval", "PT1S",
                    "dialfleet.retention.outbox", "PT1H", "dialfleet.retention.refresh-targets", "PT1H",
                    "dialfleet.retention.api-log", "PT1H", "dialfleet.retention.admin-log", "PT1H",
                    "dialfleet.retention.batch-size", "2", "dialfleet.retention.pause", "PT0.01S",
                    "dialfleet.outbox.poll-interval", "PT1H");
        }
    }

    private static final Duration PRUNED_WITHIN = Duration.ofSeconds(30);

    @Test
    void rowsOlderThanTheirRetentionGoAndTheOthersStay() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Database.execute(List.of(
                outbox(tag + "-old", "now() - interval '2 hours'", "now() - interval '2 hours'"),
                outbox(tag + "-old", "now() - interval '3 hours'", "now() - interval '2 hours'"),
                outbox(tag + "-old", "now() - interval '4 hours'", "now() - interval '3 hours'"),
                outbox(tag + "-new", "now() - interval '2 hours'", "now() - interval '10 minutes'"),
                outbox(tag + "-unpublished", "now() - interval '30 days'", "NULL"),
                target(tag, "10.99.0.1", "'APPLIED'", "now() - interval '2 hours'"),
                target(tag, "10.99.0.2", "'FAILED'", "now() - interval '3 hours'"),
                target(tag, "10.99.0.3", "'UNCHANGED'", "now() - interval '2 hours'"),
                target(tag, "10.99.0.4", "'APPLIED'", "now() - interval '10 minutes'"),
                target(tag, "10.99.0.5", "NULL", "NULL"),
                apiLog("o" + tag, "2 hours"), apiLog("o" + tag, "3 hours"), apiLog("o" + tag, "2 days"),
                apiLog("n" + tag, "10 minutes"),
                adminLog("o" + tag, "2 hours"), adminLog("o" + tag, "3 hours"), adminLog("o" + tag, "400 days"),
                adminLog("n" + tag, "10 minutes")));

        await().atMost(PRUNED_WITHIN).untilAsserted(() -> assertThat(List.of(
                count("SELECT count(*) FROM outbox WHERE record_key = '" + tag + "-old'"),
                count("SELECT count(*) FROM refresh_request_targets WHERE error = '" + tag
                        + "' AND server_ip IN ('10.99.0.1', '10.99.0.2', '10.99.0.3')"),
                count("SELECT count(*) FROM vicidial_api_log WHERE \"user\" = 'o" + tag + "'"),
                count("SELECT count(*) FROM vicidial_admin_log WHERE \"user\" = 'o" + tag + "'")))
                .as("old outbox rows, settled targets, API and admin log rows").containsOnly(0L));

        assertThat(count("SELECT count(*) FROM outbox WHERE record_key = '" + tag + "-new'"))
                .as("published ten minutes ago").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox WHERE record_key = '" + tag
                + "-unpublished' AND published_at IS NULL")).as("unpublished for 30 days, still unpublished")
                .isEqualTo(1);
        assertThat(Database.render("SELECT server_ip FROM refresh_request_targets WHERE error = '" + tag
                + "' ORDER BY server_ip")).as("settled ten minutes ago; pending for 30 days")
                .isEqualTo("10.99.0.4\n10.99.0.5");
        assertThat(count("SELECT count(*) FROM vicidial_api_log WHERE \"user\" = 'n" + tag + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM vicidial_admin_log WHERE \"user\" = 'n" + tag + "'")).isEqualTo(1);
    }

    @Test
    void aRowATransactionHoldsIsSkippedNotWaitedFor() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Database.execute(List.of(apiLog("h" + tag, "2 hours"), apiLog("o" + tag, "2 hours"),
                apiLog("o" + tag, "3 hours"), apiLog("o" + tag, "4 hours")));
        try (Connection request = Database.connect()) {
            request.setAutoCommit(false);
            try (Statement statement = request.createStatement()) {
                statement.execute("SELECT * FROM vicidial_api_log WHERE \"user\" = 'h" + tag + "' FOR UPDATE");

                await().atMost(PRUNED_WITHIN).untilAsserted(() -> assertThat(
                        count("SELECT count(*) FROM vicidial_api_log WHERE \"user\" = 'o" + tag + "'"))
                        .as("the old rows nobody holds").isZero());
                assertThat(count("SELECT count(*) FROM vicidial_api_log WHERE \"user\" = 'h" + tag + "'"))
                        .as("the held row, while held").isEqualTo(1);
                // The holder was never blocked: it can still write the row it holds.
                statement.execute("UPDATE vicidial_api_log SET result = 'HELD' WHERE \"user\" = 'h" + tag + "'");
            }
            request.commit();
        }
        await().atMost(PRUNED_WITHIN).untilAsserted(() -> assertThat(
                count("SELECT count(*) FROM vicidial_api_log WHERE \"user\" = 'h" + tag + "'"))
                .as("the held row, once released").isZero());
    }

    private static String outbox(String key, String createdAt, String publishedAt) {
        return "INSERT INTO outbox (event_id, topic, record_key, ce_type, payload, created_at, published_at) VALUES ('"
                + UUID.randomUUID() + "', 'retention-it', '" + key + "', 'test', '{}', " + createdAt + ", "
                + publishedAt + ")";
    }

    /** {@code error} carries the test's tag, so the rows are told apart from other tests' targets. */
    private static String target(String tag, String serverIp, String outcome, String finishedAt) {
        return "INSERT INTO refresh_request_targets (request_id, server_ip, revision, requested_at, outcome, error, "
                + "finished_at) VALUES ('" + UUID.randomUUID() + "', '" + serverIp + "', 1, now() - interval '30 days', "
                + outcome + ", '" + tag + "', " + finishedAt + ")";
    }

    private static String apiLog(String user, String age) {
        return "INSERT INTO vicidial_api_log (\"user\", api_date, api_script, function) VALUES ('" + user
                + "', LOCALTIMESTAMP(0) - interval '" + age + "', 'non-agent', 'version')";
    }

    private static String adminLog(String user, String age) {
        return "INSERT INTO vicidial_admin_log (event_date, \"user\", ip_address, event_section, record_id, event_code) "
                + "VALUES (LOCALTIMESTAMP(0) - interval '" + age + "', '" + user + "', '127.0.0.1', 'PHONES', 'x', 'y')";
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = Database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
