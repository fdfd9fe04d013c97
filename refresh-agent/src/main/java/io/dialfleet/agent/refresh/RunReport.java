package io.dialfleet.agent.refresh;

import io.dialfleet.agent.asterisk.ReloadOutcome;
import io.dialfleet.agent.install.FileChange;
import io.dialfleet.agent.render.RenderedConfig;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ServerRefreshCompleted;
import io.dialfleet.events.ServerRefreshCompleted.ExcludedPhone;
import io.dialfleet.events.ServerRefreshCompleted.FileResult;
import io.dialfleet.events.ServerRefreshCompleted.PeerCounts;
import io.dialfleet.events.ServerRefreshCompleted.ReloadResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the status event of a run will say, filled in as the run goes, and the event it becomes. */
final class RunReport {

    private static final PeerCounts NO_PEERS = new PeerCounts(0, 0, 0);

    final long revision;
    RefreshOutcome outcome;
    PeerCounts peers = NO_PEERS;
    List<FileResult> files = List.of();
    final List<ReloadResult> reloads = new ArrayList<>();
    boolean rolledBack;
    String error;
    List<String> warnings = List.of();
    List<ExcludedPhone> excluded = List.of();

    /** @param rendered the files the run means to apply; null before there are any */
    RunReport(long revision, RenderedConfig rendered) {
        this.revision = revision;
        if (rendered != null) {
            this.peers = rendered.peers();
            this.warnings = rendered.warnings();
            this.excluded = rendered.excluded();
        }
    }

    static RunReport failed(long revision, String error) {
        return new RunReport(revision, null).failed(error);
    }

    RunReport failed(String error) {
        this.error = error;
        return outcome(RefreshOutcome.FAILED);
    }

    RunReport outcome(RefreshOutcome outcome) {
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

    /** Adds the reloads that were run, successful or not. */
    void reloaded(ReloadOutcome outcome) {
        outcome.results().forEach(result -> reloads.add(
                new ReloadResult(result.commandText(), result.ok(), result.millis())));
    }

    /** Each file as rendered, "changed" when it differs from what was live before the run. */
    void files(List<FileChange> changes, Map<String, byte[]> before) {
        files = changes.stream()
                .map(change -> new FileResult(change.name(), change.sha256(), change.content().length,
                        !Arrays.equals(before.get(change.name()), change.content())))
                .toList();
    }

    ServerRefreshCompleted toEvent(String serverIp, String agentId, RefreshBatch batch, Instant started,
            Instant finished) {
        return new ServerRefreshCompleted(ServerRefreshCompleted.SCHEMA_VERSION, UUID.randomUUID(), serverIp, agentId,
                batch.requestIds(), revision, outcome, peers, files, reloads, rolledBack, error, warnings, excluded,
                started, finished, Duration.between(started, finished).toMillis());
    }
}
