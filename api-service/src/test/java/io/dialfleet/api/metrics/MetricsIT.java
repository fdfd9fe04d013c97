package io.dialfleet.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dialfleet.api.support.ApiClient;
import io.dialfleet.api.support.Database;
import io.dialfleet.api.support.Fixture;
import io.dialfleet.api.support.PrometheusText;
import io.dialfleet.api.support.StatusPublisher;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.infra.DialfleetInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@code /q/metrics} as Prometheus scrapes it, before and after an add_phone that an agent then reports applied:
 * the request series, the outbox's publishing and backlog, the server's revisions and sync, the status consumer.
 */
@QuarkusTest
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class MetricsIT {

    private static final String SERVER = "10.10.10.15";
    private static final Duration READ_AGAIN = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL base;

    @Test
    void theKeySeriesMoveWhenAnAddPhoneIsApplied() throws Exception {
        int port = base.getPort();
        Fixture.reset(port);
        ApiClient api = new ApiClient(port);
        PrometheusText before = PrometheusText.scrape(port);

        var reply = api.addPhone("mt8101");
        assertThat(reply.bodyText()).startsWith("SUCCESS: add_phone PHONE HAS BEEN ADDED");
        UUID requestId = UUID.fromString(reply.headers().get("x-dialfleet-request-id"));
        assertThat(api.call(Map.of("source", "test", "user", "6666", "pass", "wrong", "function", "add_phone"))
                .bodyText()).startsWith("ERROR: Login incorrect");
        assertThat(api.call(Map.of("source", "test", "user", "6666", "pass", "1234", "function", "no_such_one"))
                .bodyText()).startsWith("ERROR");
        long desired = Long.parseLong(Database.render(
                "SELECT config_revision FROM servers WHERE server_ip = '" + SERVER + "'"));

        PrometheusText afterAdd = scrapeUntil(port, now -> {
            assertThat(now.value("dialfleet_server_desired_revision", "server", SERVER)).isEqualTo(desired);
            assertThat(now.value("dialfleet_outbox_published_total"))
                    .isGreaterThan(before.value("dialfleet_outbox_published_total"));
            assertThat(now.value("dialfleet_outbox_backlog_rows")).isZero();
        });
        String requests = "dialfleet_api_requests_seconds_count";
        assertThat(afterAdd.value(requests, "function", "add_phone", "result", "SUCCESS")
                - before.value(requests, "function", "add_phone", "result", "SUCCESS")).isEqualTo(1);
        assertThat(afterAdd.value(requests, "function", "add_phone", "result", "ERROR")
                - before.value(requests, "function", "add_phone", "result", "ERROR")).isEqualTo(1);
        assertThat(afterAdd.value(requests, "function", "other", "result", "ERROR")
                - before.value(requests, "function", "other", "result", "ERROR")).isEqualTo(1);
        assertThat(afterAdd.has(requests, "function", "no_such_one")).as("unknown names share one label").isFalse();
        assertThat(afterAdd.has("dialfleet_api_requests_seconds_bucket", "function", "add_phone", "result", "SUCCESS"))
                .as("latency histogram").isTrue();
        assertThat(afterAdd.value("dialfleet_server_in_sync", "server", SERVER)).isZero();
        assertThat(afterAdd.has("dialfleet_outbox_oldest_unpublished_age_seconds")).isTrue();
        assertThat(afterAdd.has("dialfleet_outbox_publish_failures_total")).isTrue();
        assertThat(afterAdd.has("dialfleet_status_consumer_lag_records")).isTrue();

        try (StatusPublisher agent = new StatusPublisher(
                DialfleetInfraResource.infrastructure().addresses().kafkaBootstrap())) {
            agent.publish(StatusPublisher.report(SERVER, desired, RefreshOutcome.APPLIED, List.of(requestId),
                    Instant.now(), "metrics-agent", null));
        }
        PrometheusText applied = scrapeUntil(port,
                now -> assertThat(now.value("dialfleet_server_in_sync", "server", SERVER)).isEqualTo(1));
        assertThat(applied.value("dialfleet_server_applied_revision", "server", SERVER)).isEqualTo(desired);
        assertThat(applied.value("dialfleet_status_reports_total", "result", "stored")
                - before.value("dialfleet_status_reports_total", "result", "stored")).isGreaterThanOrEqualTo(1);
        assertThat(applied.value("dialfleet_status_consumer_lag_records")).isZero();
    }

    /** Scrapes until the assertions hold (the database-backed series are read again every second here). */
    private static PrometheusText scrapeUntil(int port, Consumer<PrometheusText> assertions) {
        AtomicReference<PrometheusText> last = new AtomicReference<>();
        await().atMost(READ_AGAIN).untilAsserted(() -> {
            last.set(PrometheusText.scrape(port));
            assertions.accept(last.get());
        });
        return last.get();
    }
}
