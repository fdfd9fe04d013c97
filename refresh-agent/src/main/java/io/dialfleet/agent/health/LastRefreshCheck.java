package io.dialfleet.agent.health;

import io.dialfleet.agent.refresh.RefreshCoalescer;
import io.dialfleet.agent.refresh.RefreshRunner;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ServerRefreshCompleted;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the start-up reconciliation ended and as long as the last run did not fail: a FAILED run means this
 * server's Asterisk is not what the fleet asked for. Never ready again after a run ended with an {@link Error}: no
 * run starts after it (the process is on its way out). The Kafka connection is checked by SmallRye's own checks.
 */
@Readiness
@ApplicationScoped
public class LastRefreshCheck implements HealthCheck {

    private final RefreshRunner runner;
    private final RefreshCoalescer coalescer;

    public LastRefreshCheck(RefreshRunner runner, RefreshCoalescer coalescer) {
        this.runner = runner;
        this.coalescer = coalescer;
    }

    @Override
    public HealthCheckResponse call() {
        ServerRefreshCompleted last = runner.lastStatus();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("last-refresh");
        if (coalescer.fatal().isPresent()) {
            return response.down().withData("outcome", "runs stopped")
                    .withData("error", coalescer.fatal().get().toString()).build();
        }
        if (last == null) {
            return response.down().withData("outcome", "start-up reconciliation running").build();
        }
        response.withData("outcome", last.outcome().name())
                .withData("revision", last.revision())
                .withData("finishedAt", last.finishedAt().toString());
        if (last.error() != null) {
            response.withData("error", last.error());
        }
        return response.status(last.outcome() != RefreshOutcome.FAILED).build();
    }
}
