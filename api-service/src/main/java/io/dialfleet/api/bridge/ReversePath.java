package io.dialfleet.api.bridge;

import io.dialfleet.api.repository.AliasRepository;
import io.dialfleet.api.repository.PhoneRepository;
import io.dialfleet.api.repository.VicidialSyncRepository;
import io.dialfleet.events.Actor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The reverse path of the VICIdial bridge, on a thread of its own: the first-start import, then the admin-log tail
 * (every {@code dialfleet.vicidial.admin-log-interval}) and the full reconcile (every
 * {@code dialfleet.vicidial.reconcile-interval}). One thread runs both, so they never compare a key at the same time;
 * other replicas may run theirs, and the per-key lock of {@link VicidialTakeover} keeps them from applying a change
 * twice.
 *
 * <p>Longer than our usual class because the turn's state (the MySQL connection, whether the import ran, when the
 * next reconcile is due, whether an outage was already reported) is shared by the tail and the reconcile; the rules
 * they apply live in {@link ThreeWay}, {@link ReverseSync} and {@link VicidialTakeover}.
 */
@ApplicationScoped
public class ReversePath {

    private static final Logger LOG = Logger.getLogger(ReversePath.class);

    /** {@code vicidial_bridge_state}: the last {@code vicidial_admin_log} id read. */
    static final String ADMIN_LOG_CURSOR = "admin_log_id";
    /** {@code vicidial_bridge_state}: when the last reconcile finished (ISO-8601). */
    static final String LAST_RECONCILE = "last_reconcile";

    public static final String SOURCE = "vicidial";
    public static final String ADMIN_FUNCTION = "vicidial_admin";
    public static final String RECONCILE_FUNCTION = "vicidial_reconcile";
    /** The actor of a change found by the reconcile: VICIdial names no one for it. */
    static final Actor RECONCILE_ACTOR = new Actor("vicidial", SOURCE, "reconcile", RECONCILE_FUNCTION);

    private final BridgeConfig config;
    private final VicidialDatabase database;
    private final Pool pool;
    private final PhoneRepository phones;
    private final AliasRepository aliases;
    private final VicidialSyncRepository sync;
    private final ReverseSync reverse;
    private final FirstStartImport firstStart;
    private final BridgeHealth health;
    private ScheduledExecutorService thread;
    private VicidialConnection mysql;
    private DialfleetColumns columns;
    private boolean imported;
    private boolean mysqlUnreachable;
    private boolean failing;
    private Instant nextReconcile = Instant.MIN;

    public ReversePath(BridgeConfig config, VicidialDatabase database, Pool pool, PhoneRepository phones,
            AliasRepository aliases, VicidialSyncRepository sync, ReverseSync reverse, FirstStartImport firstStart,
            BridgeHealth health) {
        this.config = config;
        this.database = database;
        this.pool = pool;
        this.phones = phones;
        this.aliases = aliases;
        this.sync = sync;
        this.reverse = reverse;
        this.firstStart = firstStart;
        this.health = health;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        mysql = database.open();
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread named = new Thread(runnable, "vicidial-bridge-reverse");
            named.setDaemon(true);
            return named;
        });
        thread.scheduleWithFixedDelay(this::tick, 0, config.adminLogInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (thread != null) {
            thread.shutdownNow();
            try {
                thread.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            mysql.close();
        }
    }

    /** One turn: import if still due, read the admin log, reconcile when its time came. Never throws. */
    private void tick() {
        try {
            if (columns == null) {
                columns = DialfleetColumns.load(pool).await().indefinitely();
            }
            if (!imported) {
                imported = firstStart.runIfFirst(mysql);
            }
            if (!imported) {
                return;
            }
            tailAdminLog();
            if (!Instant.now().isBefore(nextReconcile)) {
                reconcile();
                nextReconcile = Instant.now().plus(config.reconcileInterval());
            }
            if (mysqlUnreachable) {
                mysqlUnreachable = false;
                LOG.info("VICIdial bridge: the reverse path reaches VICIdial's MySQL again");
            }
        } catch (SQLException e) {
            // VicidialDatabase keeps the outage for the health check; the next tick tries again. Once per outage.
            if (!mysqlUnreachable) {
                mysqlUnreachable = true;
                LOG.warnf("VICIdial bridge: the reverse path cannot use VICIdial's MySQL (%s, SQLState %s); "
                        + "trying again every %s", e.getClass().getSimpleName(), e.getSQLState(),
                        config.adminLogInterval());
            }
        } catch (RuntimeException e) {
            // PostgreSQL away, most likely: said once, with the cause, until a tick succeeds again.
            if (!failing) {
                failing = true;
                LOG.errorf(e, "VICIdial bridge: the reverse path failed; retried every %s", config.adminLogInterval());
            }
            return;
        }
        failing = false;
    }

    private void tailAdminLog() throws SQLException {
        var cursor = sync.state(pool, ADMIN_LOG_CURSOR).await().indefinitely();
        long newest = mysql.run(VicidialAdminLog::lastId);
        if (cursor.isEmpty()) {
            // The first tail starts at the log's end: older edits are the first reconcile's to find.
            sync.setState(pool, ADMIN_LOG_CURSOR, Long.toString(newest)).await().indefinitely();
            health.adminLogRead(newest);
            return;
        }
        long after = Long.parseLong(cursor.get());
        if (newest < after) {
            // The log was emptied (TRUNCATE restarts its ids): start again at its end; the reconcile covers the gap.
            sync.setState(pool, ADMIN_LOG_CURSOR, Long.toString(newest)).await().indefinitely();
            health.adminLogRead(newest);
            return;
        }
        if (newest == after) {
            health.adminLogRead(after);
            return;
        }
        List<AdminLogRow> rows = mysql.run(connection -> VicidialAdminLog.after(connection, after));
        long readTo = rows.size() == VicidialAdminLog.BATCH ? rows.get(rows.size() - 1).id() : newest;
        if (!rows.isEmpty()) {
            health.found(compareLogged(rows));
        }
        sync.setState(pool, ADMIN_LOG_CURSOR, Long.toString(readTo)).await().indefinitely();
        health.adminLogRead(readTo);
    }

    /**
     * The phones and aliases the rows name, compared now. A phone row names an extension, not its server, so every
     * phone with that extension is compared; a MODIFY may have changed the extension or the server, so the keys
     * both sides agreed on that MySQL no longer has are compared too (the old key of a renamed phone).
     */
    private Drift compareLogged(List<AdminLogRow> rows) throws SQLException {
        Set<String> extensions = new HashSet<>();
        Set<String> aliasIds = new HashSet<>();
        Map<String, Actor> actorByRecord = new HashMap<>();
        Actor lastPhoneActor = null;
        boolean modified = false;
        for (AdminLogRow row : rows) {
            Actor actor = new Actor(row.user(), SOURCE, row.ipAddress(), ADMIN_FUNCTION);
            if (row.isPhone()) {
                for (String extension : row.extensions()) {
                    extensions.add(extension);
                    actorByRecord.put("phone:" + extension.toLowerCase(Locale.ROOT), actor);
                }
                lastPhoneActor = actor;
                modified |= "MODIFY".equals(row.type());
            } else {
                aliasIds.add(row.recordId());
                actorByRecord.put("alias:" + row.recordId().toLowerCase(Locale.ROOT), actor);
            }
        }
        Map<SyncKey, Map<String, Object>> vicidial = new HashMap<>();
        vicidial.putAll(mysql.run(connection -> VicidialRowReader.phonesByExtension(connection, extensions)));
        vicidial.putAll(mysql.run(connection -> VicidialRowReader.aliasesById(connection, aliasIds)));
        Map<SyncKey, Map<String, Object>> dialfleet = new HashMap<>();
        if (!extensions.isEmpty()) {
            phones.listByExtensions(pool, List.copyOf(extensions)).await().indefinitely()
                    .forEach(phone -> dialfleet.put(phoneKey(phone.columns()), phone.columns()));
        }
        if (!aliasIds.isEmpty()) {
            aliases.listByIds(pool, List.copyOf(aliasIds)).await().indefinitely()
                    .forEach(row -> dialfleet.put(aliasKey(row), row));
        }
        Map<SyncKey, String> bases = new HashMap<>();
        Map<String, String> phoneBases = sync.bases(pool, SyncKey.PHONE).await().indefinitely();
        Map<String, String> aliasBases = sync.bases(pool, SyncKey.ALIAS).await().indefinitely();
        Set<SyncKey> renamed = new HashSet<>();
        if (modified) {
            Set<SyncKey> inMysql = mysql.run(VicidialRowReader::phoneKeys);
            phoneBases.keySet().stream().map(key -> new SyncKey(SyncKey.PHONE, key))
                    .filter(key -> !inMysql.contains(key))
                    .forEach(renamed::add);
        }
        Set<SyncKey> keys = ReverseSync.union(vicidial, dialfleet, Map.of());
        keys.addAll(renamed);
        for (SyncKey key : renamed) {
            String[] parts = VicidialTakeover.phoneKey(key);
            phones.findByKey(pool, parts[1], parts[0]).await().indefinitely()
                    .ifPresent(phone -> dialfleet.put(key, phone.columns()));
        }
        for (SyncKey key : keys) {
            String base = (SyncKey.PHONE.equals(key.entity()) ? phoneBases : aliasBases).get(key.key());
            if (base != null) {
                bases.put(key, base);
            }
        }
        Actor fallback = lastPhoneActor;
        Function<SyncKey, Actor> actorOf = key -> {
            String record = SyncKey.ALIAS.equals(key.entity())
                    ? "alias:" + key.key()
                    : "phone:" + VicidialTakeover.phoneKey(key)[1];
            Actor actor = actorByRecord.get(record);
            return actor != null ? actor : fallback != null ? fallback : RECONCILE_ACTOR;
        };
        return reverse.compare(new ReverseSync.Sides(vicidial, dialfleet, bases, keys), columns, actorOf, mysql);
    }

    /** Every phone and alias of both sides, and every base. */
    private void reconcile() throws SQLException {
        Instant started = Instant.now();
        Map<SyncKey, Map<String, Object>> vicidial = new HashMap<>();
        vicidial.putAll(mysql.run(VicidialRowReader::allPhones));
        vicidial.putAll(mysql.run(VicidialRowReader::allAliases));
        Map<SyncKey, Map<String, Object>> dialfleet = new HashMap<>();
        phones.listAll(pool).await().indefinitely()
                .forEach(phone -> dialfleet.put(phoneKey(phone.columns()), phone.columns()));
        aliases.listAll(pool).await().indefinitely().forEach(row -> dialfleet.put(aliasKey(row), row));
        Map<SyncKey, String> bases = new HashMap<>();
        sync.bases(pool, SyncKey.PHONE).await().indefinitely()
                .forEach((key, digest) -> bases.put(new SyncKey(SyncKey.PHONE, key), digest));
        sync.bases(pool, SyncKey.ALIAS).await().indefinitely()
                .forEach((key, digest) -> bases.put(new SyncKey(SyncKey.ALIAS, key), digest));
        Drift drift = reverse.compare(new ReverseSync.Sides(vicidial, dialfleet, bases,
                ReverseSync.union(vicidial, dialfleet, bases)), columns, key -> RECONCILE_ACTOR, mysql);
        Instant finished = Instant.now();
        sync.setState(pool, LAST_RECONCILE, finished.toString()).await().indefinitely();
        health.reconciled(finished, Duration.between(started, finished).toMillis(), drift);
        if (!drift.isNone()) {
            LOG.infof("VICIdial bridge: reconcile took over %d VICIdial changes, pushed %d dialfleet rows, "
                    + "%d conflicts (dialfleet won), %d VICIdial rows refused", drift.vicidialChanges(), drift.pushed(),
                    drift.conflicts(), drift.refused());
        }
    }

    private static SyncKey phoneKey(Map<String, Object> row) {
        return SyncKey.phone((String) row.get("server_ip"), (String) row.get("extension"));
    }

    private static SyncKey aliasKey(Map<String, Object> row) {
        return SyncKey.alias((String) row.get("alias_id"));
    }
}
