package io.dialfleet.agent.refresh;

import io.dialfleet.agent.asterisk.ExpectedLiveState;
import io.dialfleet.agent.asterisk.LiveKind;
import io.dialfleet.agent.asterisk.ReloadCompletion;
import io.dialfleet.agent.asterisk.ReloadOutcome;
import io.dialfleet.agent.asterisk.Verification;
import io.dialfleet.agent.render.ConfFile;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts back the files a failed run touched as they were before it, reloads them and checks that the previous names
 * are live again; the run is FAILED either way. Once they check, only the files an earlier run left unverified and
 * this one did not touch stay on record.
 */
final class Rollback {

    private final RunTools tools;

    Rollback(RunTools tools) {
        this.tools = tools;
    }

    RunReport run(RunReport report, String problem, RollbackPoint point) throws InterruptedException {
        tools.phases().time(RunPhase.INSTALL, () -> {
            restore(point);
            return null;
        });
        report.rolledBack = true;
        String afterRollback = tools.asterisk().isEmpty() ? null
                : reloadAndVerifyPrevious(ManagedFiles.reloadable(point.touched(), point.stack()));
        if (afterRollback == null) {
            Set<ConfFile> stillUnverified = EnumSet.noneOf(ConfFile.class);
            stillUnverified.addAll(point.unverified());
            stillUnverified.removeAll(point.touched());
            tools.memory().saveUnverified(stillUnverified);
        }
        return report.failed(afterRollback == null ? problem
                : problem + "; after restoring the previous files: " + afterRollback);
    }

    /**
     * A file that did not exist before the run gets its empty version, never deleted: an {@code #include} may already
     * name it, and a missing include makes Asterisk refuse the whole including file.
     */
    private void restore(RollbackPoint point) {
        Map<String, byte[]> previous = new LinkedHashMap<>();
        for (ConfFile file : ConfFile.inReloadOrder(point.touched())) {
            String name = tools.files().name(file);
            previous.put(name, point.before().containsKey(name) ? point.before().get(name) : point.empty().get(name));
        }
        tools.installer().install(tools.installer().compare(previous));
    }

    /** @return what is still wrong once the previous files are reloaded, or null */
    private String reloadAndVerifyPrevious(List<ConfFile> reloaded) throws InterruptedException {
        Asterisk target = tools.asterisk().orElseThrow();
        ReloadOutcome outcome = tools.phases().time(RunPhase.RELOAD,
                () -> target.reloader().reload(ManagedFiles.commands(reloaded)));
        if (!outcome.ok()) {
            return outcome.failure().map(result -> result.commandText() + ": " + result.failure().orElse("failed"))
                    .orElse("reload failed");
        }
        ExpectedLiveState previous = ExpectedLiveState.none();
        for (ConfFile file : reloaded) {
            LiveKind kind = LiveKind.of(file);
            previous = previous.with(kind, tools.memory().liveNames(kind));
        }
        ExpectedLiveState expected = previous;
        Verification verification = tools.phases().time(RunPhase.VERIFY, () -> {
            ReloadCompletion.State completion = target.completion().await(reloaded);
            return target.verifier().verify(expected, completion, target.completion().timeout()).verification();
        });
        return verification.ok() ? null : verification.message();
    }
}
