package io.dialfleet.agent.refresh;

import io.dialfleet.events.RefreshReason;
import java.util.UUID;

/**
 * Why a rebuild should run: a {@code ServerRefreshRequested} for this server, or the agent's own start-up.
 *
 * @param requestId null for the agent's own runs (start-up, periodic resync), which answer no request
 */
public record RefreshTrigger(UUID requestId, long revision, boolean force, RefreshReason reason) {

    public static RefreshTrigger startup() {
        return new RefreshTrigger(null, 0, false, RefreshReason.STARTUP);
    }

    public static RefreshTrigger resync() {
        return new RefreshTrigger(null, 0, false, RefreshReason.RESYNC);
    }
}
