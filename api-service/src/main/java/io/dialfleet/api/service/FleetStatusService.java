package io.dialfleet.api.service;

import io.dialfleet.api.database.BoundedTransactions;
import io.dialfleet.api.mapping.RefreshRequestStatus;
import io.dialfleet.api.mapping.ServerStatus;
import io.dialfleet.api.mapping.StatusMapper;
import io.dialfleet.api.repository.FleetServerRepository;
import io.dialfleet.api.repository.RefreshTargetRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The fleet view: each server's desired and applied revision, and what became of a refresh request. Reads only,
 * through Hibernate Reactive (design-notes.md); the rows come from the API's and the status consumer's writes. Each read
 * opens its session inside the bound, so that failing to get a connection is a DatabaseUnavailable (503) too, and a read
 * the database does not answer within {@code dialfleet.database.request-timeout} fails the same way.
 */
@ApplicationScoped
public class FleetStatusService {

    private final FleetServerRepository servers;
    private final RefreshTargetRepository targets;
    private final BoundedTransactions database;

    public FleetStatusService(FleetServerRepository servers, RefreshTargetRepository targets,
            BoundedTransactions database) {
        this.servers = servers;
        this.targets = targets;
        this.database = database;
    }

    public Uni<List<ServerStatus>> servers() {
        return database.bound(Panache.withSession(servers::listWithState))
                .map(all -> all.stream()
                        .map(found -> StatusMapper.toServerStatus(found.server(), found.state()))
                        .toList());
    }

    /** @return the server, found case-insensitively, or empty */
    public Uni<Optional<ServerStatus>> server(String serverIp) {
        return database.bound(Panache.withSession(() -> servers.findWithState(serverIp)))
                .map(found -> found.map(server -> StatusMapper.toServerStatus(server.server(), server.state())));
    }

    /** @return the request's targets and outcomes, or empty when no request has this id */
    public Uni<Optional<RefreshRequestStatus>> refresh(UUID requestId) {
        return database.bound(Panache.withSession(() -> targets.listByRequest(requestId)))
                .map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(StatusMapper.toRefreshStatus(rows)));
    }
}
