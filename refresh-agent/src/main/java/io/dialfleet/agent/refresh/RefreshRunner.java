package io.dialfleet.agent.refresh;

import io.dialfleet.agent.asterisk.AsteriskCommand;
import io.dialfleet.agent.asterisk.AsteriskCommand.ModuleReload;
import io.dialfleet.agent.asterisk.AsteriskModule;
import io.dialfleet.agent.asterisk.ExpectedLiveState;
import io.dialfleet.agent.asterisk.LiveKind;
import io.dialfleet.agent.asterisk.ReloadOutcome;
import io.dialfleet.agent.asterisk.ReloadResult;
import io.dialfleet.agent.asterisk.Verification;
import io.dialfleet.agent.install.AgentState;
import io.dialfleet.agent.install.ConfInstaller;
import io.dialfleet.agent.install.FileChange;
import io.dialfleet.agent.render.ConfFile;
import io.dialfleet.agent.render.ConfProblem;
import io.dialfleet.agent.render.ConfValidator;
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
import io.dialfleet.events.ServerRefreshCompleted.FileResult;
import io.dialfleet.events.ServerRefreshCompleted.PeerCounts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One rebuild of this server's Asterisk configuration (architecture.md, "refresh-agent"): fetch the desired peer
 * set, render, validate, install what changed, reload exactly those modules (all of them when forced), then check
 * the live state — Asterisk says "reloaded successfully" even when a broken file made it drop phones. Any failure
 * puts the previous files back, reloads and checks them, and is reported FAILED with what went wrong.
 */
public final class RefreshRunner implements Consumer<RefreshBatch> {

    private static final Logger LOG = Logger.getLogger(RefreshRunner.class);
    private static final PeerCounts NO_PEERS = new PeerCounts(0, 0, 0);

    private final String serverIp;
    private final String agentId;
    private final SnapshotSource snapshots;
    private final PeerConfigRenderer renderer;
    private final ConfValidator validator;
    private final SipStackSetting stackSetting;
    private final ConfInstaller installer;
    private final Map<ConfFile, String> fileNames;
    private final Optional<Asterisk> asterisk;
    private final Path stateFile;
    private final Consumer<ServerRefreshCompleted> status;
    private final Clock clock;
    private final VicidialRenderedRun vicidialRun;
    private final Map<LiveKind, Set<String>> liveNames = new EnumMap<>(LiveKind.class);
    private volatile ServerRefreshCompleted lastStatus;

    public RefreshRunner(String serverIp, String agentId, SnapshotSource snapshots, SipStackSetting stackSetting,
            ConfInstaller installer, Map<ConfFile, String> fileNames, Optional<Asterisk> asterisk, Path stateFile,
            Consumer<ServerRefreshCompleted> status, Clock clock) {
        this(serverIp, agentId, snapshots, stackSetting, installer, fileNames, asterisk, stateFile, status, clock,
                VicidialSettings.defaults());
    }

    /** @param vicidial how runs go for the server while VICIdial renders its phones (render mode VICIDIAL) */
    public RefreshRunner(String serverIp, String agentId, SnapshotSource snapshots, SipStackSetting stackSetting,
            ConfInstaller installer, Map<ConfFile, String> fileNames, Optional<Asterisk> asterisk, Path stateFile,
            Consumer<ServerRefreshCompleted> status, Clock clock, VicidialSettings vicidial) {
        this.serverIp = serverIp;
        this.agentId = agentId;
        this.snapshots = snapshots;
        this.renderer = new PeerConfigRenderer();
        this.validator = new ConfValidator();
        this.stackSetting = stackSetting;
        this.installer = installer;
        this.fileNames = Map.copyOf(fileNames);
        this.asterisk = asterisk;
        this.stateFile = stateFile;
        this.status = status;
        this.clock = clock;
        this.vicidialRun = new VicidialRenderedRun(installer, fileNames, asterisk.map(Asterisk::reloader),
                asterisk.map(target -> target.verifier()::verify), vicidial);
        AgentState.load(stateFile).ifPresent(state -> state.liveNames().forEach(
                (kind, names) -> liveNames.put(LiveKind.valueOf(kind), new HashSet<>(names))));
    }

    /** The status of the last run, or null before the first one ended. */
    public ServerRefreshCompleted lastStatus() {
        return lastStatus;
    }

    @Override
    public void accept(RefreshBatch batch) {
        Instant started = clock.instant();
        Report report;
        try {
            report = run(batch);
        } catch (SnapshotSource.SnapshotUnavailable e) {
            report = Report.failed(batch.revision(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report = Report.failed(batch.revision(), "interrupted");
        } catch (RuntimeException e) {
            LOG.errorf(e, "refresh of %s failed", serverIp);
            report = Report.failed(batch.revision(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Instant finished = clock.instant();
        ServerRefreshCompleted completed = new ServerRefreshCompleted(ServerRefreshCompleted.SCHEMA_VERSION,
                UUID.randomUUID(), serverIp, agentId, batch.requestIds(), report.revision, report.outcome,
                report.peers, report.files, report.reloads, report.rolledBack, report.error, report.warnings,
                report.excluded,
                started, finished, Duration.between(started, finished).toMillis());
        lastStatus = completed;
        for (ServerRefreshCompleted.ExcludedPhone phone : report.excluded) {
            LOG.warnf("refresh of %s at revision %d: phone %s (%s) left out: %s", serverIp, report.revision,
                    LogText.printable(phone.extension()), phone.protocol(), LogText.printable(phone.reason()));
        }
        LOG.infof("refresh of %s at revision %d: %s%s (%d ms, requests %s)", serverIp, report.revision,
                report.outcome, report.error == null ? "" : " — " + report.error, completed.durationMs(),
                batch.requestIds());
        status.accept(completed);
    }

    private Report run(RefreshBatch batch) throws InterruptedException {
        PeerConfigSnapshot snapshot = snapshots.fetch(serverIp);
        SipStack stack = stackSetting.resolve(snapshot.server().asteriskVersion());
        RenderedConfig rendered = renderer.render(snapshot, stack);
        Report report = new Report(snapshot.revision(), rendered);
        if (snapshot.server().renderMode() == RenderMode.VICIDIAL) {
            return vicidialRendered(report, vicidialRun.run(snapshot, rendered, Map.copyOf(liveNames)));
        }

        List<String> invalid = invalidFiles(rendered);
        if (!invalid.isEmpty()) {
            return report.failed("rendered files failed validation, nothing installed: " + String.join("; ", invalid));
        }
        List<FileChange> changes = installer.compare(byName(rendered));
        report.files = fileResults(changes);
        List<ConfFile> changed = changedFiles(changes);
        if (changed.isEmpty() && !batch.force()) {
            remember(report, rendered);
            return report.outcome(RefreshOutcome.UNCHANGED);
        }
        installer.install(changes);
        if (asterisk.isEmpty()) {
            remember(report, rendered);
            return report.outcome(RefreshOutcome.APPLIED);
        }
        List<ConfFile> reloaded = batch.force() ? managedFiles(stack) : reloadable(changed, stack);
        String problem = reloadAndVerify(reloaded, rendered, report);
        if (problem == null) {
            remember(report, rendered);
            return report.outcome(RefreshOutcome.APPLIED);
        }
        installer.restore(changes);
        report.rolledBack = true;
        String afterRollback = reloadAndVerifyPrevious(reloadable(changed, stack));
        return report.failed(afterRollback == null ? problem : problem + "; after restoring the previous files: " + afterRollback);
    }

    /** VICIdial renders this server: its run's findings become the report; what it verified is remembered. */
    private Report vicidialRendered(Report report, VicidialRunResult result) {
        report.files = result.files();
        report.reloads.addAll(result.reloads());
        report.warnings = result.warnings();
        report.excluded = List.of();
        if (result.outcome() != RefreshOutcome.APPLIED) {
            return report.failed(result.error());
        }
        liveNames.putAll(result.liveNames());
        Map<String, String> hashes = new LinkedHashMap<>();
        report.files.forEach(file -> hashes.put(file.name(), file.sha256()));
        Map<String, Set<String>> names = new HashMap<>();
        liveNames.forEach((kind, set) -> names.put(kind.name(), set));
        new AgentState(report.revision, hashes, names).save(stateFile);
        return report.outcome(RefreshOutcome.APPLIED);
    }

    /** @return what went wrong, or null when every reload answered well and the live state matches */
    private String reloadAndVerify(List<ConfFile> files, RenderedConfig rendered, Report report)
            throws InterruptedException {
        Asterisk target = asterisk.orElseThrow();
        ReloadOutcome outcome = target.reloader().reload(commands(files));
        outcome.results().forEach(result -> report.reloads.add(
                new ServerRefreshCompleted.ReloadResult(result.commandText(), result.ok(), result.millis())));
        Optional<ReloadResult> failure = outcome.failure();
        if (failure.isPresent()) {
            return failure.get().commandText() + ": " + failure.get().failure().orElse("failed");
        }
        Verification verification = target.verifier().verify(expected(files, rendered));
        return verification.ok() ? null : "live state after reload: " + verification.message();
    }

    /** After a rollback, the previous files' names are what must be live again. */
    private String reloadAndVerifyPrevious(List<ConfFile> files) throws InterruptedException {
        Asterisk target = asterisk.orElseThrow();
        ReloadOutcome outcome = target.reloader().reload(commands(files));
        if (!outcome.ok()) {
            return outcome.failure().map(result -> result.commandText() + ": " + result.failure().orElse("failed"))
                    .orElse("reload failed");
        }
        ExpectedLiveState previous = ExpectedLiveState.none();
        for (ConfFile file : files) {
            LiveKind kind = kindOf(file);
            previous = previous.with(kind, liveNames.getOrDefault(kind, Set.of()));
        }
        Verification verification = target.verifier().verify(previous);
        return verification.ok() ? null : verification.message();
    }

    private ExpectedLiveState expected(List<ConfFile> files, RenderedConfig rendered) {
        ExpectedLiveState expected = ExpectedLiveState.none();
        for (ConfFile file : files) {
            LiveKind kind = kindOf(file);
            List<String> present = rendered.names().of(file);
            Set<String> removed = new HashSet<>(liveNames.getOrDefault(kind, Set.of()));
            removed.removeAll(present);
            expected = expected.with(kind, present, removed);
        }
        return expected;
    }

    private void remember(Report report, RenderedConfig rendered) {
        for (ConfFile file : ConfFile.values()) {
            if (file != inactiveSipFile(rendered.stack())) {
                liveNames.put(kindOf(file), new HashSet<>(rendered.names().of(file)));
            }
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        report.files.forEach(file -> hashes.put(file.name(), file.sha256()));
        Map<String, Set<String>> names = new HashMap<>();
        liveNames.forEach((kind, set) -> names.put(kind.name(), set));
        new AgentState(report.revision, hashes, names).save(stateFile);
    }

    private List<String> invalidFiles(RenderedConfig rendered) {
        List<String> invalid = new ArrayList<>();
        for (ConfFile file : ConfFile.values()) {
            List<ConfProblem> problems = validator.validate(rendered.file(file).content());
            if (!problems.isEmpty()) {
                invalid.add(fileNames.get(file) + ": " + problems.get(0));
            }
        }
        return invalid;
    }

    private Map<String, byte[]> byName(RenderedConfig rendered) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (ConfFile file : ConfFile.inReloadOrder()) {
            files.put(fileNames.get(file), rendered.file(file).content());
        }
        return files;
    }

    private List<ConfFile> changedFiles(List<FileChange> changes) {
        List<ConfFile> changed = new ArrayList<>();
        for (ConfFile file : ConfFile.inReloadOrder()) {
            if (changes.stream().anyMatch(change -> change.changed() && change.name().equals(fileNames.get(file)))) {
                changed.add(file);
            }
        }
        return changed;
    }

    private static List<FileResult> fileResults(List<FileChange> changes) {
        return changes.stream()
                .map(change -> new FileResult(change.name(), change.sha256(), change.content().length, change.changed()))
                .toList();
    }

    /** Every module this server's files feed, in reload order: the active SIP stack only. */
    private static List<ConfFile> managedFiles(SipStack stack) {
        return reloadable(ConfFile.inReloadOrder(), stack);
    }

    /**
     * The inactive stack's file is rewritten (emptied) but never reloaded: an Asterisk 21 has no chan_sip to reload,
     * and an old one may have no res_pjsip.
     */
    private static List<ConfFile> reloadable(List<ConfFile> files, SipStack stack) {
        return files.stream().filter(file -> file != inactiveSipFile(stack)).toList();
    }

    private static ConfFile inactiveSipFile(SipStack stack) {
        return stack == SipStack.PJSIP ? ConfFile.SIP : ConfFile.PJSIP;
    }

    private static List<ModuleReload> commands(List<ConfFile> files) {
        return files.stream().map(file -> AsteriskCommand.reload(moduleOf(file))).toList();
    }

    private static AsteriskModule moduleOf(ConfFile file) {
        return AsteriskModule.bySoName(file.module())
                .orElseThrow(() -> new IllegalStateException("no Asterisk module for " + file));
    }

    private static LiveKind kindOf(ConfFile file) {
        return LiveKind.of(moduleOf(file));
    }

    /** What the status event of a run will say, filled in as the run goes. */
    private static final class Report {
        private final long revision;
        private RefreshOutcome outcome;
        private PeerCounts peers = NO_PEERS;
        private List<FileResult> files = List.of();
        private final List<ServerRefreshCompleted.ReloadResult> reloads = new ArrayList<>();
        private boolean rolledBack;
        private String error;
        private List<String> warnings = List.of();
        private List<ServerRefreshCompleted.ExcludedPhone> excluded = List.of();

        private Report(long revision, RenderedConfig rendered) {
            this.revision = revision;
            if (rendered != null) {
                this.peers = rendered.peers();
                this.warnings = rendered.warnings();
                this.excluded = rendered.excluded();
            }
        }

        static Report failed(long revision, String error) {
            return new Report(revision, null).failed(error);
        }

        Report failed(String error) {
            this.error = error;
            return outcome(RefreshOutcome.FAILED);
        }

        Report outcome(RefreshOutcome outcome) {
            this.outcome = outcome;
            return this;
        }
    }
}
