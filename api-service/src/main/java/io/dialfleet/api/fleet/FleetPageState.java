package io.dialfleet.api.fleet;

import io.dialfleet.api.mapping.RefreshRequestStatus;
import io.dialfleet.api.mapping.ServerStatus;
import java.time.Instant;
import java.util.List;

/**
 * What the fleet page shows: every server as {@code GET /api/v1/servers} has it, and the refresh requests made
 * last, newest first, each as {@code GET /api/v1/refreshes/{id}} has it.
 */
public record FleetPageState(Instant readAt, List<ServerStatus> servers, List<RefreshRequestStatus> refreshes) {
}
