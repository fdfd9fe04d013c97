package io.dialfleet.api.bridge;

import io.dialfleet.api.repository.AliasRepository;
import io.dialfleet.api.repository.PhoneRepository;
import io.dialfleet.api.repository.PhoneRow;
import io.dialfleet.api.repository.VicidialSyncRepository;
import io.dialfleet.api.service.AliasService;
import io.dialfleet.api.service.ChangeRecorder;
import io.dialfleet.api.service.PendingChanges;
import io.dialfleet.api.service.PhoneService;
import io.dialfleet.events.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns one VICIdial row (or its absence) into a dialfleet change through the API's own services, in one
 * PostgreSQL transaction with the key's new base: revision, audit event and refresh request as for an API call,
 * and the base set to VICIdial's digest, so the forward mirror's write of the change back to MySQL is no news.
 * The three-way rule is checked again under the key's lock: a dialfleet change that arrived meanwhile wins.
 */
@ApplicationScoped
public class VicidialTakeover {

    /** What happened to the key. */
    public enum Outcome {
        /** The VICIdial row is now dialfleet's, announced as a change. */
        TAKEN_OVER,
        /** dialfleet already holds every value it can store of the row; only the base moved. */
        NOTHING_TO_STORE,
        /** The key is no longer a VICIdial-only change (dialfleet changed it meanwhile): left to the next pass. */
        MOVED_ON
    }

    private final Pool pool;
    private final PhoneRepository phones;
    private final AliasRepository aliases;
    private final PhoneService phoneService;
    private final AliasService aliasService;
    private final VicidialSyncRepository sync;
    private final ChangeRecorder changes;

    public VicidialTakeover(Pool pool, PhoneRepository phones, AliasRepository aliases, PhoneService phoneService,
            AliasService aliasService, VicidialSyncRepository sync, ChangeRecorder changes) {
        this.pool = pool;
        this.phones = phones;
        this.aliases = aliases;
        this.phoneService = phoneService;
        this.aliasService = aliasService;
        this.sync = sync;
        this.changes = changes;
    }

    /**
     * @param vicidial VICIdial's row of the key (owned columns), or null when VICIdial deleted it
     * @param columns  dialfleet's column types
     */
    Uni<Outcome> apply(SyncKey key, Map<String, Object> vicidial, DialfleetColumns columns, Actor actor) {
        Instant at = Instant.now();
        String vicidialDigest = vicidial == null ? null : digest(key, vicidial);
        return pool.withTransaction(connection -> sync.lockBase(connection, key)
                        .chain(base -> current(connection, key).chain(dialfleet -> {
                            String dialfleetDigest = dialfleet.map(row -> digest(key, row)).orElse(null);
                            ThreeWay verdict = ThreeWay.of(vicidialDigest, dialfleetDigest, base.orElse(null));
                            if (verdict != ThreeWay.VICIDIAL_CHANGED) {
                                return Uni.createFrom().item(Outcome.MOVED_ON);
                            }
                            return store(connection, key, vicidial, dialfleet.orElse(null), columns, actor, at)
                                    .call(() -> sync.setBase(connection, key, vicidialDigest));
                        })));
    }

    private Uni<Optional<Map<String, Object>>> current(SqlConnection connection, SyncKey key) {
        if (SyncKey.ALIAS.equals(key.entity())) {
            return aliases.findForUpdate(connection, key.key());
        }
        String[] parts = phoneKey(key);
        return phones.findForUpdate(connection, parts[1], parts[0]).map(found -> found.map(PhoneRow::columns));
    }

    private Uni<Outcome> store(SqlConnection connection, SyncKey key, Map<String, Object> vicidial,
            Map<String, Object> dialfleet, DialfleetColumns columns, Actor actor, Instant at) {
        boolean alias = SyncKey.ALIAS.equals(key.entity());
        if (vicidial == null) {
            return (alias
                    ? aliasService.delete(connection, dialfleet, actor, at)
                    : announced(connection, pending -> phoneService.delete(connection, pending,
                            (String) dialfleet.get("extension"), (String) dialfleet.get("server_ip"),
                            new PhoneRow(dialfleet), actor, at)))
                    .replaceWith(Outcome.TAKEN_OVER);
        }
        if (alias) {
            Map<String, Object> row = columns.storable("phones_alias", vicidial, OwnedColumns.ALIAS);
            if (dialfleet == null) {
                return aliasService.addRow(connection, row, actor, at).replaceWith(Outcome.TAKEN_OVER);
            }
            if (differing(row, dialfleet).isEmpty()) {
                return Uni.createFrom().item(Outcome.NOTHING_TO_STORE);
            }
            return aliasService.updateRow(connection, dialfleet, row, actor, at).replaceWith(Outcome.TAKEN_OVER);
        }
        Map<String, Object> row = columns.storable("phones", vicidial, OwnedColumns.PHONE);
        if (dialfleet == null) {
            return announced(connection, pending -> phoneService.add(connection, pending, new PhoneRow(row), actor,
                    at))
                    .replaceWith(Outcome.TAKEN_OVER);
        }
        Map<String, Object> changed = differing(row, dialfleet);
        if (changed.isEmpty()) {
            return Uni.createFrom().item(Outcome.NOTHING_TO_STORE);
        }
        return announced(connection, pending -> phoneService.update(connection, pending,
                (String) dialfleet.get("extension"), (String) dialfleet.get("server_ip"), new PhoneRow(dialfleet),
                new PhoneRow(changed), actor, at))
                .replaceWith(Outcome.TAKEN_OVER);
    }

    /** The phone change, then its revision, event and refresh request, written last as the API does. */
    private Uni<Void> announced(SqlConnection connection, Function<PendingChanges, Uni<Void>> change) {
        PendingChanges pending = changes.begin();
        return change.apply(pending).chain(() -> pending.write(connection)).replaceWithVoid();
    }

    /** The values that differ from dialfleet's row, compared by their text as the digest compares them. */
    private static Map<String, Object> differing(Map<String, Object> values, Map<String, Object> dialfleet) {
        Map<String, Object> changed = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (!Objects.equals(text(value), text(dialfleet.get(name)))) {
                changed.put(name, value);
            }
        });
        return changed;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static String digest(SyncKey key, Map<String, ?> row) {
        return SyncKey.ALIAS.equals(key.entity()) ? SyncDigest.alias(row) : SyncDigest.phone(row);
    }

    /** {@code <server_ip>/<extension>}: a server IP has no slash. */
    static String[] phoneKey(SyncKey key) {
        int slash = key.key().indexOf('/');
        return new String[] {key.key().substring(0, slash), key.key().substring(slash + 1)};
    }
}
