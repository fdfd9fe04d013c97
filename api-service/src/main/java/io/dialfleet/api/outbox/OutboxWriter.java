package io.dialfleet.api.outbox;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox's one write path: every change of every caller (API, seed import, VICIdial bridge, operator API) is
 * written here, in the caller's transaction, one {@link OutboxWrite#STATEMENT} per row set. When that transaction
 * commits, {@link OutboxCommitted} is fired and the relay publishes; a rollback fires nothing and leaves no row.
 */
@ApplicationScoped
public class OutboxWriter {

    private final ChangeEvents events;
    private final Event<OutboxCommitted> committed;

    OutboxWriter(ChangeEvents events, Event<OutboxCommitted> committed) {
        this.events = events;
        this.committed = committed;
    }

    /**
     * Writes the changes in order. Phone and template changes lock their server's row until COMMIT: write them last
     * in the transaction (docs/design-notes.md, "Ordering and locks").
     *
     * @return the id of the last refresh request written, if any
     */
    public Uni<Optional<UUID>> write(SqlConnection connection, List<? extends Change> changes) {
        List<OutboxWrite> writes = changes.stream().flatMap(change -> events.writes(change).stream()).toList();
        if (writes.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        Uni<Optional<UUID>> written = writes.size() == 1
                ? execute(connection, writes.get(0))
                : Multi.createFrom().iterable(writes)
                        .onItem().transformToUniAndConcatenate(write -> execute(connection, write))
                        .filter(Optional::isPresent)
                        .collect().last()
                        .map(last -> last == null ? Optional.<UUID>empty() : last);
        return written.invoke(() -> afterCommit(connection));
    }

    public Uni<Optional<UUID>> write(SqlConnection connection, Change change) {
        return write(connection, List.of(change));
    }

    private Uni<Optional<UUID>> execute(SqlConnection connection, OutboxWrite write) {
        return connection.preparedQuery(OutboxWrite.STATEMENT)
                .execute(write.parameters())
                .map(rows -> rows.iterator().next().getBoolean("requested")
                        ? Optional.of(write.requestId())
                        : Optional.empty());
    }

    /** Outside a transaction each statement committed on its own: the rows are there already. */
    private void afterCommit(SqlConnection connection) {
        Transaction transaction = connection.transaction();
        if (transaction == null) {
            committed.fire(new OutboxCommitted());
            return;
        }
        transaction.getDelegate().completion().onSuccess(ignored -> committed.fire(new OutboxCommitted()));
    }
}
