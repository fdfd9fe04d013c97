package io.dialfleet.api.repository;

import io.dialfleet.events.RefreshOutcome;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code server_refresh_state}: what a server's refresh-agent reported.
 *
 * @param appliedRevision the highest revision a successful run applied; null until one did
 * @param lastOutcome     the outcome of the run that finished last; null before the first report
 * @param lastEventId     the event that reported that run
 */
public record RefreshStateRecord(
        String serverIp,
        Long appliedRevision,
        RefreshOutcome lastOutcome,
        String lastError,
        String agentId,
        UUID lastEventId,
        Instant lastStartedAt,
        Instant lastFinishedAt) {
}
