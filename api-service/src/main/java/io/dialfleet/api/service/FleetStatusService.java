package io.dialfleet.api.service;

import io.dialfleet.api.domain.ServerRefreshState;
import io.dialfleet.api.mapping.RefreshRequestStatus;
import io.dialfleet.api.mapping.ServerStatus;
import io.dialfleet.api.mapping.StatusMapper;
import io.dialfleet.api.repository.FleetServerRepository;
import io.dialfleet.api.repository.RefreshTargetRepository;
import io.dialfleet.api.repository.ServerRefreshStateRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fleet view: each server's desired and applied revision, and what became of a refresh request. Reads only,
 * through Hibernate Reactive (design-notes.md); the rows come from the API's and the status consumer's writes.
 */
@ApplicationScoped
public class FleetStatusService {

    private final FleetServerRepository servers;
    private final ServerRefreshStateRepository states;
    private final RefreshTargetRepository targets;

    public FleetStatusService(FleetServerRepository servers, ServerRefreshStateRepository states,
            RefreshTargetRepository targets) {
        this.servers = servers;
        this.states = states;
        this.targets = targets;
    }

    @WithSession
    public Uni<List<ServerStatus>> servers() {
        return servers.listByAddress()
                .chain(all -> states.listAll()
                        .map(reported -> {
                            Map<String, ServerRefreshState> byAddress = reported.stream()
                                    .collect(Collectors.toMap(state -> key(state.serverIp), Function.identity()));
                            return all.stream()
                                    .map(server -> StatusMapper.toServerStatus(server, byAddress.get(key(server.serverIp))))
                                    .toList();
                        }));
    }

    /** @return the server, found case-insensitively, or empty */
    @WithSession
    public Uni<Optional<ServerStatus>> server(String serverIp) {
        return servers.findByAddress(serverIp)
                .chain(server -> server == null
                        ? Uni.createFrom().item(Optional.<ServerStatus>empty())
                        : states.findById(server.serverIp)
                                .map(state -> Optional.of(StatusMapper.toServerStatus(server, state))));
    }

    /** @return the request's targets and outcomes, or empty when no request has this id */
    @WithSession
    public Uni<Optional<RefreshRequestStatus>> refresh(UUID requestId) {
        return targets.listByRequest(requestId)
                .map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(StatusMapper.toRefreshStatus(rows)));
    }

    /** server_ip is citext: an agent may report a server in another case than its row spells it. */
    private static String key(String serverIp) {
        return serverIp.toLowerCase(Locale.ROOT);
    }
}
