package io.dialfleet.api.service;

import io.dialfleet.api.outbox.Change;
import io.dialfleet.api.outbox.OutboxWriter;
import io.dialfleet.api.repository.ServerRepository;
import io.dialfleet.events.Actor;
import io.dialfleet.events.RenderMode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Switches a server between the two renderers (one renderer per server). A new mode raises the server's revision
 * and, when an agent serves the server, sends it a forced refresh request in the same transaction, so the agent
 * switches at once rather than at its next resync.
 */
@ApplicationScoped
public class RenderModeService {

    private final Pool pool;
    private final ServerRepository servers;
    private final OutboxWriter outbox;

    public RenderModeService(Pool pool, ServerRepository servers, OutboxWriter outbox) {
        this.pool = pool;
        this.servers = servers;
        this.outbox = outbox;
    }

    /** What a mode change did: nothing when no server has this IP; the request id when one was sent. */
    public record Outcome(boolean serverFound, Optional<UUID> requestId) {
    }

    public Uni<Outcome> set(String serverIp, RenderMode mode, Actor actor) {
        Instant at = Instant.now();
        return pool.withTransaction(connection -> servers.setRenderMode(connection, serverIp, mode.name())
                        .chain(change -> {
                            if (change.isEmpty()) {
                                return Uni.createFrom().item(new Outcome(false, Optional.empty()));
                            }
                            if (!change.get().changed() || !change.get().server().generatesConf()) {
                                return Uni.createFrom().item(new Outcome(true, Optional.empty()));
                            }
                            var server = change.get().server();
                            return outbox.write(connection, new Change.ForcedRefresh(
                                            List.of(new Change.ServerRevision(server.serverIp(), server.revision())),
                                            actor, at))
                                    .map(requestId -> new Outcome(true, requestId));
                        }));
    }
}
