package io.dialfleet.agent.refresh;

import io.dialfleet.agent.asterisk.RegistrationCleanup;
import io.dialfleet.agent.install.ConfInstaller;
import io.dialfleet.agent.install.EmptyIncludes;
import io.dialfleet.agent.install.FileChange;
import io.dialfleet.agent.render.ConfFile;
import io.dialfleet.agent.render.PeerConfigRenderer;
import io.dialfleet.agent.render.RenderedConfig;
import io.dialfleet.agent.render.SipStack;
import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.RefreshOutcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A run for a server dialfleet renders, in passes: render, validate, install what changed, reload exactly those
 * modules (all of them when forced) and check the live state. Phones whose peer section Asterisk did not take are
 * left out and the rest applied again without them (docs/operations.md, "Asterisk on each telco server"), at most
 * twice; any other failure — a file that cannot be written, a reload refused, a module that kept its old state —
 * is rolled back. A failure seen while Asterisk may still be reloading is reported FAILED without rollback, and the
 * next run reloads and checks again.
 */
final class ApplyPasses {

    /** The full apply, then at most two applies without the phones that did not come up. */
    private static final int MAX_PASSES = 3;

    /** One pass's files, and the problems Asterisk's parser would have with them ({@link ManagedFiles#invalid}). */
    private record Validated(RenderedConfig rendered, List<String> invalid) {
    }

    private final String serverIp;
    private final PeerConfigRenderer renderer = new PeerConfigRenderer();
    private final ConfInstaller installer;
    private final ManagedFiles files;
    private final Optional<Asterisk> asterisk;
    private final RunMemory memory;
    private final PhaseClock phases;
    private final InstallReloadVerify step;
    private final StagedPjsipRemoval stagedRemoval;
    private final Rollback rollback;

    ApplyPasses(String serverIp, RunTools tools) {
        this.serverIp = serverIp;
        this.installer = tools.installer();
        this.files = tools.files();
        this.asterisk = tools.asterisk();
        this.memory = tools.memory();
        this.phases = tools.phases();
        this.step = new InstallReloadVerify(tools);
        this.stagedRemoval = new StagedPjsipRemoval(serverIp, tools, step);
        this.rollback = new Rollback(tools);
    }

    RunReport run(PeerConfigSnapshot snapshot, SipStack stack, boolean forced) throws InterruptedException {
        Set<ConfFile> unverified = memory.unverifiedFiles();
        Map<String, byte[]> empty = EmptyIncludes.of(snapshot.server().serverId(), serverIp, files.names());
        boolean force = forced || memory.verificationPending();
        PhoneExclusions exclusions = memory.exclusionsFor(snapshot, forced);
        RollbackPoint point = null;
        for (int pass = 1; ; pass++) {
            Validated validated = phases.time(RunPhase.RENDER, () -> {
                RenderedConfig config = renderer.render(snapshot, stack, exclusions.reasons());
                return new Validated(config, files.invalid(config));
            });
            RenderedConfig rendered = validated.rendered();
            RunReport report = new RunReport(snapshot.revision(), rendered);
            if (!validated.invalid().isEmpty()) {
                String problem = "rendered files failed validation, nothing installed: "
                        + String.join("; ", validated.invalid());
                return point == null ? report.failed(problem) : rollback.run(report, problem, point);
            }
            List<FileChange> changes = installer.compare(files.byName(rendered));
            if (point == null) {
                point = new RollbackPoint(ManagedFiles.liveContents(changes), empty, unverified, stack);
            }
            report.files(changes, point.before());
            List<ConfFile> changed = files.changed(changes);
            if (pass == 1 && changed.isEmpty() && !force && unverified.isEmpty()) {
                memory.applied(report, rendered, exclusions);
                return report.outcome(RefreshOutcome.UNCHANGED);
            }
            if (asterisk.isEmpty()) {
                point.touched().addAll(changed);
                Attempt installed = step.install(changes);
                if (!installed.ok()) {
                    return rollback.run(report, installed.problem(), point);
                }
                memory.applied(report, rendered, exclusions);
                return report.outcome(RefreshOutcome.APPLIED);
            }
            if (pass == 1 && changed.contains(ConfFile.PJSIP) && stack == SipStack.PJSIP) {
                point.touched().add(ConfFile.PJSIP);
                Attempt staged = stagedRemoval.run(point.before(), rendered, report);
                if (!staged.ok()) {
                    return unsettledOrRolledBack(report, staged, point);
                }
            }
            point.touched().addAll(changed);
            List<ConfFile> reloaded = pass == 1 && force ? ManagedFiles.managed(stack)
                    : ManagedFiles.reloadable(pass == 1 ? ManagedFiles.union(changed, unverified) : changed, stack);
            if (pass == 1) {
                point.touched().addAll(ManagedFiles.reloadable(unverified, stack));
                memory.saveUnverified(ManagedFiles.union(reloaded, unverified));
            }
            List<ConfFile> verified = force ? ManagedFiles.managed(stack)
                    : ManagedFiles.reloadable(point.touched(), stack);
            Attempt attempt = step.apply(changes, reloaded, verified, rendered, point.before(), report);
            if (attempt.ok()) {
                memory.applied(report, rendered, exclusions);
                report.warn(asterisk.get().registrations().apply(registrationPlan(point, rendered, stack)));
                return report.outcome(RefreshOutcome.APPLIED);
            }
            if (!attempt.settled()) {
                return unsettledOrRolledBack(report, attempt, point);
            }
            Map<String, String> failing = pass < MAX_PASSES && attempt.phonesAlone()
                    ? exclusions.phonesOf(attempt.verification().failed(), snapshot, stack) : Map.of();
            if (failing.isEmpty()) {
                return rollback.run(report, attempt.problem(), point);
            }
            exclusions.add(failing, snapshot);
        }
    }

    /**
     * The end of a run whose last reload or check went wrong: FAILED without rollback while Asterisk may still be
     * applying the files (the next run reloads and checks them again, even if nothing changed), else rolled back.
     */
    private RunReport unsettledOrRolledBack(RunReport report, Attempt attempt, RollbackPoint point)
            throws InterruptedException {
        if (attempt.settled()) {
            return rollback.run(report, attempt.problem(), point);
        }
        memory.owesVerification();
        return report.failed(attempt.problem() + "; not rolled back: Asterisk may still be applying the files, the"
                + " next run checks them again");
    }

    /** Whose registrations go once the change is live: the active stack's peers removed or given new credentials. */
    private RegistrationCleanup.Plan registrationPlan(RollbackPoint point, RenderedConfig rendered, SipStack stack) {
        byte[] previous = point.before().get(files.name(stack.peerFile()));
        if (previous == null) {
            return RegistrationCleanup.Plan.NONE;
        }
        return RegistrationCleanup.plan(stack.peerFile(), new String(previous, StandardCharsets.UTF_8),
                rendered.file(stack.peerFile()).text());
    }
}
