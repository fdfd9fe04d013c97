package io.dialfleet.api.service;

import io.dialfleet.api.outbox.Change;
import io.dialfleet.api.outbox.OutboxWriter;
import io.dialfleet.api.repository.ServerRepository;
import io.dialfleet.api.repository.SettingsRepository;
import io.dialfleet.events.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * server_refresh: flags every server for a rebuild as VICIdial does, and asks every generating Asterisk server's
 * agent for a forced rebuild (§8, §2.7).
 */
@ApplicationScoped
public class ServerRefreshService {

    private final ServerRepository servers;
    private final SettingsRepository settings;
    private final OutboxWriter outbox;

    public ServerRefreshService(ServerRepository servers, SettingsRepository settings, OutboxWriter outbox) {
        this.servers = servers;
        this.settings = settings;
        this.outbox = outbox;
    }

    /** @return the number of servers whose flag went from N to Y, and the shared request id */
    public Uni<ChangeOutcome> refreshAll(SqlConnection connection, Actor actor, Instant at) {
        return settings.touchReloadTimestamp(connection)
                .chain(() -> servers.flagAllForRebuild(connection))
                .chain(refresh -> outbox.write(connection, new Change.ForcedRefresh(refresh.targets().stream()
                                .map(server -> new Change.ServerRevision(server.serverIp(), server.revision()))
                                .toList(), actor, at))
                        .map(requestId -> new ChangeOutcome(requestId, refresh.flipped())));
    }
}
