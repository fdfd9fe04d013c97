package io.dialfleet.api.outbox;

import io.dialfleet.events.Actor;
import io.dialfleet.events.ChangeAction;
import io.dialfleet.events.ChangeEntity;
import io.dialfleet.events.CloudEvents;
import io.dialfleet.events.EventJson;
import io.dialfleet.events.PhoneChanged;
import io.dialfleet.events.RefreshReason;
import io.dialfleet.events.SecretRedaction;
import io.dialfleet.events.ServerRefreshRequested;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a {@link Change} into the events it announces (events.md) and the rows that carry them. Every row of a
 * table passes through {@link SecretRedaction}: secret columns masked, secret-like configuration lines redacted.
 */
@ApplicationScoped
class ChangeEvents {

    private final EventsConfig config;

    ChangeEvents(EventsConfig config) {
        this.config = config;
    }

    /** One write per change, except a forced refresh: one per server. */
    List<OutboxWrite> writes(Change change) {
        if (change instanceof Change.Phone phone) {
            return List.of(phone(phone));
        }
        if (change instanceof Change.Alias alias) {
            return List.of(alias(alias));
        }
        if (change instanceof Change.Template template) {
            return List.of(template(template));
        }
        return forcedRefresh((Change.ForcedRefresh) change);
    }

    private OutboxWrite phone(Change.Phone change) {
        Map<String, Object> row = change.after() != null ? change.after() : change.before();
        String serverIp = change.serverIp();
        var event = new PhoneChanged(PhoneChanged.SCHEMA_VERSION, UUID.randomUUID(), change.at(), 0, change.action(),
                ChangeEntity.PHONE, serverIp, (String) row.get("extension"), null, 0L, change.actor(),
                changedFields(change.action(), change.before(), change.after()),
                SecretRedaction.row(change.before()), SecretRedaction.row(change.after()));
        UUID requestId = UUID.randomUUID();
        OutboxEvent refresh = config.refreshOnPhoneChange()
                ? refreshRequest(requestId, serverIp, RefreshReason.PHONE_CHANGED, false, change.actor(), change.at())
                : null;
        return new OutboxWrite(true, serverIp, change.revisionIfUnknown(), false, audit(event), refresh, requestId,
                change.at());
    }

    private OutboxWrite alias(Change.Alias change) {
        Map<String, Object> row = change.after() != null ? change.after() : change.before();
        var event = new PhoneChanged(PhoneChanged.SCHEMA_VERSION, UUID.randomUUID(), change.at(), 0, change.action(),
                ChangeEntity.ALIAS, null, null, (String) row.get("alias_id"), null, change.actor(),
                changedFields(change.action(), change.before(), change.after()),
                SecretRedaction.row(change.before()), SecretRedaction.row(change.after()));
        return new OutboxWrite(false, null, null, false, audit(event), null, null, change.at());
    }

    private OutboxWrite template(Change.Template change) {
        UUID requestId = UUID.randomUUID();
        OutboxEvent refresh = config.refreshOnPhoneChange()
                ? refreshRequest(requestId, change.serverIp(), RefreshReason.PHONE_CHANGED, false, change.actor(),
                        change.at())
                : null;
        return new OutboxWrite(true, change.serverIp(), null, false, null, refresh, requestId, change.at());
    }

    private List<OutboxWrite> forcedRefresh(Change.ForcedRefresh change) {
        UUID requestId = UUID.randomUUID();
        List<OutboxWrite> writes = new ArrayList<>();
        for (Change.ServerRevision server : change.servers()) {
            OutboxEvent refresh = refreshRequest(requestId, server.serverIp(), RefreshReason.SERVER_REFRESH, true,
                    change.actor(), change.at());
            writes.add(new OutboxWrite(false, server.serverIp(), server.revision(), true, null, refresh, requestId,
                    change.at()));
        }
        return writes;
    }

    /** A phone's event gets {@code changeSeq} and {@code revision} from the statement, an alias's {@code changeSeq}. */
    private OutboxEvent audit(PhoneChanged event) {
        String json = EventJson.write(event);
        var payload = event.entity() == ChangeEntity.PHONE
                ? PayloadSlots.of(json, "changeSeq", "revision")
                : PayloadSlots.of(json, "changeSeq");
        return new OutboxEvent(event.eventId(), config.phoneChangesTopic(), event.recordKey(), event.ceType(), payload);
    }

    private OutboxEvent refreshRequest(UUID requestId, String serverIp, RefreshReason reason, boolean force,
            Actor actor, Instant at) {
        var request = new ServerRefreshRequested(ServerRefreshRequested.SCHEMA_VERSION, UUID.randomUUID(), requestId,
                serverIp, 0, reason, force, at, actor.withoutFunction());
        return new OutboxEvent(request.eventId(), config.refreshRequestsTopic(), serverIp,
                CloudEvents.TYPE_REFRESH_REQUESTED, PayloadSlots.of(EventJson.write(request), "revision"));
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
}
