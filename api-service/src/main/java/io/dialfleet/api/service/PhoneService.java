package io.dialfleet.api.service;

import io.dialfleet.api.messaging.ChangeNotifier;
import io.dialfleet.api.repository.PhoneRepository;
import io.dialfleet.api.repository.ServerRepository;
import io.dialfleet.api.repository.ServerRepository.RevisionBump;
import io.dialfleet.events.Actor;
import io.dialfleet.events.ChangeAction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;

/**
 * Adds, updates and deletes phones. Every change raises its server's revision and applies rule R in the same
 * transaction (architecture.md), then hands the change to the notifier.
 */
@ApplicationScoped
public class PhoneService {

    private final PhoneRepository phones;
    private final ServerRepository servers;
    private final ChangeNotifier notifier;

    public PhoneService(PhoneRepository phones, ServerRepository servers, ChangeNotifier notifier) {
        this.phones = phones;
        this.servers = servers;
        this.notifier = notifier;
    }

    public Uni<ChangeOutcome> add(SqlConnection connection, Map<String, Object> columns, Actor actor, Instant at) {
        String serverIp = (String) columns.get("server_ip");
        return phones.insert(connection, columns)
                .chain(after -> raiseRevision(connection, serverIp)
                        .chain(server -> notifier.phoneChanged(connection, ChangeAction.ADDED, null, after, server,
                                actor, at)))
                .map(requestId -> new ChangeOutcome(requestId, 0));
    }

    public Uni<ChangeOutcome> update(SqlConnection connection, String extension, String serverIp,
            Map<String, Object> before, Map<String, Object> columns, Actor actor, Instant at) {
        return phones.update(connection, extension, serverIp, columns)
                .chain(after -> raiseRevision(connection, serverIp)
                        .chain(server -> notifier.phoneChanged(connection, ChangeAction.UPDATED, before, after,
                                server, actor, at)))
                .map(requestId -> new ChangeOutcome(requestId, 0));
    }

    public Uni<ChangeOutcome> delete(SqlConnection connection, String extension, String serverIp,
            Map<String, Object> before, Actor actor, Instant at) {
        return phones.delete(connection, extension, serverIp)
                .chain(() -> raiseRevision(connection, serverIp))
                .chain(server -> notifier.phoneChanged(connection, ChangeAction.DELETED, before, null, server, actor,
                        at))
                .map(requestId -> new ChangeOutcome(requestId, 0));
    }

    private Uni<RevisionBump> raiseRevision(SqlConnection connection, String serverIp) {
        return servers.raiseRevision(connection, serverIp)
                .map(server -> server.orElseThrow(() -> new IllegalStateException(
                        "server " + serverIp + " disappeared during the request")));
    }
}
