package io.dialfleet.api.repository;

import io.dialfleet.api.domain.FleetServer;
import io.dialfleet.api.domain.ServerRefreshState;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * {@code servers} with what each server's agent last reported ({@code server_refresh_state}), for the fleet view
 * (Hibernate Reactive, read-only). Each read is one statement: the desired revision, the rebuild flag and the applied
 * revision come from the same snapshot, so a server never shows in sync with a flag its report already cleared.
 */
@ApplicationScoped
public class FleetServerRepository implements PanacheRepositoryBase<FleetServer, String> {

    /** A server and its agent's last report, null when it never reported. */
    public record ServerWithState(FleetServer server, ServerRefreshState state) {
    }

    private static final String WITH_STATE = """
            select new io.dialfleet.api.repository.FleetServerRepository$ServerWithState(s, r)
            from FleetServer s left join ServerRefreshState r on r.serverIp = s.serverIp
            """;

    public Uni<List<ServerWithState>> listWithState() {
        return getSession().chain(session -> session
                .createSelectionQuery(WITH_STATE + " order by s.serverIp", ServerWithState.class)
                .getResultList());
    }

    /**
     * The server whose citext {@code server_ip} equals the address in any case, spelled as its row spells it (a
     * {@code findById} would hand back the caller's spelling as the entity's id).
     */
    public Uni<Optional<ServerWithState>> findWithState(String serverIp) {
        return getSession().chain(session -> session
                .createSelectionQuery(WITH_STATE + " where s.serverIp = :serverIp", ServerWithState.class)
                .setParameter("serverIp", serverIp)
                .getResultList())
                .map(found -> found.stream().findFirst());
    }
}
