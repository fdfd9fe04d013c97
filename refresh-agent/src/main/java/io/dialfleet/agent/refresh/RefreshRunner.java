package io.dialfleet.agent.refresh;

import io.dialfleet.agent.asterisk.AsteriskLogin;
import io.dialfleet.agent.install.ConfInstaller;
import io.dialfleet.agent.render.ConfFile;
import io.dialfleet.agent.render.PeerConfigRenderer;
import io.dialfleet.agent.render.RenderedConfig;
import io.dialfleet.agent.render.SipStack;
import io.dialfleet.agent.render.SipStackSetting;
import io.dialfleet.agent.vicidial.VicidialRenderedRun;
import io.dialfleet.agent.vicidial.VicidialRunResult;
import io.dialfleet.agent.vicidial.VicidialSettings;
import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.RenderMode;
import io.dialfleet.events.ServerRefreshCompleted;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One rebuild of this server's Asterisk configuration (architecture.md, "refresh-agent"): check the Asterisk login,
 * fetch the desired peer set, then either apply it ({@link ApplyPasses}: render, validate, install, reload, check,
 * roll back) or, for a server VICIdial renders, check what VICIdial wrote ({@link VicidialRenderedRun}); and report
 * the run, whatever happened, as one {@link ServerRefreshCompleted}.
 */
public final class RefreshRunner implements Consumer<RefreshBatch> {

    private static final Logger LOG = Logger.getLogger(RefreshRunner.class);

    private final String serverIp;
    private final String agentId;
    private final SnapshotSource snapshots;
    private final SipStackSetting stackSetting;
    private final Optional<Asterisk> asterisk;
    private final Consumer<ServerRefreshCompleted> status;
    private final Clock clock;
    private final PhaseClock phases;
    private final RunMemory memory;
    private final ApplyPasses passes;
    private final VicidialRenderedRun vicidialRun;
    private final PeerConfigRenderer renderer = new PeerConfigRenderer();
    private volatile ServerRefreshCompleted lastStatus;

    public RefreshRunner(String serverIp, String agentId, SnapshotSource snapshots, SipStackSetting stackSetting,
            ConfInstaller installer, Map<ConfFile, String> fileNames, Optional<Asterisk> asterisk, Path stateFile,
            Consumer<ServerRefreshCompleted> status, Clock clock) {
        this(serverIp, agentId, snapshots, stackSetting, installer, fileNames, asterisk, stateFile, status, clock,
                VicidialSettings.defaults(), PhaseListener.NONE);
    }

    /** @param vicidial how runs go for the server while VICIdial renders its phones (render mode VICIDIAL) */
    public RefreshRunner(String serverIp, String agentId, SnapshotSource snapshots, SipStackSetting stackSetting,
            ConfInstaller installer, Map<ConfFile, String> fileNames, Optional<Asterisk> asterisk, Path stateFile,
            Consumer<ServerRefreshCompleted> status, Clock clock, VicidialSettings vicidial) {
        this(serverIp, agentId, snapshots, stackSetting, installer, fileNames, asterisk, stateFile, status, clock,
                vicidial, PhaseListener.NONE);
    }

    /** @param phases told how long each phase of each run took (the agent's metrics) */
    public RefreshRunner(String serverIp, String agentId, SnapshotSource snapshots, SipStackSetting stackSetting,
            ConfInstaller installer, Map<ConfFile, String> fileNames, Optional<Asterisk> asterisk, Path stateFile,
            Consumer<ServerRefreshCompleted> status, Clock clock, VicidialSettings vicidial, PhaseListener phases) {
        this.serverIp = serverIp;
        this.agentId = agentId;
        this.snapshots = snapshots;
        this.stackSetting = stackSetting;
        this.asterisk = asterisk;
        this.status = status;
        this.clock = clock;
        this.phases = new PhaseClock(phases);
        this.memory = new RunMemory(stateFile);
        this.passes = new ApplyPasses(serverIp, new RunTools(installer, asterisk, new ManagedFiles(fileNames), memory,
                this.phases));
        this.vicidialRun = new VicidialRenderedRun(installer, fileNames, asterisk.map(Asterisk::reloader),
                asterisk.map(Asterisk::verifier), vicidial);
    }

    /** The AMI login (or CLI binary) check, absent in reload mode {@code none}. */
    public Optional<AsteriskLogin> asteriskLogin() {
        return asterisk.map(Asterisk::login);
    }

    /** The status of the last run, or null before the first one ended. */
    public ServerRefreshCompleted lastStatus() {
        return lastStatus;
    }

    @Override
    public void accept(RefreshBatch batch) {
        Instant started = clock.instant();
        RunReport report;
        try {
            report = run(batch);
        } catch (SnapshotSource.SnapshotUnavailable e) {
            report = RunReport.failed(batch.revision(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report = RunReport.failed(batch.revision(), "interrupted");
        } catch (RuntimeException e) {
            LOG.errorf(e, "refresh of %s failed", serverIp);
            report = RunReport.failed(batch.revision(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        ServerRefreshCompleted completed = report.toEvent(serverIp, agentId, batch, started, clock.instant());
        lastStatus = completed;
        for (ServerRefreshCompleted.ExcludedPhone phone : completed.excluded()) {
            LOG.warnf("refresh of %s at revision %d: phone %s (%s) left out: %s", serverIp, completed.revision(),
                    LogText.printable(phone.extension()), phone.protocol(), LogText.printable(phone.reason()));
        }
        LOG.infof("refresh of %s at revision %d: %s%s (%d ms, requests %s)", serverIp, completed.revision(),
                completed.outcome(), completed.error() == null ? "" : " — " + completed.error(),
                completed.durationMs(), batch.requestIds());
        status.accept(completed);
    }

    private RunReport run(RefreshBatch batch) throws InterruptedException {
        Optional<String> unreachable = asterisk.flatMap(target -> target.login().check());
        if (unreachable.isPresent()) {
            return RunReport.failed(batch.revision(), "nothing installed: " + unreachable.get());
        }
        PeerConfigSnapshot snapshot = phases.time(RunPhase.FETCH, () -> snapshots.fetch(serverIp));
        SipStack stack = stackSetting.resolve(snapshot.server().asteriskVersion());
        if (snapshot.server().renderMode() == RenderMode.VICIDIAL) {
            RenderedConfig expected = phases.time(RunPhase.RENDER, () -> renderer.render(snapshot, stack));
            return vicidialRendered(new RunReport(snapshot.revision(), expected),
                    vicidialRun.run(snapshot, expected, memory.liveNames()));
        }
        return passes.run(snapshot, stack, batch.force());
    }

    /** VICIdial renders this server: its run's findings become the report; what it verified is remembered. */
    private RunReport vicidialRendered(RunReport report, VicidialRunResult result) {
        report.files = result.files();
        report.reloads.addAll(result.reloads());
        report.warnings = result.warnings();
        report.excluded = List.of();
        if (result.outcome() != RefreshOutcome.APPLIED) {
            return report.failed(result.error());
        }
        memory.applied(report, result);
        return report.outcome(RefreshOutcome.APPLIED);
    }
}
