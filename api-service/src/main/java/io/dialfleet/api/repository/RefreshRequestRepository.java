package io.dialfleet.api.repository;

import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ServerRefreshCompleted;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.UUID;

/**
 * {@code refresh_request_targets}: what the agents reported for each request. The rows themselves are written with
 * the request's outbox row ({@code OutboxWriter}), so a request never exists without its targets.
 */
@ApplicationScoped
public class RefreshRequestRepository {

    /**
     * Records a run's outcome, warnings and exclusions for every request it covered on its server. A report replaces an earlier one for the
     * same request only when it finished later (so a copy or a late report changes nothing), and a failure never
     * replaces a success: once a run applied the request's revision, a later failed run rolled back to it.
     */
    public Uni<Void> recordOutcome(SqlConnection connection, ServerRefreshCompleted event) {
        if (event.requestIds() == null || event.requestIds().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        boolean failed = event.outcome() == RefreshOutcome.FAILED;
        ReportDetails details = ReportDetails.of(event);
        return connection.preparedQuery("""
                        UPDATE refresh_request_targets
                        SET outcome = $3, applied_revision = $4, error = $5, agent_id = $6, event_id = $7,
                            finished_at = $8, warnings = $10::text::jsonb, excluded = $11::text::jsonb
                        WHERE request_id = ANY($1) AND server_ip = $2
                          AND (finished_at IS NULL OR finished_at < $8)
                          AND NOT ($9 AND COALESCE(outcome, 'FAILED') <> 'FAILED')""")
                .execute(Tuple.tuple(Arrays.asList(event.requestIds().toArray(UUID[]::new), event.serverIp(),
                        event.outcome().name(), event.revision(), failed ? event.error() : null, event.agentId(),
                        event.eventId(), Rows.utc(event.finishedAt()), failed, details.warnings(),
                        details.excluded())))
                .replaceWithVoid();
    }

    /**
     * A successful report at revision X satisfies every request still pending on its server that asked for X or
     * less, whether or not the run named it: an agent that catches up at start-up or on a resync answers requests it
     * never saw. Its warnings and exclusions are those requests' too: it is the run that applied them.
     */
    public Uni<Void> settlePending(SqlConnection connection, ServerRefreshCompleted event) {
        if (event.outcome() == RefreshOutcome.FAILED) {
            return Uni.createFrom().voidItem();
        }
        ReportDetails details = ReportDetails.of(event);
        return connection.preparedQuery("""
                        UPDATE refresh_request_targets
                        SET outcome = $2, applied_revision = $3, agent_id = $4, event_id = $5, finished_at = $6,
                            warnings = $7::text::jsonb, excluded = $8::text::jsonb
                        WHERE server_ip = $1 AND outcome IS NULL AND revision <= $3""")
                .execute(Tuple.tuple(Arrays.asList(event.serverIp(), event.outcome().name(), event.revision(),
                        event.agentId(), event.eventId(), Rows.utc(event.finishedAt()), details.warnings(),
                        details.excluded())))
                .replaceWithVoid();
    }
}
