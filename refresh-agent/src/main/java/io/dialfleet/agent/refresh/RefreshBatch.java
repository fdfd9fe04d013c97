package io.dialfleet.agent.refresh;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The requests one run covers: while a run is busy, every further request joins the next batch. The batch forces
 * a reload when any of its requests does, and asks for the highest revision any of them asked for.
 */
public record RefreshBatch(List<UUID> requestIds, long revision, boolean force) {

    static RefreshBatch of(RefreshTrigger trigger) {
        return new RefreshBatch(List.of(), 0, false).plus(trigger);
    }

    RefreshBatch plus(RefreshTrigger trigger) {
        List<UUID> ids = new ArrayList<>(requestIds);
        if (trigger.requestId() != null && !ids.contains(trigger.requestId())) {
            ids.add(trigger.requestId());
        }
        return new RefreshBatch(List.copyOf(ids), Math.max(revision, trigger.revision()), force || trigger.force());
    }
}
