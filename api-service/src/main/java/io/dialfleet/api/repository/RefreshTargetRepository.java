package io.dialfleet.api.repository;

import io.dialfleet.api.domain.RefreshTarget;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * {@code refresh_request_targets} for the refresh view (Hibernate Reactive, read-only); written through
 * {@link RefreshRequestRepository}.
 */
@ApplicationScoped
public class RefreshTargetRepository implements PanacheRepositoryBase<RefreshTarget, RefreshTarget.Key> {

    public Uni<List<RefreshTarget>> listByRequest(UUID requestId) {
        return list("requestId = ?1 order by serverIp", requestId);
    }

    /** The {@code rows} targets requested last, newest first (the requested_at index, read backwards). */
    public Uni<List<RefreshTarget>> latest(int rows) {
        return find("order by requestedAt desc, requestId").page(0, rows).list();
    }

    public Uni<List<RefreshTarget>> listByRequests(Collection<UUID> requestIds) {
        return list("requestId in ?1 order by serverIp", requestIds);
    }
}
