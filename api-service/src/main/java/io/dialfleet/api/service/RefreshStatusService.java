package io.dialfleet.api.service;

import io.dialfleet.api.repository.RefreshRequestRepository;
import io.dialfleet.api.repository.RefreshStateRecord;
import io.dialfleet.api.repository.RefreshStateRepository;
import io.dialfleet.api.repository.ReportDetails;
import io.dialfleet.api.repository.ServerRepository;
import io.dialfleet.events.ServerRefreshCompleted;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records what a refresh-agent reported (architecture.md, "Data and consistency"), in one transaction: the server's
 * refresh state (with the warnings and exclusions of the run that finished last), the outcome, warnings and
 * exclusions of every request the run covered, and — once the agent applied the desired revision —
 * the cleared rebuild flag. A report seen before changes nothing; so does one for a server that does not exist (no
 * state row is created for it) or one claiming a revision above the server's desired revision, which no agent can
 * have been given.
 */
@ApplicationScoped
public class RefreshStatusService {

    private final Pool pool;
    private final RefreshStateRepository states;
    private final RefreshRequestRepository requests;
    private final ServerRepository servers;

    public RefreshStatusService(Pool pool, RefreshStateRepository states, RefreshRequestRepository requests,
            ServerRepository servers) {
        this.pool = pool;
        this.states = states;
        this.requests = requests;
        this.servers = servers;
    }

    public Uni<ReportVerdict> record(ServerRefreshCompleted event) {
        return pool.withTransaction(connection -> servers.desiredRevision(connection, event.serverIp())
                .chain(desired -> {
                    if (desired.isEmpty()) {
                        return Uni.createFrom().item(ReportVerdict.UNKNOWN_SERVER);
                    }
                    if (event.revision() > desired.get()) {
                        return Uni.createFrom().item(ReportVerdict.REVISION_AHEAD);
                    }
                    return states.lock(connection, event.serverIp())
                            .chain(stored -> apply(connection, stored, event))
                            .replaceWith(ReportVerdict.RECORDED);
                }));
    }

    private Uni<Void> apply(SqlConnection connection, RefreshStateRecord stored, ServerRefreshCompleted event) {
        var transition = RefreshStateRules.apply(stored, event);
        if (transition.duplicate()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> saved = transition.next().equals(stored)
                ? Uni.createFrom().voidItem()
                : states.save(connection, transition.next());
        return saved
                .chain(() -> transition.latest()
                        ? states.saveDetails(connection, event.serverIp(), ReportDetails.of(event))
                        : Uni.createFrom().voidItem())
                .chain(() -> requests.recordOutcome(connection, event))
                .chain(() -> requests.settlePending(connection, event))
                .chain(() -> transition.caughtUp()
                        ? servers.clearRebuildFlag(connection, event.serverIp(), transition.next().appliedRevision())
                        : Uni.createFrom().voidItem());
    }
}
