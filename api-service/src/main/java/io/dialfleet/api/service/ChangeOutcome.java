package io.dialfleet.api.service;

import java.util.Optional;
import java.util.UUID;

/**
 * What server_refresh produced beyond its rows.
 *
 * @param refreshRequestId the id of the refresh request it wrote, if any
 * @param count            a number the reply reports (server_refresh: servers whose flag went from N to Y)
 */
public record ChangeOutcome(Optional<UUID> refreshRequestId, int count) {
}
