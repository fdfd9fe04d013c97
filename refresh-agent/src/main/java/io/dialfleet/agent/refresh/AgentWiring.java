package io.dialfleet.agent.refresh;

import io.dialfleet.agent.asterisk.AmiCommandRunner;
import io.dialfleet.agent.asterisk.AmiLiveStateVerifier;
import io.dialfleet.agent.asterisk.AmiSettings;
import io.dialfleet.agent.asterisk.AsteriskLogin;
import io.dialfleet.agent.asterisk.AsteriskReloader;
import io.dialfleet.agent.asterisk.CliCommandRunner;
import io.dialfleet.agent.asterisk.CommandRunner;
import io.dialfleet.agent.asterisk.LiveStateCheck;
import io.dialfleet.agent.asterisk.LiveStateVerifier;
import io.dialfleet.agent.asterisk.RegistrationCleanup;
import io.dialfleet.agent.asterisk.ReloadCompletion;
import io.dialfleet.agent.asterisk.ReloadPolicy;
import io.dialfleet.agent.asterisk.SettledVerifier;
import io.dialfleet.agent.asterisk.SipOptionsProbe;
import io.dialfleet.agent.config.AgentConfig;
import io.dialfleet.agent.config.ReloadMode;
import io.dialfleet.agent.install.IncludeFiles;
import io.dialfleet.agent.logging.RunLogContext;
import io.dialfleet.agent.messaging.StatusPublisher;
import io.dialfleet.agent.metrics.AgentRunMetrics;
import io.dialfleet.agent.vicidial.RebuildCommand;
import io.dialfleet.agent.vicidial.VicidialSettings;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Builds the agent's run pipeline from its configuration, and reconciles once at start-up. */
@ApplicationScoped
public class AgentWiring {

    /** The process's exit status after an {@link Error} in a run ({@code EX_SOFTWARE}). */
    static final int FATAL_EXIT_STATUS = 70;

    private static final Logger LOG = Logger.getLogger(AgentWiring.class);
    private static final String RESYNC_JOB = "dialfleet-resync";

    /**
     * How long a mismatch is looked at again once every reload is known to be over: nothing in Asterisk is still
     * changing then, so this only absorbs a slow answer.
     */
    private static final Duration CONFIRMED_GRACE = Duration.ofSeconds(1);

    @Produces
    @Singleton
    RefreshRunner runner(AgentConfig config, SnapshotSource snapshots, StatusPublisher status,
            AgentRunMetrics metrics) {
        AgentConfig.Conf conf = config.conf();
        // Before anything else: the operator's #include lines may already name these files (docs/operations.md).
        List<String> created = IncludeFiles.createMissing(config);
        if (!created.isEmpty()) {
            LOG.infof("created the empty include files %s in %s", created, conf.directory());
        }
        Path stateFile = config.stateFile().orElse(conf.directory().resolve(".dialfleet-agent-state.json"));
        return new RefreshRunner(config.serverIp(), AgentIdentity.of(config), snapshots,
                config.sipStack(), IncludeFiles.installer(conf), IncludeFiles.names(conf),
                asterisk(config), stateFile, metrics.recording(status::publish), Clock.systemUTC(),
                vicidial(config.vicidial()), metrics);
    }

    private static VicidialSettings vicidial(AgentConfig.Vicidial vicidial) {
        return new VicidialSettings(vicidial.rebuildCommand().filter(argv -> !argv.isEmpty())
                .map(argv -> new RebuildCommand(argv, vicidial.rebuildTimeout())), vicidial.verifyDeadline());
    }

    @Produces
    @Singleton
    RefreshCoalescer coalescer(RefreshRunner runner, AgentRunMetrics metrics) {
        // The supervisor (Kubernetes, systemd, deploy/local's launcher) restarts the process; a JVM that threw an
        // Error is not one to keep running in.
        return new RefreshCoalescer(RunLogContext.around(metrics.counting(runner)),
                error -> Quarkus.asyncExit(FATAL_EXIT_STATUS));
    }

    /**
     * Agents publish one status after they start and reconcile, so the fleet view knows what each one runs. The
     * periodic resync is a job of Quarkus' scheduler rather than an {@code @Scheduled} method, because a
     * {@code resync-interval} of 0 turns it off (the scheduler is started without {@code @Scheduled} methods by
     * {@code quarkus.scheduler.start-mode=forced}).
     */
    void reconcile(@Observes StartupEvent startup, RefreshCoalescer coalescer, AgentConfig config,
            Scheduler scheduler) {
        coalescer.submit(RefreshTrigger.startup());
        Duration every = config.resyncInterval();
        if (!every.isZero() && !every.isNegative()) {
            scheduler.newJob(RESYNC_JOB)
                    .setInterval(every.toString())
                    .setDelayed(every.toString())
                    .setTask(execution -> coalescer.submit(RefreshTrigger.resync()))
                    .schedule();
        }
    }

    void stop(@Observes ShutdownEvent shutdown, RefreshCoalescer coalescer) {
        coalescer.close();
    }

    private static Optional<Asterisk> asterisk(AgentConfig config) {
        AgentConfig.Reload reload = config.reload();
        if (reload.mode() == ReloadMode.NONE) {
            return Optional.empty();
        }
        CommandRunner commands;
        LiveStateCheck check;
        if (reload.mode() == ReloadMode.CLI) {
            commands = new CliCommandRunner(Path.of(reload.asteriskBinary()), reload.commandTimeout());
            check = new LiveStateVerifier(commands);
        } else {
            AmiCommandRunner ami = new AmiCommandRunner(AmiSettings.of(reload.ami().host(), reload.ami().port(),
                            reload.ami().username(), reload.ami().secret().orElse(""))
                    .withTimeouts(AmiSettings.DEFAULT_CONNECT_TIMEOUT, AmiSettings.DEFAULT_READ_TIMEOUT,
                            reload.commandTimeout()));
            commands = ami;
            check = new AmiLiveStateVerifier(ami);
        }
        ReloadCompletion completion = new ReloadCompletion(sipProbe(reload.sipAddress()), reload.settleTimeout());
        return Optional.of(new Asterisk(new AsteriskLogin(commands),
                new AsteriskReloader(commands, ReloadPolicy.withBudget(reload.busyBudget())), completion,
                new SettledVerifier(check, CONFIRMED_GRACE), new RegistrationCleanup(commands),
                reload.pjsipRemovalsPerReload()));
    }

    /** {@code host:port}, or {@code none} for no probe. */
    static Optional<SipOptionsProbe> sipProbe(String address) {
        String value = address.strip();
        if (value.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("dialfleet.agent.reload.sip-address must be host:port or none, not "
                    + address);
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return Optional.of(new SipOptionsProbe(new InetSocketAddress(host, Integer.parseInt(value.substring(colon + 1)))));
    }
}
