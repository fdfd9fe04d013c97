package io.dialfleet.agent.health;

import io.dialfleet.agent.asterisk.AsteriskLogin;
import io.dialfleet.agent.refresh.RefreshRunner;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The last AMI login (or CLI binary) check, made at the start of every run: a wrong secret shows here from the
 * start-up run on, before any file is written. Up in reload mode {@code none}, which talks to no Asterisk.
 */
@Readiness
@ApplicationScoped
public class AsteriskLoginCheck implements HealthCheck {

    private final RefreshRunner runner;

    public AsteriskLoginCheck(RefreshRunner runner) {
        this.runner = runner;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("asterisk-login");
        Optional<AsteriskLogin> login = runner.asteriskLogin();
        if (login.isEmpty()) {
            return response.up().withData("mode", "none").build();
        }
        Optional<String> problem = login.get().lastProblem();
        if (problem == null) {
            return response.down().withData("error", "not checked yet").build();
        }
        return problem.map(error -> response.down().withData("error", error).build())
                .orElseGet(() -> response.up().build());
    }
}
