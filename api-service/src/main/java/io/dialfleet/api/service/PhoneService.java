package io.dialfleet.api.service;

import io.dialfleet.api.outbox.Change;
import io.dialfleet.api.repository.PhoneRepository;
import io.dialfleet.api.repository.PhoneRow;
import io.dialfleet.events.Actor;
import io.dialfleet.events.ChangeAction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Adds, updates and deletes phones. Every change also raises its server's revision, applies rule R and goes to the
 * outbox in the same transaction (architecture.md); that part waits in {@link PendingChanges} until the caller
 * writes it, last.
 */
@ApplicationScoped
public class PhoneService {

    /** Every phone change happens on a server of {@code servers}: the API checked it exists. */
    private static final long NO_REVISION = 0;

    private final PhoneRepository phones;

    public PhoneService(PhoneRepository phones) {
        this.phones = phones;
    }

    public Uni<Void> add(SqlConnection connection, PendingChanges pending, PhoneRow values, Actor actor,
            Instant at) {
        return phones.insert(connection, values)
                .invoke(after -> pending.add(new Change.Phone(ChangeAction.ADDED, null, after.columns(), NO_REVISION,
                        actor, at)))
                .replaceWithVoid();
    }

    public Uni<Void> update(SqlConnection connection, PendingChanges pending, String extension, String serverIp,
            PhoneRow before, PhoneRow changes, Actor actor, Instant at) {
        return phones.update(connection, extension, serverIp, changes)
                .invoke(after -> pending.add(new Change.Phone(ChangeAction.UPDATED, before.columns(), after.columns(),
                        NO_REVISION, actor, at)))
                .replaceWithVoid();
    }

    public Uni<Void> delete(SqlConnection connection, PendingChanges pending, String extension, String serverIp,
            PhoneRow before, Actor actor, Instant at) {
        return phones.delete(connection, extension, serverIp)
                .invoke(() -> pending.add(new Change.Phone(ChangeAction.DELETED, before.columns(), null, NO_REVISION,
                        actor, at)));
    }
}
