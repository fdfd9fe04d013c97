package io.dialfleet.api.bridge;

import java.time.Instant;

/**
 * Where the forward mirror stands, for the health check and the JSON API.
 *
 * @param running        the mirror's thread is consuming
 * @param lagRecords     change events on the topic not yet mirrored (as of the last poll)
 * @param oldestPending  when the oldest event not yet mirrored was published; null when nothing waits
 * @param lastAppliedAt  when a batch was last mirrored and committed; null before the first
 * @param retrying       the current batch failed and waits for a retry (MySQL or PostgreSQL unreachable)
 * @param lastError      the last failure's type and SQL state, never a value; null after a success
 */
public record MirrorStatus(boolean running, long lagRecords, Instant oldestPending, Instant lastAppliedAt,
        boolean retrying, String lastError) {

    static MirrorStatus off() {
        return new MirrorStatus(false, 0, null, null, false, null);
    }
}
