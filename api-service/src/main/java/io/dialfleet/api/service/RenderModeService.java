package io.dialfleet.api.service;

import io.dialfleet.api.database.BoundedTransactions;
import io.dialfleet.api.messaging.ChangeNotifier;
import io.dialfleet.api.messaging.OutboxRelay;
import io.dialfleet.api.repository.ServerRepository;
import io.dialfleet.events.Actor;
import io.dialfleet.events.RenderMode;
import io.smallrye.mutiny.Uni;
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

    private final BoundedTransactions transactions;
    private final ServerRepository servers;
    private final ChangeNotifier notifier;
    private final OutboxRelay relay;

    public RenderModeService(BoundedTransactions transactions, ServerRepository servers, ChangeNotifier notifier, OutboxRelay relay) {
        this.transactions = transactions;
        this.servers = servers;
        this.notifier = notifier;
        this.relay = relay;
    }

    /** What a mode change did: nothing when no server has this IP; the request id when one was sent. */
    public record Outcome(boolean serverFound, Optional<UUID> requestId) {
    }

    public Uni<Outcome> set(String serverIp, RenderMode mode, Actor actor) {
        Instant at = Instant.now();
        return transactions.run(connection -> servers.setRenderMode(connection, serverIp, mode.name())
                        .chain(change -> {
                            if (change.isEmpty()) {
                                return Uni.createFrom().item(new Outcome(false, Optional.empty()));
                            }
                            if (!change.get().changed() || !change.get().server().generatesConf()) {
                                return Uni.createFrom().item(new Outcome(true, Optional.empty()));
                            }
                            return notifier.refreshRequested(connection, List.of(change.get().server()), actor, at)
                                    .map(requestId -> new Outcome(true, Optional.of(requestId)));
                        }))
                .invoke(outcome -> {
                    if (outcome.requestId().isPresent()) {
                        relay.wake();
                    }
                });
    }
}
