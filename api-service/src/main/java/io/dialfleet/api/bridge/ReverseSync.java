package io.dialfleet.api.bridge;

import io.dialfleet.api.repository.VicidialSyncRepository;
import io.dialfleet.events.Actor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The three-way comparison of a set of keys (one admin-log row's phones, or everything at a reconcile) and what
 * follows from it: VICIdial-only changes taken over, dialfleet-only changes and conflicts pushed to MySQL, bases
 * caught up where both sides already agree. Runs on the bridge's reverse thread and waits for PostgreSQL there.
 */
@ApplicationScoped
public class ReverseSync {

    private static final Logger LOG = Logger.getLogger(ReverseSync.class);
    private static final String UNIQUE_VIOLATION = "23505";

    /** Both sides' rows and the bases of the keys compared. A key missing from a side's map has no row there. */
    record Sides(Map<SyncKey, Map<String, Object>> vicidial, Map<SyncKey, Map<String, Object>> dialfleet,
            Map<SyncKey, String> bases, Set<SyncKey> keys) {
    }

    private final Pool pool;
    private final VicidialSyncRepository sync;
    private final VicidialTakeover takeover;
    private final MirrorApplier mirror;
    /** The VICIdial digest last refused per key, so a refusal is logged once, not at every reconcile. */
    private final Map<SyncKey, String> refusedLogged = new HashMap<>();

    public ReverseSync(Pool pool, VicidialSyncRepository sync, VicidialTakeover takeover, MirrorApplier mirror) {
        this.pool = pool;
        this.sync = sync;
        this.takeover = takeover;
        this.mirror = mirror;
    }

    /**
     * Compares and acts on every key of {@code sides}. VICIdial's deletes are taken over before its adds, so a phone
     * whose key VICIdial changed (a delete and an add) keeps its login.
     */
    Drift compare(Sides sides, DialfleetColumns columns, Function<SyncKey, Actor> actorOf, VicidialConnection mysql)
            throws SQLException {
        List<SyncKey> vicidialChanged = new ArrayList<>();
        List<SyncKey> toPush = new ArrayList<>();
        int conflicts = 0;
        for (SyncKey key : sides.keys()) {
            String vicidial = digest(key, sides.vicidial().get(key));
            String dialfleet = digest(key, sides.dialfleet().get(key));
            String base = sides.bases().get(key);
            switch (ThreeWay.of(vicidial, dialfleet, base)) {
                case AGREED -> {
                    if (!Objects.equals(vicidial, base)) {
                        sync.setBase(pool, key, vicidial).await().indefinitely();
                    }
                }
                case VICIDIAL_CHANGED -> vicidialChanged.add(key);
                case DIALFLEET_AHEAD -> toPush.add(key);
                case CONFLICT -> {
                    conflicts++;
                    toPush.add(key);
                    LOG.warnf("VICIdial bridge: %s changed on both sides; dialfleet's row wins", describe(key));
                }
            }
        }
        vicidialChanged.sort(Comparator.comparing((SyncKey key) -> sides.vicidial().containsKey(key))
                .thenComparing(SyncKey::entity, Comparator.reverseOrder())
                .thenComparing(SyncKey::key));
        int takenOver = 0;
        int refused = 0;
        for (SyncKey key : vicidialChanged) {
            Map<String, Object> row = sides.vicidial().get(key);
            try {
                var outcome = takeover.apply(key, row, columns, actorOf.apply(key)).await().indefinitely();
                if (outcome == VicidialTakeover.Outcome.TAKEN_OVER) {
                    takenOver++;
                }
                refusedLogged.remove(key);
            } catch (PgException | NumberFormatException failure) {
                refused++;
                logRefusal(key, digest(key, row), failure);
            }
        }
        if (!toPush.isEmpty()) {
            // The forward mirror's own write: dialfleet's current row (or its absence) and the new base.
            mirror.apply(mysql, toPush.stream().map(ReverseSync::target).toList());
        }
        return new Drift(takenOver, toPush.size() - conflicts, conflicts, refused);
    }

    /** Each key's refusal once per VICIdial state of it; the reason names the rule, never a value. */
    private void logRefusal(SyncKey key, String vicidialDigest, Exception failure) {
        if (Objects.equals(refusedLogged.put(key, vicidialDigest), vicidialDigest)) {
            return;
        }
        String reason;
        if (failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
            reason = "it duplicates a unique key of dialfleet (" + pg.getConstraint() + ")";
        } else if (failure instanceof PgException pg) {
            reason = "PostgreSQL refused it (" + pg.getSqlState()
                    + (pg.getConstraint() == null ? "" : ", " + pg.getConstraint()) + ")";
        } else {
            reason = "a number column holds text";
        }
        LOG.warnf("VICIdial bridge: %s not taken over from VICIdial: %s", describe(key), reason);
    }

    private static MirrorTarget target(SyncKey key) {
        if (SyncKey.ALIAS.equals(key.entity())) {
            return MirrorTarget.alias(key.key());
        }
        String[] parts = VicidialTakeover.phoneKey(key);
        return MirrorTarget.phone(parts[0], parts[1]);
    }

    static String describe(SyncKey key) {
        if (SyncKey.ALIAS.equals(key.entity())) {
            return "alias " + key.key();
        }
        String[] parts = VicidialTakeover.phoneKey(key);
        return "phone " + parts[1] + "@" + parts[0];
    }

    private static String digest(SyncKey key, Map<String, Object> row) {
        return row == null ? null : VicidialTakeover.digest(key, row);
    }

    /** The union of the keys of both sides and of the bases given. */
    static Set<SyncKey> union(Map<SyncKey, ?> vicidial, Map<SyncKey, ?> dialfleet, Map<SyncKey, ?> bases) {
        Set<SyncKey> keys = new TreeSet<>(Comparator.comparing(SyncKey::entity).thenComparing(SyncKey::key));
        keys.addAll(vicidial.keySet());
        keys.addAll(dialfleet.keySet());
        keys.addAll(bases.keySet());
        return keys;
    }
}
