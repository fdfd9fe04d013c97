package io.dialfleet.api.service;

import io.dialfleet.api.repository.PeerConfigRepository;
import io.dialfleet.events.PeerConfigSnapshot;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Reads the peer-config snapshot an agent renders from (docs/spec/conf-generation.md, "Inputs"). One REPEATABLE READ
 * transaction: the revision it reports is exactly the one of the phones it returns, so an agent that applied it may
 * say so (architecture.md: in sync when applied ≥ desired).
 */
@ApplicationScoped
public class PeerConfigService {

    private final Pool pool;
    private final PeerConfigRepository peerConfig;

    public PeerConfigService(Pool pool, PeerConfigRepository peerConfig) {
        this.pool = pool;
        this.peerConfig = peerConfig;
    }

    /** @return the snapshot, empty when the server does not exist */
    public Uni<Optional<PeerConfigSnapshot>> snapshot(String serverIp) {
        return pool.withTransaction(connection -> peerConfig.readConsistently(connection)
                .chain(() -> peerConfig.server(connection, serverIp))
                .chain(found -> found.isEmpty()
                        ? Uni.createFrom().item(Optional.<PeerConfigSnapshot>empty())
                        : peerConfig.phones(connection, serverIp)
                                .chain(phones -> peerConfig.templates(connection, serverIp)
                                        .map(templates -> Optional.of(new PeerConfigSnapshot(
                                                PeerConfigSnapshot.SCHEMA_VERSION, found.get().revision(),
                                                found.get().server(), found.get().defaultCodecs(), templates,
                                                phones))))));
    }
}
