package io.dialfleet.api.repository;

import io.dialfleet.events.RefreshOutcome;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;

/** {@code server_refresh_state}, written by the refresh-status consumer only. */
@ApplicationScoped
public class RefreshStateRepository {

    /**
     * The server's state, locked until the transaction ends; a server never reported on gets an empty row first, so
     * that two reports for it are applied one after the other.
     */
    public Uni<RefreshStateRecord> lock(SqlConnection connection, String serverIp) {
        return connection.preparedQuery("INSERT INTO server_refresh_state (server_ip) VALUES ($1) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(serverIp))
                .chain(() -> connection.preparedQuery("""
                                SELECT server_ip::text AS server_ip, applied_revision, last_outcome, last_error, agent_id,
                                       last_event_id, last_started_at, last_finished_at
                                FROM server_refresh_state WHERE server_ip = $1 FOR UPDATE""")
                        .execute(Tuple.of(serverIp)))
                .map(rows -> toRecord(rows.iterator().next()));
    }

    public Uni<Void> save(SqlConnection connection, RefreshStateRecord state) {
        return connection.preparedQuery("""
                        UPDATE server_refresh_state
                        SET applied_revision = $2, last_outcome = $3, last_error = $4, agent_id = $5,
                            last_event_id = $6, last_started_at = $7, last_finished_at = $8, updated_at = now()
                        WHERE server_ip = $1""")
                .execute(Tuple.tuple(Arrays.asList(state.serverIp(), state.appliedRevision(),
                        state.lastOutcome() == null ? null : state.lastOutcome().name(), state.lastError(),
                        state.agentId(), state.lastEventId(), Rows.utc(state.lastStartedAt()),
                        Rows.utc(state.lastFinishedAt()))))
                .replaceWithVoid();
    }

    /**
     * Stores the warnings and exclusions of the report that finished last; kept out of {@link #save} so that the
     * lock never reads a previous report's (possibly large) lists back.
     */
    public Uni<Void> saveDetails(SqlConnection connection, String serverIp, ReportDetails details) {
        return connection.preparedQuery("""
                        UPDATE server_refresh_state SET last_warnings = $2::text::jsonb, last_excluded = $3::text::jsonb
                        WHERE server_ip = $1""")
                .execute(Tuple.of(serverIp, details.warnings(), details.excluded()))
                .replaceWithVoid();
    }

    private static RefreshStateRecord toRecord(Row row) {
        String outcome = row.getString("last_outcome");
        return new RefreshStateRecord(row.getString("server_ip"), row.getLong("applied_revision"),
                outcome == null ? null : RefreshOutcome.valueOf(outcome), row.getString("last_error"),
                row.getString("agent_id"), row.getUUID("last_event_id"), Rows.instant(row, "last_started_at"),
                Rows.instant(row, "last_finished_at"));
    }

}
