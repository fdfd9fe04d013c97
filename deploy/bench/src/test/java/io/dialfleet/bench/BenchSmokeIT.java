package io.dialfleet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario end to end at a tiny size, on one stack the tool starts (real PostgreSQL and Kafka, the packaged
 * api-service, refresh-agent processes): the tool works and its reports hold sane figures. It measures nothing worth
 * publishing — the sizes are far too small — and asserts no target.
 */
class BenchSmokeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static final Map<String, JsonNode> reports = new HashMap<>();
    private static String markdown;

    @BeforeAll
    static void runEveryScenarioAtTinySize() throws IOException {
        Path out = work.resolve("benchmarks.md");
        List<Path> written = Bench.run(new String[] {"all", "--seed", "7",
                "--dir", work.resolve("run").toString(), "--json-dir", work.resolve("json").toString(),
                "--out", out.toString(),
                "--concurrency", "4", "--warmup", "1", "--duration", "2", "--preload", "20",
                "--growth-rows", "150", "--growth-concurrency", "4",
                "--servers", "2", "--phones", "5", "--runs", "3", "--warmup-runs", "1", "--pause", "50ms",
                "--bulk-phones", "50", "--bulk-servers", "2", "--bulk-concurrency", "8", "--bulk-initial-phones", "5",
                "--no-jmh", "--render-peers", "100", "--install-peers", "200", "--rss-peers", "200"});
        for (Path file : written) {
            JsonNode report = JSON.readTree(file.toFile());
            reports.put(report.get("scenario").asText(), report);
        }
        markdown = Files.readString(out);
    }

    @Test
    void everyScenarioWroteItsJsonAndItsMarkdownSection() {
        assertThat(reports).containsOnlyKeys("api", "refresh", "bulk", "render");
        assertThat(markdown).contains("## API write throughput and latency", "## Refresh latency across a fleet",
                "## Bulk provisioning", "## Renderer and agent memory");
        assertThat(markdown).contains("reproduce with `deploy/bench/bench all --seed 7", "fsync=off",
                "synchronous_commit=off", "Machine: ");
        for (JsonNode report : reports.values()) {
            assertThat(report.get("commit").asText()).isNotBlank();
            assertThat(report.get("machine").get("cores").asInt()).isPositive();
            assertThat(report.get("postgres").get("fsync").asText()).isEqualTo("off");
        }
    }

    @Test
    void apiLevelsServedEveryRequestAndMeasuredCpu() {
        JsonNode results = reports.get("api").get("results");
        assertThat(results.get("baseRows").asInt()).isEqualTo(24);
        JsonNode levels = results.get("levels");
        assertThat(levels).hasSize(3);
        for (JsonNode level : levels) {
            JsonNode load = level.get("load");
            assertThat(load.get("errors").asLong()).as(level.toString()).isZero();
            assertThat(load.get("requests").asLong()).isPositive();
            assertThat(load.get("requestsPerSecond").asDouble()).isPositive();
            saneLatency(load.get("latency"));
            assertThat(level.get("phonesBefore").asLong()).isEqualTo(24);
            JsonNode cpu = level.get("cpu").get("bySubject");
            assertThat(cpu.get("api-service").asDouble()).isPositive();
            assertThat(cpu.get("PostgreSQL").asDouble()).isPositive();
            assertThat(cpu.get("bench JVM").asDouble()).isPositive();
        }
        assertThat(levels.get(0).get("phonesAfter").asLong()).isGreaterThan(24);
        JsonNode grown = results.get("growth").get("grown");
        assertThat(grown.get("phonesBefore").asLong()).isEqualTo(150);
        assertThat(grown.get("load").get("errors").asLong()).isZero();
        assertThat(grown.get("load").get("requests").asLong()).isPositive();
    }

    @Test
    void refreshRunsReachedEveryAgent() {
        JsonNode size = reports.get("refresh").get("results").get("sizes").get(0);
        assertThat(size.get("servers").asInt()).isEqualTo(2);
        assertThat(size.get("incomplete").asInt()).isZero();
        assertThat(size.get("notApplied").asInt()).isZero();
        assertThat(size.get("serverRefresh").get("count").asInt()).isEqualTo(3);
        assertThat(size.get("addPhone").get("count").asInt()).isEqualTo(3);
        saneLatency(size.get("serverRefresh"));
        saneLatency(size.get("addPhone"));
        assertThat(size.get("agentRun").get("count").asInt()).isEqualTo(6);
    }

    @Test
    void bulkLoadWasCoveredByRebuildsAndTheFleetCameInSync() {
        JsonNode results = reports.get("bulk").get("results");
        assertThat(results.get("load").get("requests").asLong()).isEqualTo(50);
        assertThat(results.get("load").get("errors").asLong()).isZero();
        assertThat(results.get("requestsSent").asLong()).isEqualTo(50);
        assertThat(results.get("requestsCovered").asLong()).isEqualTo(50);
        assertThat(results.get("totalRebuilds").asInt()).isBetween(2, 50);
        assertThat(results.get("failedRebuilds").asInt()).isZero();
        assertThat(results.get("syncAfterLastReplySeconds").asDouble()).isBetween(0.0, 120.0);
    }

    @Test
    void renderTimingsAndAgentMemoryAreMeasured() {
        JsonNode results = reports.get("render").get("results");
        assertThat(results.get("timings")).hasSize(4);
        for (JsonNode timing : results.get("timings")) {
            assertThat(timing.get("meanMs").asDouble()).as(timing.toString()).isPositive();
        }
        JsonNode memory = results.get("memory");
        assertThat(memory.get("startupOutcome").asText()).isEqualTo("APPLIED");
        assertThat(memory.get("settledRssMiB").asDouble()).isBetween(16.0, 1024.0);
        assertThat(memory.get("highWaterMiB").asDouble()).isGreaterThanOrEqualTo(memory.get("settledRssMiB").asDouble());
        assertThat(memory.get("agentRunMs")).hasSize(3);
    }

    private static void saneLatency(JsonNode latency) {
        assertThat(latency.get("count").asLong()).isPositive();
        assertThat(latency.get("p50").asDouble()).isPositive();
        assertThat(latency.get("p99").asDouble()).isGreaterThanOrEqualTo(latency.get("p50").asDouble());
        assertThat(latency.get("max").asDouble()).isGreaterThanOrEqualTo(latency.get("p99").asDouble());
    }
}
