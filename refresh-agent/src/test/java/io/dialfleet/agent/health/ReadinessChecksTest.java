package io.dialfleet.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dialfleet.agent.asterisk.AsteriskCommand;
import io.dialfleet.agent.asterisk.AsteriskConnectionException;
import io.dialfleet.agent.asterisk.AsteriskLogin;
import io.dialfleet.agent.asterisk.AsteriskReloader;
import io.dialfleet.agent.asterisk.CommandOutput;
import io.dialfleet.agent.asterisk.CommandRunner;
import io.dialfleet.agent.asterisk.LiveStateVerifier;
import io.dialfleet.agent.asterisk.RegistrationCleanup;
import io.dialfleet.agent.asterisk.ReloadPolicy;
import io.dialfleet.agent.install.ConfInstaller;
import io.dialfleet.agent.refresh.Asterisk;
import io.dialfleet.agent.refresh.RefreshBatch;
import io.dialfleet.agent.refresh.RefreshCoalescer;
import io.dialfleet.agent.refresh.RefreshRunner;
import io.dialfleet.agent.refresh.RefreshTrigger;
import io.dialfleet.agent.render.SipStackSetting;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What readiness says after an Error in a run and after a refused or unreachable Asterisk. */
class ReadinessChecksTest {

    @TempDir
    Path confDir;

    @Test
    void afterAnErrorInARunTheAgentIsNeverReadyAgain() {
        RefreshRunner runner = runner(Optional.empty());
        AtomicReference<Error> handed = new AtomicReference<>();
        try (RefreshCoalescer coalescer = new RefreshCoalescer(batch -> {
            throw new StackOverflowError("a template too deep");
        }, handed::set)) {
            LastRefreshCheck check = new LastRefreshCheck(runner, coalescer);

            coalescer.submit(RefreshTrigger.startup());
            await().atMost(Duration.ofSeconds(5)).until(() -> handed.get() != null);

            HealthCheckResponse response = check.call();
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(response.getData().orElseThrow()).containsEntry("outcome", "runs stopped")
                    .hasEntrySatisfying("error", error -> assertThat(error.toString()).contains("StackOverflowError"));
        }
    }

    @Test
    void anAsteriskThatCannotBeReachedShowsInReadinessWithWhy() {
        CommandRunner unreachable = new CommandRunner() {
            @Override
            public CommandOutput run(AsteriskCommand command) {
                throw new AsteriskConnectionException("AMI at 127.0.0.1:5038 failed while connecting: refused");
            }

            @Override
            public void checkAccess() {
                throw new AsteriskConnectionException("AMI at 127.0.0.1:5038 failed while connecting: refused");
            }
        };
        RefreshRunner runner = runner(Optional.of(new Asterisk(new AsteriskLogin(unreachable),
                new AsteriskReloader(unreachable, ReloadPolicy.defaults()), new LiveStateVerifier(unreachable),
                new RegistrationCleanup(unreachable))));
        AsteriskLoginCheck check = new AsteriskLoginCheck(runner);
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

        runner.accept(new RefreshBatch(List.of(UUID.randomUUID()), 1, false));

        HealthCheckResponse response = check.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow().get("error").toString()).contains("refused");
        assertThat(runner.lastStatus().error()).startsWith("nothing installed: AMI at 127.0.0.1:5038");
        assertThat(new AsteriskLoginCheck(runner(Optional.empty())).call().getStatus())
                .as("reload mode none talks to no Asterisk").isEqualTo(HealthCheckResponse.Status.UP);
    }

    private RefreshRunner runner(Optional<Asterisk> asterisk) {
        return new RefreshRunner("10.10.10.15", "test-agent", serverIp -> {
            throw new AssertionError("no snapshot is fetched in these tests");
        }, SipStackSetting.AUTO, new ConfInstaller(confDir, Optional.empty(), "rw-r-----"), Map.of(), asterisk,
                confDir.resolve("state.json"), status -> { }, Clock.systemUTC());
    }
}
