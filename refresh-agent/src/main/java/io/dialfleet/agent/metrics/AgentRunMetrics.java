package io.dialfleet.agent.metrics;

import io.dialfleet.agent.refresh.PhaseListener;
import io.dialfleet.agent.refresh.RefreshBatch;
import io.dialfleet.agent.refresh.RunPhase;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ServerRefreshCompleted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The agent's runs: how many ended in each outcome and how long they took, each phase's duration (the run's
 * {@link PhaseListener}), the rollbacks, the requests that shared a run with others (coalesced), the requests sent to
 * the dead-letter topic. Read from the run's batch, its phases and its report, so the run's code needs no hook of
 * its own.
 */
@ApplicationScoped
public class AgentRunMetrics implements PhaseListener {

    private final MeterRegistry registry;
    private final Counter rollbacks;
    private final Counter coalesced;
    private final Counter deadLettered;

    AgentRunMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.rollbacks = Counter.builder("dialfleet.agent.rollbacks")
                .description("Runs that put the previous files back").register(registry);
        this.coalesced = Counter.builder("dialfleet.agent.coalesced.requests")
                .description("Refresh requests that shared a run with an earlier one instead of a run of their own")
                .register(registry);
        this.deadLettered = Counter.builder("dialfleet.agent.dead.letters")
                .description("Refresh request records that could not be read, sent to the dead-letter topic")
                .register(registry);
        for (RefreshOutcome outcome : RefreshOutcome.values()) {
            runs(outcome);
        }
    }

    /** The run, counting the requests of each batch beyond the first as coalesced. */
    public Consumer<RefreshBatch> counting(Consumer<RefreshBatch> run) {
        return batch -> {
            if (batch.requestIds().size() > 1) {
                coalesced.increment(batch.requestIds().size() - 1);
            }
            run.accept(batch);
        };
    }

    /** The status publisher, recording each report's outcome, duration and rollback first. */
    public Consumer<ServerRefreshCompleted> recording(Consumer<ServerRefreshCompleted> status) {
        return completed -> {
            runs(completed.outcome()).record(Duration.ofMillis(completed.durationMs()));
            if (completed.rolledBack()) {
                rollbacks.increment();
            }
            status.accept(completed);
        };
    }

    /** {@code dialfleet_agent_phase_seconds{phase}}: one sample each time a phase ended, however it ended. */
    @Override
    public void ended(RunPhase phase, Duration took) {
        Timer.builder("dialfleet.agent.phase")
                .description("Duration of one phase of a refresh run")
                .tag("phase", phase.name().toLowerCase(Locale.ROOT))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry)
                .record(took);
    }

    public void deadLettered() {
        deadLettered.increment();
    }

    private Timer runs(RefreshOutcome outcome) {
        return Timer.builder("dialfleet.agent.runs")
                .description("Refresh runs by outcome, with their duration")
                .tag("outcome", outcome.name())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(30))
                .register(registry);
    }
}
