package io.dialfleet.agent.refresh;

import io.dialfleet.agent.asterisk.AmiCommandRunner;
import io.dialfleet.agent.asterisk.AmiSettings;
import io.dialfleet.agent.asterisk.AsteriskLogin;
import io.dialfleet.agent.asterisk.AsteriskReloader;
import io.dialfleet.agent.asterisk.CliCommandRunner;
import io.dialfleet.agent.asterisk.CommandRunner;
import io.dialfleet.agent.asterisk.LiveStateVerifier;
import io.dialfleet.agent.asterisk.RegistrationCleanup;
import io.dialfleet.agent.asterisk.ReloadPolicy;
import io.dialfleet.agent.config.AgentConfig;
import io.dialfleet.agent.install.IncludeFiles;
import io.dialfleet.agent.messaging.StatusPublisher;
import io.dialfleet.agent.render.SipStackSetting;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Builds the agent's run pipeline from its configuration, and reconciles once at start-up. */
@ApplicationScoped
public class AgentWiring {

    /** The process's exit status after an {@link Error} in a run ({@code EX_SOFTWARE}). */
    static final int FATAL_EXIT_STATUS = 70;

    private static final Logger LOG = Logger.getLogger(AgentWiring.class);

    @Produces
    @Singleton
    RefreshRunner runner(AgentConfig config, SnapshotSource snapshots, StatusPublisher status) {
        AgentConfig.Conf conf = config.conf();
        // Before anything else: the operator's #include lines may already name these files (docs/operations.md).
        List<String> created = IncludeFiles.createMissing(config);
        if (!created.isEmpty()) {
            LOG.infof("created the empty include files %s in %s", created, conf.directory());
        }
        Path stateFile = config.stateFile().orElse(conf.directory().resolve(".dialfleet-agent-state.json"));
        return new RefreshRunner(config.serverIp(), AgentIdentity.of(config), snapshots,
                SipStackSetting.parse(config.sipStack()), IncludeFiles.installer(conf), IncludeFiles.names(conf),
                asterisk(config), stateFile, status::publish, Clock.systemUTC());
    }

    @Produces
    @Singleton
    RefreshCoalescer coalescer(RefreshRunner runner) {
        // The supervisor (Kubernetes, systemd, deploy/local's launcher) restarts the process; a JVM that threw an
        // Error is not one to keep running in.
        return new RefreshCoalescer(runner, error -> Quarkus.asyncExit(FATAL_EXIT_STATUS));
    }

    private final ScheduledExecutorService resyncTimer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "dialfleet-resync");
        thread.setDaemon(true);
        return thread;
    });

    /** Agents publish one status after they start and reconcile, so the fleet view knows what each one runs. */
    void reconcile(@Observes StartupEvent startup, RefreshCoalescer coalescer, AgentConfig config) {
        coalescer.submit(RefreshTrigger.startup());
        long every = config.resyncInterval().toMillis();
        if (every > 0) {
            resyncTimer.scheduleAtFixedRate(() -> coalescer.submit(RefreshTrigger.resync()), every, every,
                    TimeUnit.MILLISECONDS);
        }
    }

    void stop(@Observes ShutdownEvent shutdown, RefreshCoalescer coalescer) {
        resyncTimer.shutdownNow();
        coalescer.close();
    }

    private static Optional<Asterisk> asterisk(AgentConfig config) {
        AgentConfig.Reload reload = config.reload();
        CommandRunner commands = switch (reload.mode().toLowerCase(Locale.ROOT)) {
            case "none" -> null;
            case "cli" -> new CliCommandRunner(Path.of(reload.asteriskBinary()), reload.commandTimeout());
            case "ami" -> new AmiCommandRunner(AmiSettings.of(reload.ami().host(), reload.ami().port(),
                            reload.ami().username(), reload.ami().secret().orElse(""))
                    .withTimeouts(AmiSettings.DEFAULT_CONNECT_TIMEOUT, AmiSettings.DEFAULT_READ_TIMEOUT,
                            reload.commandTimeout()));
            default -> throw new IllegalArgumentException(
                    "dialfleet.agent.reload.mode must be ami, cli or none, not " + reload.mode());
        };
        if (commands == null) {
            return Optional.empty();
        }
        return Optional.of(new Asterisk(new AsteriskLogin(commands),
                new AsteriskReloader(commands, ReloadPolicy.withBudget(reload.busyBudget())),
                new LiveStateVerifier(commands), new RegistrationCleanup(commands)));
    }
}
