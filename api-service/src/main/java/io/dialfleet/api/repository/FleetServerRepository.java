package io.dialfleet.api.repository;

import io.dialfleet.api.domain.FleetServer;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** {@code servers} for the fleet view (Hibernate Reactive, read-only). */
@ApplicationScoped
public class FleetServerRepository implements PanacheRepositoryBase<FleetServer, String> {

    public Uni<List<FleetServer>> listByAddress() {
        return listAll(Sort.by("serverIp"));
    }

    /**
     * The server whose citext {@code server_ip} equals the address in any case, spelled as its row spells it (a
     * {@code findById} would hand back the caller's spelling as the entity's id).
     */
    public Uni<FleetServer> findByAddress(String serverIp) {
        return find("serverIp = ?1", serverIp).firstResult();
    }
}
