package io.dialfleet.agent.refresh;

import io.dialfleet.agent.asterisk.AsteriskCommand;
import io.dialfleet.agent.asterisk.AsteriskCommand.ModuleReload;
import io.dialfleet.agent.asterisk.AsteriskAccessException;
import io.dialfleet.agent.asterisk.AsteriskLogin;
import io.dialfleet.agent.asterisk.AsteriskModule;
import io.dialfleet.agent.asterisk.ExpectedLiveState;
import io.dialfleet.agent.asterisk.ExpectedNames;
import io.dialfleet.agent.asterisk.LiveKind;
import io.dialfleet.agent.asterisk.ReloadCompletion;
import io.dialfleet.agent.asterisk.ReloadOutcome;
import io.dialfleet.agent.asterisk.RegistrationCleanup;
import io.dialfleet.agent.asterisk.ReloadResult;
import io.dialfleet.agent.asterisk.RenderedSections;
import io.dialfleet.agent.asterisk.SettledVerifier;
import io.dialfleet.agent.asterisk.Verification;
import io.dialfleet.agent.install.AgentState;
import io.dialfleet.agent.install.ConfInstaller;
import io.dialfleet.agent.install.EmptyIncludes;
import io.dialfleet.agent.install.FileChange;
import io.dialfleet.agent.metrics.RunPhase;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * One rebuild of this server's Asterisk configuration (architecture.md, "refresh-agent"): fetch the desired peer
 * set, render, validate, install what changed, reload exactly those modules (all of them when forced), then check
 * the live state once Asterisk has finished — it says "reloaded successfully" even when it refused a phone, and
 * before chan_sip has reloaded at all. Phones whose peer section Asterisk did not take are left out and the rest
 * applied again without them (docs/operations.md, "Asterisk on each telco server"); any other failure puts back the
 * files as they were before the run, reloads and checks them, and is reported FAILED with what went wrong. A
 * failure seen while Asterisk may still be reloading is reported FAILED without rollback, and the next run reloads
 * and checks again.
 */
public final class RefreshRunner implements Consumer<RefreshBatch> {

    private static final Logger LOG = Logger.getLogger(RefreshRunner.class);
    private static final PeerCounts NO_PEERS = new PeerCounts(0, 0, 0);
    /** The full apply, then at most two applies without the phones that did not come up. */
    private static final int MAX_PASSES = 3;

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
    /** Phones left out by the last applied run; left out again while their data stays the same. */
    private PhoneExclusions excludedEarlier = new PhoneExclusions();
    /** A run ended before the live state could be checked: the next run reloads and checks even if unchanged. */
    private boolean verificationPending;
    /** What the state file last said; its {@code unverified} files are reloaded and checked by the next run. */
    private AgentState state;
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
                asterisk.map(Asterisk::verifier), vicidial);
        this.state = AgentState.load(stateFile).orElse(AgentState.NONE);
        state.liveNames().forEach((kind, names) -> liveNames.put(LiveKind.valueOf(kind), new HashSet<>(names)));
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
        Optional<String> unreachable = asterisk.flatMap(target -> target.login().check());
        if (unreachable.isPresent()) {
            return Report.failed(batch.revision(), "nothing installed: " + unreachable.get());
        }
        PeerConfigSnapshot snapshot = RunPhase.FETCH.time(() -> snapshots.fetch(serverIp));
        SipStack stack = stackSetting.resolve(snapshot.server().asteriskVersion());
        if (snapshot.server().renderMode() == RenderMode.VICIDIAL) {
            RenderedConfig expected = RunPhase.RENDER.time(() -> renderer.render(snapshot, stack));
            return vicidialRendered(new Report(snapshot.revision(), expected),
                    vicidialRun.run(snapshot, expected, Map.copyOf(liveNames)));
        }
        // Files installed by a run that ended before its check (a crash, a kill) look unchanged, yet Asterisk may
        // never have loaded them: they are reloaded and checked as if they had changed.
        Set<ConfFile> unverified = unverifiedFiles();
        Map<String, byte[]> empty = EmptyIncludes.of(snapshot.server().serverId(), serverIp, fileNames);
        boolean force = batch.force() || verificationPending;
        PhoneExclusions exclusions = batch.force() ? new PhoneExclusions() : excludedEarlier.carriedTo(snapshot);
        Map<String, byte[]> before = null;
        Set<ConfFile> touched = EnumSet.noneOf(ConfFile.class);
        for (int pass = 1; ; pass++) {
            RenderedConfig rendered = RunPhase.RENDER.time(() -> renderer.render(snapshot, stack,
                    exclusions.reasons()));
            Report report = new Report(snapshot.revision(), rendered);
            List<String> invalid = invalidFiles(rendered);
            if (!invalid.isEmpty()) {
                String problem = "rendered files failed validation, nothing installed: " + String.join("; ", invalid);
                return before == null ? report.failed(problem)
                        : rollBack(report, problem, before, empty, touched, stack, unverified);
            }
            List<FileChange> changes = installer.compare(byName(rendered));
            if (before == null) {
                before = liveContents(changes);
            }
            report.files = fileResults(changes, before);
            List<ConfFile> changed = changedFiles(changes);
            if (pass == 1 && changed.isEmpty() && !force && unverified.isEmpty()) {
                remember(report, rendered, exclusions);
                return report.outcome(RefreshOutcome.UNCHANGED);
            }
            if (asterisk.isPresent() && pass == 1 && changed.contains(ConfFile.PJSIP) && stack == SipStack.PJSIP) {
                touched.add(ConfFile.PJSIP);
                Attempt staged = removeInSteps(before, rendered, report);
                if (staged != null) {
                    return unsettledOrRolledBack(report, staged, before, empty, touched, stack, unverified);
                }
            }
            if (asterisk.isEmpty()) {
                RunPhase.INSTALL.time(() -> installer.install(changes));
                remember(report, rendered, exclusions);
                return report.outcome(RefreshOutcome.APPLIED);
            }
            touched.addAll(changed);
            List<ConfFile> reloaded = pass == 1 && force ? managedFiles(stack)
                    : reloadable(pass == 1 ? union(changed, unverified) : changed, stack);
            if (pass == 1) {
                touched.addAll(reloadable(inReloadOrder(unverified), stack));
                saveUnverified(union(reloaded, unverified));
            }
            RunPhase.INSTALL.time(() -> installer.install(changes));
            List<ConfFile> verified = force ? managedFiles(stack) : reloadable(inReloadOrder(touched), stack);
            Attempt attempt = reloadAndVerify(reloaded, verified, rendered, before, report);
            if (attempt.problem() == null) {
                verificationPending = false;
                remember(report, rendered, exclusions);
                report.warn(asterisk.get().registrations().apply(registrationPlan(before, rendered, stack)));
                return report.outcome(RefreshOutcome.APPLIED);
            }
            if (!attempt.settled()) {
                return unsettledOrRolledBack(report, attempt, before, empty, touched, stack, unverified);
            }
            Map<String, String> failing = pass < MAX_PASSES && phonesAlone(attempt.verification())
                    ? exclusions.phonesOf(attempt.verification().failed(), snapshot, stack) : Map.of();
            if (failing.isEmpty()) {
                return rollBack(report, attempt.problem(), before, empty, touched, stack, unverified);
            }
            exclusions.add(failing, snapshot);
        }
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
        excludedEarlier = new PhoneExclusions();
        verificationPending = false;
        liveNames.putAll(result.liveNames());
        saveState(report);
        return report.outcome(RefreshOutcome.APPLIED);
    }

    /**
     * The end of a run whose last reload or check went wrong: FAILED without rollback while Asterisk may still be
     * applying the files (the next run reloads and checks them again, even if nothing changed), else rolled back.
     */
    private Report unsettledOrRolledBack(Report report, Attempt attempt, Map<String, byte[]> before,
            Map<String, byte[]> empty, Set<ConfFile> touched, SipStack stack, Set<ConfFile> unverified)
            throws InterruptedException {
        if (attempt.settled()) {
            return rollBack(report, attempt.problem(), before, empty, touched, stack, unverified);
        }
        verificationPending = true;
        return report.failed(attempt.problem() + "; not rolled back: Asterisk may still be applying the files, the"
                + " next run checks them again");
    }

    /**
     * Before a PJSIP file that removes more than {@link Asterisk#pjsipRemovalsPerReload()} phones, installs and
     * reloads the installed file without them a batch at a time ({@link PjsipRemovalStages}).
     *
     * @return null when every step reloaded, else how the step failed
     */
    private Attempt removeInSteps(Map<String, byte[]> before, RenderedConfig rendered, Report report)
            throws InterruptedException {
        Asterisk target = asterisk.orElseThrow();
        String name = fileNames.get(ConfFile.PJSIP);
        byte[] installed = before.get(name);
        if (installed == null) {
            return null;
        }
        List<byte[]> stages = PjsipRemovalStages.intermediates(new String(installed, StandardCharsets.UTF_8),
                rendered.names().of(ConfFile.PJSIP), target.pjsipRemovalsPerReload());
        for (int step = 0; step < stages.size(); step++) {
            installer.install(installer.compare(Map.of(name, stages.get(step))));
            ReloadOutcome outcome = target.reloader().reload(commands(List.of(ConfFile.PJSIP)));
            outcome.results().forEach(result -> report.reloads.add(
                    new ServerRefreshCompleted.ReloadResult(result.commandText(), result.ok(), result.millis())));
            Optional<ReloadResult> failure = outcome.failure();
            if (failure.isPresent()) {
                String problem = "removing PJSIP phones in steps of " + target.pjsipRemovalsPerReload() + ", step "
                        + (step + 1) + " of " + (stages.size() + 1) + ": " + failure.get().commandText() + ": "
                        + failure.get().failure().orElse("failed");
                return new Attempt(problem, null, !outcome.unfinished());
            }
            LOG.infof("server %s: removing PJSIP phones, step %d of %d reloaded in %d ms", serverIp, step + 1,
                    stages.size() + 1, outcome.results().get(0).millis());
        }
        return null;
    }

    /**
     * Whether the problems are all about phones' peer sections, so that leaving those phones out can let the rest
     * apply; anything else (a reload refused, a module that kept its old state, an unreadable answer) is rolled back.
     */
    private static boolean phonesAlone(Verification verification) {
        return verification != null && verification.onlyFailedObjects()
                && verification.failed().stream().allMatch(object -> object.kind().fromPeerSections());
    }

    /** How one pass's reloads and checks went. */
    private record Attempt(String problem, Verification verification, boolean settled) {
        static final Attempt OK = new Attempt(null, null, true);
    }

    private Attempt reloadAndVerify(List<ConfFile> reloaded, List<ConfFile> verified, RenderedConfig rendered,
            Map<String, byte[]> before, Report report) throws InterruptedException {
        Asterisk target = asterisk.orElseThrow();
        ReloadOutcome outcome = RunPhase.RELOAD.time(() -> target.reloader().reload(commands(reloaded)));
        outcome.results().forEach(result -> report.reloads.add(
                new ServerRefreshCompleted.ReloadResult(result.commandText(), result.ok(), result.millis())));
        Optional<ReloadResult> failure = outcome.failure();
        if (failure.isPresent()) {
            return new Attempt(failure.get().commandText() + ": " + failure.get().failure().orElse("failed"), null,
                    !outcome.unfinished());
        }
        ReloadCompletion.State completion;
        SettledVerifier.Result result;
        try (RunPhase.Timing verifying = RunPhase.VERIFY.start()) {
            completion = target.completion().await(reloaded.stream().map(RefreshRunner::moduleOf).toList());
            result = target.verifier().verify(expected(verified, rendered, before), completion,
                    target.completion().timeout());
        } catch (AsteriskAccessException e) {
            return new Attempt("could not check the live state: " + e.getMessage(), null, false);
        }
        if (result.verification().ok()) {
            return Attempt.OK;
        }
        String problem = "live state after reload: " + result.verification().message();
        if (completion == ReloadCompletion.State.NOT_CONFIRMED) {
            problem += " (chan_sip did not answer SIP within " + target.completion().timeout().toMillis()
                    + " ms after its reload)";
        }
        return new Attempt(problem, result.verification(), result.settled());
    }

    /**
     * Puts back the files as they were before this run, reloads and checks them; the run is FAILED. Once they check,
     * only the files an earlier run left unverified and this one did not touch stay on record.
     */
    private Report rollBack(Report report, String problem, Map<String, byte[]> before, Map<String, byte[]> empty,
            Set<ConfFile> touched, SipStack stack, Set<ConfFile> unverified) throws InterruptedException {
        restore(before, empty, touched);
        report.rolledBack = true;
        String afterRollback = reloadAndVerifyPrevious(reloadable(inReloadOrder(touched), stack));
        if (afterRollback == null) {
            Set<ConfFile> stillUnverified = EnumSet.noneOf(ConfFile.class);
            stillUnverified.addAll(unverified);
            stillUnverified.removeAll(touched);
            saveUnverified(stillUnverified);
        }
        return report.failed(afterRollback == null ? problem
                : problem + "; after restoring the previous files: " + afterRollback);
    }

    /**
     * A file that did not exist before the run gets its empty version, never deleted: an {@code #include} may already
     * name it, and a missing include makes Asterisk refuse the whole including file.
     */
    private void restore(Map<String, byte[]> before, Map<String, byte[]> empty, Set<ConfFile> touched) {
        Map<String, byte[]> previous = new LinkedHashMap<>();
        for (ConfFile file : inReloadOrder(touched)) {
            String name = fileNames.get(file);
            previous.put(name, before.containsKey(name) ? before.get(name) : empty.get(name));
        }
        installer.install(installer.compare(previous));
    }

    /** Whose registrations go once the change is live: the active stack's peers removed or given new credentials. */
    private RegistrationCleanup.Plan registrationPlan(Map<String, byte[]> before, RenderedConfig rendered,
            SipStack stack) {
        byte[] previous = before.get(fileNames.get(stack.peerFile()));
        if (previous == null) {
            return RegistrationCleanup.Plan.NONE;
        }
        return RegistrationCleanup.plan(moduleOf(stack.peerFile()), new String(previous, StandardCharsets.UTF_8),
                rendered.file(stack.peerFile()).text());
    }

    /** Saved before an install and cleared by the check after it, so a crash in between leaves a record to finish. */
    private void saveUnverified(Collection<ConfFile> files) {
        state = state.withUnverified(files.stream().map(ConfFile::name).collect(Collectors.toSet()));
        state.save(stateFile);
    }

    private Set<ConfFile> unverifiedFiles() {
        Set<ConfFile> files = EnumSet.noneOf(ConfFile.class);
        for (String name : state.unverified()) {
            Arrays.stream(ConfFile.values()).filter(file -> file.name().equals(name)).forEach(files::add);
        }
        return files;
    }

    /** Both sets' files, in reload order. */
    private static List<ConfFile> union(Collection<ConfFile> first, Collection<ConfFile> second) {
        return ConfFile.inReloadOrder().stream().filter(file -> first.contains(file) || second.contains(file)).toList();
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
        ReloadCompletion.State completion = target.completion().await(files.stream().map(RefreshRunner::moduleOf)
                .toList());
        Verification verification = target.verifier().verify(previous, completion, target.completion().timeout())
                .verification();
        return verification.ok() ? null : verification.message();
    }

    private ExpectedLiveState expected(List<ConfFile> files, RenderedConfig rendered, Map<String, byte[]> before) {
        ExpectedLiveState expected = ExpectedLiveState.none();
        for (ConfFile file : files) {
            LiveKind kind = kindOf(file);
            List<String> present = rendered.names().of(file);
            Set<String> removed = new HashSet<>(liveNames.getOrDefault(kind, Set.of()));
            removed.removeAll(present);
            Map<String, Map<String, String>> sections = Map.of();
            Set<String> changed = Set.of();
            if (file == ConfFile.SIP || file == ConfFile.PJSIP || file == ConfFile.IAX) {
                sections = RenderedSections.parse(rendered.file(file).text());
                byte[] previous = before.get(fileNames.get(file));
                changed = RenderedSections.changed(previous == null ? Map.of()
                        : RenderedSections.parse(new String(previous, StandardCharsets.UTF_8)), sections);
            }
            expected = expected.with(kind, new ExpectedNames(present, List.copyOf(removed), sections, changed));
        }
        return expected;
    }

    /** The content of each file before this run installed anything, by name; a file that did not exist is absent. */
    private static Map<String, byte[]> liveContents(List<FileChange> changes) {
        Map<String, byte[]> contents = new HashMap<>();
        for (FileChange change : changes) {
            if (change.existed()) {
                try {
                    contents.put(change.name(), Files.readAllBytes(change.path()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + change.path(), e);
                }
            }
        }
        return contents;
    }

    private void remember(Report report, RenderedConfig rendered, PhoneExclusions exclusions) {
        excludedEarlier = exclusions;
        for (ConfFile file : ConfFile.values()) {
            if (file != inactiveSipFile(rendered.stack())) {
                liveNames.put(kindOf(file), new HashSet<>(rendered.names().of(file)));
            }
        }
        saveState(report);
    }

    /** The applied revision, file hashes and live names of a run that checked; nothing is left unverified. */
    private void saveState(Report report) {
        Map<String, String> hashes = new LinkedHashMap<>();
        report.files.forEach(file -> hashes.put(file.name(), file.sha256()));
        Map<String, Set<String>> names = new HashMap<>();
        liveNames.forEach((kind, set) -> names.put(kind.name(), set));
        state = new AgentState(report.revision, hashes, names, Set.of());
        state.save(stateFile);
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

    /** Each file as rendered, "changed" when it differs from what was live before the run. */
    private static List<FileResult> fileResults(List<FileChange> changes, Map<String, byte[]> before) {
        return changes.stream()
                .map(change -> new FileResult(change.name(), change.sha256(), change.content().length,
                        !Arrays.equals(before.get(change.name()), change.content())))
                .toList();
    }

    private static List<ConfFile> inReloadOrder(Set<ConfFile> files) {
        return ConfFile.inReloadOrder().stream().filter(files::contains).toList();
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

        void warn(List<String> more) {
            if (!more.isEmpty()) {
                List<String> all = new ArrayList<>(warnings);
                all.addAll(more);
                warnings = List.copyOf(all);
            }
        }
    }
}
