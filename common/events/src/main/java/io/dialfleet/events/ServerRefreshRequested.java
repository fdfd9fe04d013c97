package io.dialfleet.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Asks the refresh-agent of {@code serverIp} to bring its Asterisk configuration to {@code revision} or later.
 *
 * @param requestId one per API call; a {@code server_refresh} shares it across all the servers it targets
 * @param force     reload every managed module even when no file changed
 */
public record ServerRefreshRequested(
        int schemaVersion,
        UUID eventId,
        UUID requestId,
        String serverIp,
        long revision,
        RefreshReason reason,
        boolean force,
        Instant requestedAt,
        Actor requestedBy) {

    public static final int SCHEMA_VERSION = 1;
}
