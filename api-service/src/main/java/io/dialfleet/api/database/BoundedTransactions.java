package io.dialfleet.api.database;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * An API request's transaction with a deadline ({@code dialfleet.database.request-timeout}, counted from the call):
 * the pool's wait is bounded by the same duration, and a transaction still running at the deadline fails with
 * {@link DatabaseUnavailable} and its connection is closed (a frozen server cannot enforce its own
 * {@code statement_timeout}). A COMMIT is only sent before the deadline; one already sent when the server froze may
 * still take effect (docs/compatibility.md, D2).
 */
@ApplicationScoped
public class BoundedTransactions {

    private static final Logger LOG = Logger.getLogger(BoundedTransactions.class);
    private final Pool pool;
    private final Duration timeout;

    public BoundedTransactions(Pool pool, DatabaseConfig config) {
        this.pool = pool;
        this.timeout = config.requestTimeout();
    }

    /** Runs {@code work} in one transaction: committed when it succeeds, rolled back when it fails. */
    public <T> Uni<T> run(Function<SqlConnection, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return pool.getConnection()
                    .onFailure().transform(failure -> new DatabaseUnavailable(
                            "no PostgreSQL connection within " + timeout + ": " + DatabaseUnavailable.describe(failure), failure))
                    .chain(connection -> inTransaction(connection, work,
                            timeout.minusNanos(System.nanoTime() - started)));
        });
    }

    /** A read outside a transaction (Hibernate Reactive's sessions), held to the same deadline. */
    public <T> Uni<T> bound(Uni<T> read) {
        // Every failure of a read is the database's: the caller maps the rows afterwards.
        return read.ifNoItem().after(timeout).failWith(this::unanswered)
                .onFailure(failure -> !(failure instanceof DatabaseUnavailable)).transform(failure ->
                        new DatabaseUnavailable("PostgreSQL failed: " + DatabaseUnavailable.describe(failure), failure));
    }

    private <T> Uni<T> inTransaction(SqlConnection connection, Function<SqlConnection, Uni<T>> work, Duration left) {
        if (left.isNegative() || left.isZero()) {
            return connection.close().onFailure().recoverWithNull().chain(() -> Uni.createFrom().failure(unanswered()));
        }
        return connection.begin()
                .chain(transaction -> work.apply(connection)
                        .call(transaction::commit)
                        .onFailure().call(() -> rollback(transaction)))
                .ifNoItem().after(left).failWith(this::unanswered)
                .onTermination().call((item, failure, cancelled) -> {
                    if (failure instanceof DatabaseUnavailable || cancelled) {
                        // Not awaited: the caller's answer must not wait on a connection that may never answer.
                        DiscardedConnection.close(connection).subscribe().with(closed -> { }, closeFailure ->
                                LOG.debugf("discarding a timed-out connection: %s", closeFailure.getMessage()));
                        return Uni.createFrom().voidItem();
                    }
                    return connection.close().onFailure().recoverWithNull();
                });
    }

    private static Uni<Void> rollback(Transaction transaction) {
        // Vert.x has already rolled back a transaction whose statement failed; this covers failures of our own code.
        return transaction.rollback().onFailure().recoverWithNull();
    }

    private DatabaseUnavailable unanswered() {
        return new DatabaseUnavailable("PostgreSQL did not answer within " + timeout);
    }
}
