package io.dialfleet.api.fleet;

import io.dialfleet.api.domain.RefreshTarget;
import io.dialfleet.api.mapping.RefreshRequestStatus;
import io.dialfleet.api.mapping.StatusMapper;
import io.dialfleet.api.repository.RefreshTargetRepository;
import io.dialfleet.api.service.FleetStatusService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads the fleet page's state in one session: the servers, then the requests made last with their targets. */
@ApplicationScoped
public class FleetPageService {

    private final FleetStatusService fleet;
    private final RefreshTargetRepository targets;
    private final FleetPageConfig config;

    public FleetPageService(FleetStatusService fleet, RefreshTargetRepository targets, FleetPageConfig config) {
        this.fleet = fleet;
        this.targets = targets;
        this.config = config;
    }

    @WithSession
    public Uni<FleetPageState> state() {
        Instant readAt = Instant.now();
        return fleet.servers().chain(servers -> recentRefreshes(Math.max(1, servers.size()))
                .map(refreshes -> new FleetPageState(readAt, servers, refreshes)));
    }

    /**
     * A request targets at most every server, so the latest {@code recentRequests × servers} targets hold the
     * requests made last; their targets are then read whole.
     */
    private Uni<List<RefreshRequestStatus>> recentRefreshes(int serverCount) {
        int wanted = config.recentRequests();
        if (wanted <= 0) {
            return Uni.createFrom().item(List.of());
        }
        return targets.latest(wanted * serverCount).chain(latest -> {
            Set<UUID> ids = new LinkedHashSet<>();
            for (RefreshTarget target : latest) {
                if (ids.size() == wanted) {
                    break;
                }
                ids.add(target.requestId);
            }
            if (ids.isEmpty()) {
                return Uni.createFrom().item(List.<RefreshRequestStatus>of());
            }
            return targets.listByRequests(ids).map(rows -> {
                Map<UUID, List<RefreshTarget>> byRequest = new LinkedHashMap<>();
                ids.forEach(id -> byRequest.put(id, new ArrayList<>()));
                rows.forEach(row -> byRequest.get(row.requestId).add(row));
                return byRequest.values().stream()
                        .filter(requestTargets -> !requestTargets.isEmpty())
                        .map(StatusMapper::toRefreshStatus)
                        .toList();
            });
        });
    }
}
