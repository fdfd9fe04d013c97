package io.dialfleet.api.repository;

import io.dialfleet.api.domain.ServerRefreshState;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code server_refresh_state} for the fleet view (Hibernate Reactive, read-only); the status consumer writes it
 * through {@link RefreshStateRepository}.
 */
@ApplicationScoped
public class ServerRefreshStateRepository implements PanacheRepositoryBase<ServerRefreshState, String> {
}
