package io.dialfleet.api.service;

import io.dialfleet.api.repository.RefreshStateRecord;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ServerRefreshCompleted;

/**
 * How a ServerRefreshCompleted changes a server's refresh state. Kafka delivers at least once and agents may report
 * out of order (a restarted agent, a producer retry), so the state never moves backwards: the applied revision only
 * grows and only with a successful run, and the last outcome is that of the run that finished last.
 */
final class RefreshStateRules {

    private RefreshStateRules() {
    }

    /**
     * @param next   the state to store
     * @param latest whether the event reports the run that finished last (its outcome is now the last outcome)
     */
    record Transition(RefreshStateRecord next, boolean duplicate, boolean latest) {

        /** Whether this event brought the server to a revision it may now be in sync at. */
        boolean caughtUp() {
            return latest && next.lastOutcome() != RefreshOutcome.FAILED && next.appliedRevision() != null;
        }
    }

    static Transition apply(RefreshStateRecord stored, ServerRefreshCompleted event) {
        if (event.eventId().equals(stored.lastEventId())) {
            return new Transition(stored, true, false);
        }
        Long applied = stored.appliedRevision();
        if (event.outcome() != RefreshOutcome.FAILED) {
            applied = applied == null ? event.revision() : Math.max(applied, event.revision());
        }
        boolean latest = stored.lastFinishedAt() == null || event.finishedAt().isAfter(stored.lastFinishedAt());
        RefreshStateRecord next = latest
                ? new RefreshStateRecord(stored.serverIp(), applied, event.outcome(),
                        event.outcome() == RefreshOutcome.FAILED ? event.error() : null, event.agentId(),
                        event.eventId(), event.startedAt(), event.finishedAt())
                : new RefreshStateRecord(stored.serverIp(), applied, stored.lastOutcome(), stored.lastError(),
                        stored.agentId(), stored.lastEventId(), stored.lastStartedAt(), stored.lastFinishedAt());
        return new Transition(next, false, latest);
    }
}
