package io.dialfleet.api.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The change records (revision, events, refresh request) of one transaction's phone changes, written last, right
 * before COMMIT: writing one locks its server's row, and every other change to that server waits for that lock
 * until this transaction ends. Not thread-safe: one per transaction, used on its connection's context.
 */
public final class PendingChanges {

    private final List<Function<SqlConnection, Uni<Optional<UUID>>>> records = new ArrayList<>();

    void add(Function<SqlConnection, Uni<Optional<UUID>>> record) {
        records.add(record);
    }

    /** @return the id of the last refresh request written, if any */
    public Uni<Optional<UUID>> write(SqlConnection connection) {
        Uni<Optional<UUID>> written = Uni.createFrom().item(Optional.empty());
        for (var record : records) {
            written = written.chain(previous -> record.apply(connection)
                    .map(requestId -> requestId.isPresent() ? requestId : previous));
        }
        records.clear();
        return written;
    }
}
