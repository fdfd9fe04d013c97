package io.dialfleet.api.service;

import io.dialfleet.api.outbox.Change;
import io.dialfleet.api.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The phone changes of one transaction, kept as data until the caller writes them last, right before COMMIT:
 * writing one locks its server's row, and every other change to that server waits for that lock until this
 * transaction ends. Not thread-safe: one per transaction, used on its connection's context. Get one from
 * {@link ChangeRecorder}.
 */
public final class PendingChanges {

    private final OutboxWriter outbox;
    private final List<Change> changes = new ArrayList<>();

    PendingChanges(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    void add(Change change) {
        changes.add(change);
    }

    /** @return the id of the last refresh request written, if any */
    public Uni<Optional<UUID>> write(SqlConnection connection) {
        List<Change> written = List.copyOf(changes);
        changes.clear();
        return outbox.write(connection, written);
    }
}
