package io.dialfleet.api.messaging;

import io.dialfleet.api.repository.OutboxRepository;
import io.dialfleet.api.repository.RefreshRequestRepository;
import io.dialfleet.api.repository.ServerChangeRepository;
import io.dialfleet.api.repository.ServerChangeRepository.OutboxEvent;
import io.dialfleet.api.repository.ServerRepository.RevisionBump;
import io.dialfleet.events.Actor;
import io.dialfleet.events.ChangeAction;
import io.dialfleet.events.ChangeEntity;
import io.dialfleet.events.CloudEvents;
import io.dialfleet.events.EventJson;
import io.dialfleet.events.PhoneChanged;
import io.dialfleet.events.RefreshReason;
import io.dialfleet.events.ServerRefreshRequested;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The one place that turns a change into events: it writes outbox rows in the change's transaction
 * (non-agent-api.md §2.7, events.md). Secrets never reach an event: their names do, their values are masked.
 * Each refresh request also records its target servers, which {@code GET /api/v1/refreshes/{requestId}} reports on.
 */
@ApplicationScoped
public class ChangeNotifier {

    private final OutboxRepository outbox;
    private final RefreshRequestRepository refreshRequests;
    private final ServerChangeRepository serverChanges;
    private final EventsConfig config;

    public ChangeNotifier(OutboxRepository outbox, RefreshRequestRepository refreshRequests,
            ServerChangeRepository serverChanges, EventsConfig config) {
        this.outbox = outbox;
        this.refreshRequests = refreshRequests;
        this.serverChanges = serverChanges;
        this.config = config;
    }

    /**
     * Raises the server's revision, audits the phone change and, when the server generates conf and automatic
     * refresh is on, asks that server's agent to rebuild — in one statement, which takes the server's row lock:
     * call it last in the transaction (see {@link ServerChangeRepository}).
     *
     * @param revisionIfUnknown the revision the event carries when the server is not in {@code servers}
     * @return the refresh request's id, when one was written
     */
    public Uni<Optional<UUID>> phoneChanged(SqlConnection connection, ChangeAction action, Map<String, Object> before,
            Map<String, Object> after, long revisionIfUnknown, Actor actor, Instant at) {
        Map<String, Object> row = after != null ? after : before;
        String serverIp = (String) row.get("server_ip");
        var event = new PhoneChanged(PhoneChanged.SCHEMA_VERSION, UUID.randomUUID(), at, 0, action,
                ChangeEntity.PHONE, serverIp, (String) row.get("extension"), null, 0L, actor,
                changedFields(action, before, after), masked(before), masked(after));
        var change = new OutboxEvent(event.eventId(), config.phoneChangesTopic(), event.recordKey(), event.ceType(),
                EventJson.write(event));
        UUID requestId = UUID.randomUUID();
        OutboxEvent refresh = null;
        if (config.refreshOnPhoneChange()) {
            var request = new ServerRefreshRequested(ServerRefreshRequested.SCHEMA_VERSION, UUID.randomUUID(),
                    requestId, serverIp, 0, RefreshReason.PHONE_CHANGED, false, at, actor.withoutFunction());
            refresh = new OutboxEvent(request.eventId(), config.refreshRequestsTopic(), serverIp,
                    CloudEvents.TYPE_REFRESH_REQUESTED, EventJson.write(request));
        }
        return serverChanges.record(connection, serverIp, revisionIfUnknown, change, refresh, requestId, at)
                .map(recorded -> recorded.requested() ? Optional.of(requestId) : Optional.empty());
    }

    /**
     * A template used by the server's phones changed (a seed import): the server's revision raised and, when it
     * generates conf and automatic refresh is on, a refresh request — reason {@code PHONE_CHANGED}, since the change
     * reaches the server through its phones' sections. No audit event: templates are not audited.
     *
     * @return the refresh request's id, when one was written
     */
    public Uni<Optional<UUID>> templateChanged(SqlConnection connection, String serverIp, Actor actor, Instant at) {
        UUID requestId = UUID.randomUUID();
        OutboxEvent refresh = null;
        if (config.refreshOnPhoneChange()) {
            var request = new ServerRefreshRequested(ServerRefreshRequested.SCHEMA_VERSION, UUID.randomUUID(),
                    requestId, serverIp, 0, RefreshReason.PHONE_CHANGED, false, at, actor.withoutFunction());
            refresh = new OutboxEvent(request.eventId(), config.refreshRequestsTopic(), serverIp,
                    CloudEvents.TYPE_REFRESH_REQUESTED, EventJson.write(request));
        }
        return serverChanges.recordRefresh(connection, serverIp, refresh, requestId, at)
                .map(recorded -> recorded.filter(ServerChangeRepository.RecordedChange::requested).map(r -> requestId));
    }

    public Uni<Void> aliasChanged(SqlConnection connection, ChangeAction action, Map<String, Object> before,
            Map<String, Object> after, Actor actor, Instant at) {
        Map<String, Object> row = after != null ? after : before;
        var event = new PhoneChanged(PhoneChanged.SCHEMA_VERSION, UUID.randomUUID(), at, 0, action,
                ChangeEntity.ALIAS, null, null, (String) row.get("alias_id"), null, actor,
                changedFields(action, before, after), before, after);
        return appendChange(connection, event, at);
    }

    /** server_refresh: one forced request per target server, all sharing one request id. */
    public Uni<UUID> refreshRequested(SqlConnection connection, List<RevisionBump> servers, Actor actor, Instant at) {
        UUID requestId = UUID.randomUUID();
        Uni<Void> written = Uni.createFrom().voidItem();
        for (RevisionBump server : servers) {
            written = written.chain(() -> appendRefreshRequest(connection, requestId, server,
                    RefreshReason.SERVER_REFRESH, true, actor, at));
        }
        return written.replaceWith(requestId);
    }

    private Uni<Void> appendChange(SqlConnection connection, PhoneChanged event, Instant at) {
        return outbox.append(connection, event.eventId(), config.phoneChangesTopic(), event.recordKey(),
                event.ceType(), EventJson.write(event), at, true);
    }

    private Uni<Void> appendRefreshRequest(SqlConnection connection, UUID requestId, RevisionBump server,
            RefreshReason reason, boolean force, Actor actor, Instant at) {
        var request = new ServerRefreshRequested(ServerRefreshRequested.SCHEMA_VERSION, UUID.randomUUID(), requestId,
                server.serverIp(), server.revision(), reason, force, at, actor.withoutFunction());
        return outbox.append(connection, request.eventId(), config.refreshRequestsTopic(), server.serverIp(),
                        CloudEvents.TYPE_REFRESH_REQUESTED, EventJson.write(request), at, false)
                .chain(() -> refreshRequests.addTarget(connection, requestId, server.serverIp(), server.revision(),
                        at));
    }

    /** UPDATED: the columns whose stored value changed, possibly none. ADDED and DELETED carry the whole row. */
    static List<String> changedFields(ChangeAction action, Map<String, Object> before, Map<String, Object> after) {
        if (action != ChangeAction.UPDATED) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            if (!Objects.equals(before.get(name), after.get(name))) {
                changed.add(name);
            }
        }
        return changed;
    }

    private static Map<String, Object> masked(Map<String, Object> row) {
        if (row == null) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>(row);
        for (String secret : PhoneChanged.SECRET_COLUMNS) {
            if (copy.containsKey(secret)) {
                copy.put(secret, PhoneChanged.MASK);
            }
        }
        return copy;
    }
}
