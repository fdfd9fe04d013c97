package io.dialfleet.agent.refresh;

import io.dialfleet.agent.asterisk.AsteriskAccessException;
import io.dialfleet.agent.asterisk.ExpectedLiveState;
import io.dialfleet.agent.asterisk.ExpectedNames;
import io.dialfleet.agent.asterisk.LiveKind;
import io.dialfleet.agent.asterisk.ReloadCompletion;
import io.dialfleet.agent.asterisk.ReloadOutcome;
import io.dialfleet.agent.asterisk.ReloadResult;
import io.dialfleet.agent.asterisk.RenderedSections;
import io.dialfleet.agent.asterisk.SettledVerifier;
import io.dialfleet.agent.asterisk.Verification;
import io.dialfleet.agent.install.ConfInstaller;
import io.dialfleet.agent.install.FileChange;
import io.dialfleet.agent.render.ConfFile;
import io.dialfleet.agent.render.RenderedConfig;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One pass's step: install the changed files, reload their modules, wait until the reloads are over and check the
 * live state against what was rendered. Everything that goes wrong — a file that cannot be written half-way, a reload
 * refused, a phone missing — comes back as an {@link Attempt} for the caller to roll back; nothing is rolled back
 * here.
 */
final class InstallReloadVerify {

    private final ConfInstaller installer;
    /** Absent in reload mode none: then the step only installs. */
    private final Optional<Asterisk> asterisk;
    private final ManagedFiles files;
    private final RunMemory memory;
    private final PhaseClock phases;

    InstallReloadVerify(RunTools tools) {
        this.installer = tools.installer();
        this.asterisk = tools.asterisk();
        this.files = tools.files();
        this.memory = tools.memory();
        this.phases = tools.phases();
    }

    /**
     * @param reloaded the files whose modules to reload, in reload order
     * @param verified the files whose live state to check
     * @param before   the files' content before the run, by name (the sections that changed are checked closely)
     */
    Attempt apply(List<FileChange> changes, List<ConfFile> reloaded, List<ConfFile> verified,
            RenderedConfig rendered, Map<String, byte[]> before, RunReport report) throws InterruptedException {
        Attempt installed = install(changes);
        if (!installed.ok()) {
            return installed;
        }
        Attempt reload = reload(reloaded, report);
        if (!reload.ok()) {
            return reload;
        }
        return phases.time(RunPhase.VERIFY, () -> verify(reloaded, expected(verified, rendered, before)));
    }

    /** Installs; a failure part-way leaves some files new and some old, for the caller to put back. */
    Attempt install(List<FileChange> changes) {
        try {
            phases.time(RunPhase.INSTALL, () -> {
                installer.install(changes);
                return null;
            });
            return Attempt.OK;
        } catch (RuntimeException e) {
            return Attempt.notInstalled(e);
        }
    }

    /** Reloads the files' modules, adding each command's result to the report. */
    Attempt reload(List<ConfFile> reloaded, RunReport report) throws InterruptedException {
        ReloadOutcome outcome = phases.time(RunPhase.RELOAD,
                () -> asterisk.orElseThrow().reloader().reload(ManagedFiles.commands(reloaded)));
        report.reloaded(outcome);
        Optional<ReloadResult> failure = outcome.failure();
        if (failure.isPresent()) {
            return new Attempt(failure.get().commandText() + ": " + failure.get().failure().orElse("failed"), null,
                    !outcome.unfinished());
        }
        return Attempt.OK;
    }

    private Attempt verify(List<ConfFile> reloaded, ExpectedLiveState expected) throws InterruptedException {
        Asterisk asterisk = this.asterisk.orElseThrow();
        ReloadCompletion.State completion = asterisk.completion().await(reloaded);
        SettledVerifier.Result result;
        try {
            result = asterisk.verifier().verify(expected, completion, asterisk.completion().timeout());
        } catch (AsteriskAccessException e) {
            return new Attempt("could not check the live state: " + e.getMessage(), null, false);
        }
        Verification verification = result.verification();
        if (verification.ok()) {
            return Attempt.OK;
        }
        String problem = "live state after reload: " + verification.message();
        if (completion == ReloadCompletion.State.NOT_CONFIRMED) {
            problem += " (chan_sip did not answer SIP within " + asterisk.completion().timeout().toMillis()
                    + " ms after its reload)";
        }
        return new Attempt(problem, verification, result.settled());
    }

    /** What must be live once the files are loaded: their names, none of the removed ones, the changed sections. */
    private ExpectedLiveState expected(List<ConfFile> verified, RenderedConfig rendered, Map<String, byte[]> before) {
        ExpectedLiveState expected = ExpectedLiveState.none();
        for (ConfFile file : verified) {
            LiveKind kind = LiveKind.of(file);
            List<String> present = rendered.names().of(file);
            Set<String> removed = new HashSet<>(memory.liveNames(kind));
            removed.removeAll(present);
            Map<String, Map<String, String>> sections = Map.of();
            Set<String> changed = Set.of();
            if (kind.fromPeerSections()) {
                sections = RenderedSections.parse(rendered.file(file).text());
                byte[] previous = before.get(files.name(file));
                changed = RenderedSections.changed(previous == null ? Map.of()
                        : RenderedSections.parse(new String(previous, StandardCharsets.UTF_8)), sections);
            }
            expected = expected.with(kind, new ExpectedNames(present, List.copyOf(removed), sections, changed));
        }
        return expected;
    }
}
