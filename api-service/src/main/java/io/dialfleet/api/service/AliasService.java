package io.dialfleet.api.service;

import io.dialfleet.api.outbox.Change;
import io.dialfleet.api.outbox.OutboxWriter;
import io.dialfleet.api.repository.AliasRepository;
import io.dialfleet.events.Actor;
import io.dialfleet.events.ChangeAction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;

/** Phone aliases: they change no Asterisk configuration, so they only leave audit events (§7.3). */
@ApplicationScoped
public class AliasService {

    private final AliasRepository aliases;
    private final OutboxWriter outbox;

    public AliasService(AliasRepository aliases, OutboxWriter outbox) {
        this.aliases = aliases;
        this.outbox = outbox;
    }

    public Uni<Void> add(SqlConnection connection, String aliasId, String aliasName, String loginsList, Actor actor,
            Instant at) {
        return aliases.insert(connection, aliasId, aliasName, loginsList)
                .chain(after -> announce(connection, ChangeAction.ADDED, null, after, actor, at));
    }

    /** A null name or login list leaves that column as it is. */
    public Uni<Void> update(SqlConnection connection, Map<String, Object> before, String aliasName, String loginsList,
            Actor actor, Instant at) {
        return aliases.update(connection, (String) before.get("alias_id"), aliasName, loginsList)
                .chain(after -> announce(connection, ChangeAction.UPDATED, before, after, actor, at));
    }

    /** An alias as VICIdial holds it, all four columns (the bridge's take-over of a VICIdial edit). */
    public Uni<Void> addRow(SqlConnection connection, Map<String, Object> row, Actor actor, Instant at) {
        return aliases.insertRow(connection, row)
                .chain(after -> announce(connection, ChangeAction.ADDED, null, after, actor, at));
    }

    /** Sets every column from VICIdial's row (the bridge's take-over of a VICIdial edit). */
    public Uni<Void> updateRow(SqlConnection connection, Map<String, Object> before, Map<String, Object> row,
            Actor actor, Instant at) {
        return aliases.updateRow(connection, (String) before.get("alias_id"), row)
                .chain(after -> announce(connection, ChangeAction.UPDATED, before, after, actor, at));
    }

    public Uni<Void> delete(SqlConnection connection, Map<String, Object> before, Actor actor, Instant at) {
        return aliases.delete(connection, (String) before.get("alias_id"))
                .chain(() -> announce(connection, ChangeAction.DELETED, before, null, actor, at));
    }

    private Uni<Void> announce(SqlConnection connection, ChangeAction action, Map<String, Object> before,
            Map<String, Object> after, Actor actor, Instant at) {
        return outbox.write(connection, new Change.Alias(action, before, after, actor, at)).replaceWithVoid();
    }
}
