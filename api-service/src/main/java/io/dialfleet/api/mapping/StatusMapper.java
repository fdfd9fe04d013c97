package io.dialfleet.api.mapping;

import io.dialfleet.api.domain.FleetServer;
import io.dialfleet.api.domain.RefreshTarget;
import io.dialfleet.api.domain.ServerRefreshState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Read-model entities to the JSON API's records. */
public final class StatusMapper {

    private StatusMapper() {
    }

    /** @param state the agent's last report; null when it never reported */
    public static ServerStatus toServerStatus(FleetServer server, ServerRefreshState state) {
        Long applied = state == null ? null : state.appliedRevision;
        return new ServerStatus(
                server.serverIp,
                server.serverId,
                server.configRevision,
                applied,
                applied != null && applied >= server.configRevision,
                "Y".equals(server.rebuildConfFiles),
                server.generatesConf(),
                state == null ? null : state.lastOutcome,
                state == null ? null : state.lastError,
                state == null ? null : state.agentId,
                state == null ? null : state.lastFinishedAt,
                ReportLists.warnings(state == null ? null : state.lastWarnings),
                ReportLists.excluded(state == null ? null : state.lastExcluded));
    }

    /** @param targets the request's rows, at least one */
    public static RefreshRequestStatus toRefreshStatus(List<RefreshTarget> targets) {
        List<RefreshRequestStatus.Target> servers = targets.stream()
                .map(StatusMapper::toTarget)
                .toList();
        Instant requestedAt = targets.stream()
                .map(target -> target.requestedAt)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(null);
        boolean complete = servers.stream().noneMatch(server -> RefreshRequestStatus.PENDING.equals(server.status()));
        return new RefreshRequestStatus(targets.get(0).requestId, requestedAt, complete, servers);
    }

    private static RefreshRequestStatus.Target toTarget(RefreshTarget target) {
        return new RefreshRequestStatus.Target(
                target.serverIp,
                target.revision,
                target.outcome == null ? RefreshRequestStatus.PENDING : target.outcome.name(),
                target.appliedRevision,
                target.error,
                target.agentId,
                target.finishedAt,
                ReportLists.warnings(target.warnings),
                ReportLists.excluded(target.excluded));
    }
}
