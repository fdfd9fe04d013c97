package io.dialfleet.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.agent.logging.RunLogContext;
import io.dialfleet.agent.refresh.RefreshBatch;
import io.dialfleet.agent.refresh.RunPhase;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ServerRefreshCompleted;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

class AgentRunMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AgentRunMetrics metrics = new AgentRunMetrics(registry);

    @Test
    void everyOutcomeIsThereBeforeTheFirstRunAndEachReportCountsWithItsDuration() {
        for (RefreshOutcome outcome : RefreshOutcome.values()) {
            assertThat(registry.get("dialfleet.agent.runs").tag("outcome", outcome.name()).timer().count()).isZero();
        }
        List<ServerRefreshCompleted> published = new ArrayList<>();
        var status = metrics.recording(published::add);
        status.accept(report(RefreshOutcome.APPLIED, false, 1200));
        status.accept(report(RefreshOutcome.FAILED, true, 300));

        assertThat(published).hasSize(2);
        var applied = registry.get("dialfleet.agent.runs").tag("outcome", "APPLIED").timer();
        assertThat(applied.count()).isEqualTo(1);
        assertThat(applied.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(1200);
        assertThat(registry.get("dialfleet.agent.runs").tag("outcome", "FAILED").timer().count()).isEqualTo(1);
        assertThat(registry.get("dialfleet.agent.rollbacks").counter().count()).isEqualTo(1);
    }

    @Test
    void requestsBeyondTheFirstOfABatchAreCoalesced() {
        List<RefreshBatch> ran = new ArrayList<>();
        var run = metrics.counting(ran::add);
        run.accept(new RefreshBatch(List.of(), 0, false));
        run.accept(new RefreshBatch(List.of(UUID.randomUUID()), 3, false));
        run.accept(new RefreshBatch(List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()), 5, false));

        assertThat(ran).hasSize(3);
        assertThat(registry.get("dialfleet.agent.coalesced.requests").counter().count()).isEqualTo(2);
    }

    @Test
    void aRunsLogLinesCarryItsRequestIdsAndNothingIsLeftAfterIt() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        List<Object> seen = new ArrayList<>();
        var run = RunLogContext.around(batch -> seen.add(MDC.get(RunLogContext.KEY)));
        run.accept(new RefreshBatch(List.of(first, second), 7, false));
        run.accept(new RefreshBatch(List.of(), 0, false));

        assertThat(seen).containsExactly(first + "," + second, null);
        assertThat(MDC.get(RunLogContext.KEY)).isNull();
    }

    @Test
    void eachPhaseThatEndedIsOneSampleOfItsPhase() {
        metrics.ended(RunPhase.RENDER, Duration.ofMillis(40));
        metrics.ended(RunPhase.RENDER, Duration.ofMillis(60));
        metrics.ended(RunPhase.VERIFY, Duration.ofMillis(5));

        var render = registry.get("dialfleet.agent.phase").tag("phase", "render").timer();
        assertThat(render.count()).isEqualTo(2);
        assertThat(render.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(100);
        assertThat(registry.get("dialfleet.agent.phase").tag("phase", "verify").timer().count()).isEqualTo(1);
    }

    private static ServerRefreshCompleted report(RefreshOutcome outcome, boolean rolledBack, long millis) {
        Instant finished = Instant.parse("2026-12-06T01:00:00Z");
        return new ServerRefreshCompleted(ServerRefreshCompleted.SCHEMA_VERSION, UUID.randomUUID(), "10.10.10.15",
                "agent", List.of(UUID.randomUUID()), 4, outcome, new ServerRefreshCompleted.PeerCounts(1, 0, 0),
                List.of(), List.of(), rolledBack, outcome == RefreshOutcome.FAILED ? "reload refused" : null, List.of(),
                List.of(), finished.minusMillis(millis), finished, millis);
    }
}
