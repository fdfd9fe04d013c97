package io.dialfleet.api.seed;

import io.dialfleet.api.auth.ApiPasswords;
import io.dialfleet.api.outbox.Change;
import io.dialfleet.api.outbox.OutboxWriter;
import io.dialfleet.events.Actor;
import io.dialfleet.events.ChangeAction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Imports a seed document (docs/spec/seed-format.md) in one transaction: everything or nothing. Unless silent, each phone and
 * alias the import added, changed or removed is announced as an API change would be (source {@code seed}): the
 * phone's server gets a new revision and, when it generates conf, a refresh request. A template whose content the
 * import added, changed or removed does the same for every server with a phone using it (issue 13: a template change
 * requests a refresh of the servers it affects), unless one of that server's phones was announced already.
 *
 * <p>Longer than our usual class because it is one transaction read top to bottom: lock, snapshot, write, compare,
 * announce. Its SQL is in {@link SeedRepository}, its document checks in {@link SeedDocument}.
 */
@ApplicationScoped
public class SeedImporter {

    public static final String SOURCE = "seed";
    public static final String FUNCTION = "seed_import";

    private static final Logger LOG = Logger.getLogger(SeedImporter.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String NOT_NULL_VIOLATION = "23502";
    private static final String CHECK_VIOLATION = "23514";
    private static final String DATA_EXCEPTION_CLASS = "22";
    private static final String PHONE_LOGIN_INDEX = "phones_login_key";
    /** A deadlock with a concurrent server_refresh (both lock server rows) is resolved by running again. */
    private static final int DEADLOCK_RETRIES = 2;

    private final Pool pool;
    private final SeedRepository seeds;
    private final OutboxWriter outbox;
    private final ApiPasswords passwords;
    /** The schema only changes with a migration, which restarts the service. */
    private volatile SeedSchema schema;

    public SeedImporter(Pool pool, SeedRepository seeds, OutboxWriter outbox, ApiPasswords passwords) {
        this.pool = pool;
        this.seeds = seeds;
        this.outbox = outbox;
        this.passwords = passwords;
    }

    /**
     * Reads, checks and imports a JSON seed document. Fails with {@link SeedRejected} when the document or one of its
     * rows cannot be imported; then nothing was.
     */
    public Uni<SeedSummary> importJson(byte[] json, SeedMode mode, boolean silent, Actor actor) {
        // Parsing a large document and bcrypt are CPU work: off the event loop.
        return schema()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(loaded -> SeedDocument.read(json, loaded))
                .chain(this::hashPasswords)
                .chain(document -> importDocument(document, mode, silent, actor));
    }

    Uni<SeedSummary> importDocument(SeedDocument document, SeedMode mode, boolean silent, Actor actor) {
        Instant at = Instant.now();
        return pool.withTransaction(connection -> write(connection, document, mode, silent, actor, at))
                .onFailure(SeedImporter::isDeadlock).retry().atMost(DEADLOCK_RETRIES)
                .map(written -> {
                    if (written.isEmpty()) {
                        LOG.infof("seed import (%s) by %s from %s: the database holds a fleet already; nothing "
                                + "imported", mode.label(), actor.user(), actor.clientIp());
                        return new SeedSummary(mode.label(), silent, false, Map.of());
                    }
                    Announced announced = written.get();
                    // Users and their hashes were rewritten: no verification may outlive them.
                    passwords.forgetAll();
                    var summary = new SeedSummary(mode.label(), silent, true, document.rowCounts());
                    LOG.infof("seed import (%s%s) by %s from %s: rows %s; %d phone and %d alias changes announced, "
                            + "%d more servers refreshed for %d changed templates", summary.mode(),
                            silent ? ", silent" : "", actor.user(), actor.clientIp(), summary.rows(),
                            announced.phones(), announced.aliases(), announced.templateServers(),
                            announced.templates());
                    return summary;
                });
    }

    private Uni<SeedSchema> schema() {
        SeedSchema loaded = schema;
        if (loaded != null) {
            return Uni.createFrom().item(loaded);
        }
        return seeds.loadSchema(pool).invoke(read -> schema = read);
    }

    /** Each password on a worker of its own: at the default cost a bcrypt takes tens of milliseconds. */
    private Uni<SeedDocument> hashPasswords(SeedDocument document) {
        List<PlainPassword> plain = document.plainPasswords();
        if (plain.isEmpty()) {
            return Uni.createFrom().item(document);
        }
        List<Uni<String>> hashes = plain.stream()
                .map(password -> Uni.createFrom().item(() -> passwords.hash(password.reveal()))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .toList();
        return Uni.join().all(hashes).andFailFast().map(hashed -> document.withHashes(plain, hashed));
    }

    /**
     * The lock comes first, on every import: it serializes imports, and it keeps the API's phone and alias writes
     * out, so that the rows compared before and after differ by this import's changes only. Mode if-empty looks for
     * a fleet under that lock, so of two imports started together the second sees what the first committed.
     * Empty when that mode found a fleet and wrote nothing.
     */
    private Uni<Optional<Announced>> write(SqlConnection connection, SeedDocument document, SeedMode mode,
            boolean silent, Actor actor, Instant at) {
        return seeds.lockPhonesAndAliases(connection)
                .chain(() -> mode == SeedMode.IF_EMPTY ? seeds.holdsFleet(connection) : Uni.createFrom().item(false))
                .chain(holdsFleet -> holdsFleet
                        ? Uni.createFrom().item(Optional.<Announced>empty())
                        : writeLocked(connection, document, mode, silent, actor, at).map(Optional::of));
    }

    private Uni<Announced> writeLocked(SqlConnection connection, SeedDocument document, SeedMode mode,
            boolean silent, Actor actor, Instant at) {
        Uni<Snapshot> before = silent ? Uni.createFrom().item(Snapshot.EMPTY) : snapshot(connection);
        return before.chain(snapshot -> seeds.serverRevisions(connection)
                .call(revisions -> mode == SeedMode.REPLACE
                        ? replace(connection, document, revisions)
                        : merge(connection, document))
                .chain(revisions -> silent
                        ? Uni.createFrom().item(Announced.NOTHING)
                        : snapshot(connection)
                                .chain(after -> announce(connection, snapshot, after, revisions, actor, at))));
    }

    private Uni<Void> replace(SqlConnection connection, SeedDocument document, Map<String, Long> revisions) {
        return seeds.emptyOwnedTables(connection)
                .chain(() -> writeRows(connection, document, row -> seeds.insert(connection, row)))
                .chain(() -> seeds.restoreServerRevisions(connection, revisions));
    }

    private Uni<Void> merge(SqlConnection connection, SeedDocument document) {
        return writeRows(connection, document, row -> seeds.upsert(connection, row));
    }

    /** Settings first, then every table in {@link SeedTable} order, one row at a time so a failure names its row. */
    private Uni<Void> writeRows(SqlConnection connection, SeedDocument document, Function<SeedRow, Uni<Void>> write) {
        List<SeedRow> rows = new ArrayList<>();
        for (SeedTable table : document.tables()) {
            rows.addAll(document.rows(table));
        }
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> (row.table().isSingleRow()
                        ? seeds.updateSettings(connection, row)
                        : write.apply(row))
                        .onFailure(PgException.class).transform(failure -> rejected(row, (PgException) failure)))
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Snapshot> snapshot(SqlConnection connection) {
        return seeds.phonesByKey(connection)
                .chain(phones -> seeds.aliasesByKey(connection)
                        .chain(aliases -> seeds.templateContentsByKey(connection)
                                .map(templates -> new Snapshot(phones, aliases, templates))));
    }

    /**
     * One event per phone and per alias whose row differs, in key order, then the servers of changed templates, in
     * one write at the end of the import's transaction. A phone's server gets its revision raised first, as for an
     * API change; a server that is not (or no longer) in {@code servers} has none to raise, so the event carries the
     * last revision it had and asks for no refresh.
     */
    private Uni<Announced> announce(SqlConnection connection, Snapshot before, Snapshot after,
            Map<String, Long> revisions, Actor actor, Instant at) {
        List<Change> changes = new ArrayList<>();
        List<Diff> phoneChanges = changes(before.phones(), after.phones());
        Set<String> announcedServers = new HashSet<>();
        for (Diff diff : phoneChanges) {
            String serverIp = ((String) diff.row().get("server_ip")).toLowerCase(Locale.ROOT);
            announcedServers.add(serverIp);
            changes.add(new Change.Phone(diff.action(), diff.before(), diff.after(),
                    revisions.getOrDefault(serverIp, 0L), actor, at));
        }
        List<Diff> aliasChanges = changes(before.aliases(), after.aliases());
        aliasChanges.forEach(diff -> changes.add(new Change.Alias(diff.action(), diff.before(), diff.after(), actor,
                at)));
        Set<String> templates = changedTemplates(before.templates(), after.templates());
        return templateServers(connection, templates, announcedServers)
                .chain(servers -> {
                    servers.forEach(server -> changes.add(new Change.Template(server, actor, at)));
                    return outbox.write(connection, changes).replaceWith(new Announced(phoneChanges.size(),
                            aliasChanges.size(), templates.size(), servers.size()));
                });
    }

    /**
     * Every server with a phone using a changed template, except those a phone change of this import announced
     * already (their new revision covers the template too).
     */
    private Uni<List<String>> templateServers(SqlConnection connection, Set<String> templates,
            Set<String> announcedServers) {
        if (templates.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return seeds.serversUsingTemplates(connection, templates)
                .map(servers -> servers.stream()
                        .filter(server -> !announcedServers.contains(server.toLowerCase(Locale.ROOT)))
                        .toList());
    }

    /** Templates added, removed, or whose content changed: only the content reaches a phone's section. */
    private static Set<String> changedTemplates(Map<String, String> before, Map<String, String> after) {
        Set<String> changed = new TreeSet<>();
        Set<String> keys = new HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            if (!before.containsKey(key) || !after.containsKey(key)
                    || !Objects.equals(before.get(key), after.get(key))) {
                changed.add(key);
            }
        }
        return changed;
    }

    private static List<Diff> changes(Map<String, Map<String, Object>> before,
            Map<String, Map<String, Object>> after) {
        List<Diff> changes = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            Map<String, Object> old = before.get(key);
            Map<String, Object> now = after.get(key);
            if (old == null) {
                changes.add(new Diff(ChangeAction.ADDED, null, now));
            } else if (now == null) {
                changes.add(new Diff(ChangeAction.DELETED, old, null));
            } else if (!Objects.equals(old, now)) {
                changes.add(new Diff(ChangeAction.UPDATED, old, now));
            }
        }
        return changes;
    }

    /**
     * Names the row and the rule it broke. PostgreSQL's DETAIL is never passed on (it can quote a whole row,
     * passwords included), nor its message for data errors (it can quote the value).
     */
    private static RuntimeException rejected(SeedRow row, PgException failure) {
        String state = failure.getSqlState() == null ? "" : failure.getSqlState();
        String reason;
        if (UNIQUE_VIOLATION.equals(state) && PHONE_LOGIN_INDEX.equals(failure.getConstraint())) {
            reason = "login " + row.values().get("login") + " is already held by another phone";
        } else if (UNIQUE_VIOLATION.equals(state)) {
            reason = "duplicates a unique key (" + failure.getConstraint() + ")";
        } else if (NOT_NULL_VIOLATION.equals(state)) {
            reason = "column " + failure.getColumn() + " may not be null";
        } else if (CHECK_VIOLATION.equals(state)) {
            reason = "violates the check " + failure.getConstraint();
        } else if (state.startsWith(DATA_EXCEPTION_CLASS)) {
            reason = "has a value its column does not accept (PostgreSQL " + state + ")";
        } else {
            return failure;
        }
        return new SeedRejected(row.describe() + ": " + reason);
    }

    private static boolean isDeadlock(Throwable failure) {
        return failure instanceof PgException pg && "40P01".equals(pg.getSqlState());
    }

    /** @param templates template content by case-folded id */
    private record Snapshot(Map<String, Map<String, Object>> phones, Map<String, Map<String, Object>> aliases,
            Map<String, String> templates) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), Map.of());
    }

    /** {@code row()}: the row after the change, or before a deletion. */
    private record Diff(ChangeAction action, Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> row() {
            return after != null ? after : before;
        }
    }

    /** @param templateServers servers announced for {@code templates} changed templates, beyond the phones' */
    private record Announced(int phones, int aliases, int templates, int templateServers) {
        static final Announced NOTHING = new Announced(0, 0, 0, 0);
    }
}
