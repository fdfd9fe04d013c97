package io.dialfleet.agent.vicidial;

import io.dialfleet.agent.asterisk.LiveKind;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ServerRefreshCompleted.FileResult;
import io.dialfleet.events.ServerRefreshCompleted.ReloadResult;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one run in VICIdial renders mode found, for the status event.
 *
 * @param outcome   APPLIED or FAILED
 * @param error     why it FAILED; null when APPLIED
 * @param files     dialfleet's own files that still exist, compared with their header-only content ({@code changed}:
 *                  emptied by this run)
 * @param reloads   the reloads of emptied files, then the rebuild command ({@code rebuild <program>})
 * @param warnings  a failed rebuild command, phones not verified, a live state not checked
 * @param liveNames when APPLIED, the names live per kind from now on, for the next run's check of removed names
 */
public record VicidialRunResult(RefreshOutcome outcome, String error, List<FileResult> files,
        List<ReloadResult> reloads, List<String> warnings, Map<LiveKind, Set<String>> liveNames) {

    public VicidialRunResult {
        files = List.copyOf(files);
        reloads = List.copyOf(reloads);
        warnings = List.copyOf(warnings);
        liveNames = Map.copyOf(liveNames);
    }
}
