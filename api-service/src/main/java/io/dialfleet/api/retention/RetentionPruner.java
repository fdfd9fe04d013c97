package io.dialfleet.api.retention;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Deletes the rows of {@link PrunedTable} older than their retention, in batches of short transactions with a pause
 * between them. It works on the JDBC pool, on the scheduler's worker thread: the reactive pool the API's requests
 * queue for is never used, and an event loop never waits. One replica prunes at a time (an advisory lock); the
 * others skip the pass.
 */
@ApplicationScoped
public class RetentionPruner {

    /** Advisory lock key of the pruner (any constant unique within the database; the outbox relay's differs). */
    static final long LOCK_KEY = 0x64666c5f70726e65L;

    private static final Logger LOG = Logger.getLogger(RetentionPruner.class);

    private final AgroalDataSource dataSource;
    private final RetentionConfig config;

    public RetentionPruner(AgroalDataSource dataSource, RetentionConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Scheduled(identity = "dialfleet-retention", every = "{dialfleet.retention.interval}",
            delayed = "{dialfleet.retention.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPass() {
        if (!config.enabled()) {
            return;
        }
        try {
            prune();
        } catch (SQLException e) {
            // The message only: nothing in these statements' errors is a secret, but a row's values never belong here.
            LOG.warnf("retention: pass failed (PostgreSQL %s: %s); the next pass tries again in %s", e.getSQLState(),
                    e.getMessage(), config.interval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One pass over every table. Returns the rows deleted per table, empty when another replica was pruning.
     */
    public Map<PrunedTable, Long> prune() throws SQLException, InterruptedException {
        Map<PrunedTable, Long> deleted = new EnumMap<>(PrunedTable.class);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!tryLock(connection)) {
                LOG.debug("retention: another replica is pruning; pass skipped");
                return deleted;
            }
            try {
                for (PrunedTable table : PrunedTable.values()) {
                    deleted.put(table, prune(connection, table));
                }
            } finally {
                unlock(connection);
            }
        }
        if (deleted.values().stream().anyMatch(count -> count > 0)) {
            LOG.infof("retention: deleted %s", deleted);
        }
        return deleted;
    }

    private long prune(Connection connection, PrunedTable table) throws SQLException, InterruptedException {
        long retentionSeconds = table.retention(config).toSeconds();
        int batchSize = config.batchSize();
        long total = 0;
        try (PreparedStatement delete = connection.prepareStatement(table.deleteBatch())) {
            delete.setLong(1, retentionSeconds);
            delete.setInt(2, batchSize);
            while (true) {
                int batch = delete.executeUpdate();
                total += batch;
                if (batch < batchSize) {
                    return total;
                }
                Thread.sleep(config.pause().toMillis());
            }
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet result = lock.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection connection) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, LOCK_KEY);
            unlock.execute();
        }
    }
}
