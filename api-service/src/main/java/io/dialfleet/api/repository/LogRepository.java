package io.dialfleet.api.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * VICIdial's two log tables. {@code value} is always '' and {@code webserver}/{@code api_url} 0 (D7): no table
 * may hold a request's password.
 */
@ApplicationScoped
public class LogRepository {

    public Uni<Void> append(SqlConnection connection, ApiLogEntry entry) {
        return connection.preparedQuery("""
                        INSERT INTO vicidial_api_log ("user", api_date, api_script, function, agent_user, value, result,
                                                      result_reason, source, data, run_time, webserver, api_url)
                        VALUES ($1, LOCALTIMESTAMP(0), 'non-agent', $2, $3, '', $4, $5, $6, $7, $8, 0, 0)""")
                .execute(Tuple.tuple()
                        .addString(cut(entry.user(), 20))
                        .addString(cut(entry.function(), 20))
                        .addString(cut(entry.agentUser(), 20))
                        .addString(cut(entry.result(), 10))
                        .addString(cut(entry.resultReason(), 255))
                        .addString(cut(entry.source(), 20))
                        .addString(entry.data())
                        .addString(cut(entry.runTime(), 20)))
                .replaceWithVoid();
    }

    /** {@code event_date} is the transaction's start on the database clock: the request's start. */
    public Uni<Void> append(SqlConnection connection, AdminLogEntry entry, String user, String ipAddress) {
        return connection.preparedQuery("""
                        INSERT INTO vicidial_admin_log (event_date, "user", ip_address, event_section, event_type, record_id,
                                                        event_code, event_sql, event_notes, user_group)
                        VALUES (LOCALTIMESTAMP(0), $1, $2, $3, $4, $5, $6, $7, $8, '---ALL---')""")
                .execute(Tuple.tuple()
                        .addString(cut(user, 20))
                        .addString(cut(ipAddress, 15))
                        .addString(entry.section())
                        .addString(entry.type())
                        .addString(cut(entry.recordId(), 50))
                        .addString(entry.code())
                        .addString(entry.eventSql())
                        .addString(entry.notes()))
                .replaceWithVoid();
    }

    /** Values longer than a log column are cut to it (docs/spec/non-agent-api.md §2.6, §10). */
    private static String cut(String value, int width) {
        return value.length() > width ? value.substring(0, width) : value;
    }
}
