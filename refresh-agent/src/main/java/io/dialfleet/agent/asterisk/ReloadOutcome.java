package io.dialfleet.agent.asterisk;

import java.util.List;
import java.util.Optional;

/**
 * The result of a sequence of reloads, which stops at the first failure.
 *
 * @param results one per command that was run, in order; a failure is always the last
 * @param notRun  the commands left out after a failure
 */
public record ReloadOutcome(List<ReloadResult> results, List<AsteriskCommand.ModuleReload> notRun) {

    public ReloadOutcome {
        results = List.copyOf(results);
        notRun = List.copyOf(notRun);
    }

    /** True when every command was run and none failed. */
    public boolean ok() {
        return notRun.isEmpty() && results.stream().allMatch(ReloadResult::ok);
    }

    /** True when the sequence stopped on a reload that Asterisk may still be running. */
    public boolean unfinished() {
        return failure().map(ReloadResult::unfinished).orElse(false);
    }

    /** The failed command, if one failed. */
    public Optional<ReloadResult> failure() {
        return results.stream().filter(r -> !r.ok()).findFirst();
    }
}
