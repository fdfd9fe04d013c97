package io.dialfleet.api.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code vicidial_users} as the login rules read and write it. Times are the database's (LOCALTIMESTAMP). */
@ApplicationScoped
public class ApiUserRepository {

    private static final String FIND_FOR_LOGIN = """
            SELECT u.user_id, u.pass_hash, u.user_level, u.active, u.failed_login_count,
                   extract(epoch FROM u.last_login_date)::bigint < extract(epoch FROM LOCALTIMESTAMP(0))::bigint - 900
                       AS lock_expired,
                   (u.last_login_date = LOCALTIMESTAMP(0) AND u.failed_login_count = 0 AND u.last_ip = $3)
                       AS login_unchanged,
                   u.ignore_ip_list, u.api_allowed_functions, u.user_group::text AS user_group,
                   u.ast_admin_access, u.ast_delete_phones, u.vdc_agent_api_access,
                   g.user_group IS NOT NULL AS group_exists, g.api_ip_list, g.admin_viewable_groups,
                   s.allow_ip_lists, s.system_ip_blacklist, s.pass_key, s.pass_cost,
                   EXISTS (SELECT 1 FROM vicidial_ip_list_entries e
                           WHERE e.ip_list_id = s.system_ip_blacklist::citext AND e.ip_address IN ($2, $4))
                       AS blocked_by_system_list,
                   EXISTS (SELECT 1 FROM vicidial_ip_list_entries e
                           WHERE e.ip_list_id = g.api_ip_list::citext AND e.ip_address IN ($2, $4))
                       AS on_api_allow_list
            FROM system_settings s
            LEFT JOIN vicidial_users u ON u."user" = $1
            LEFT JOIN vicidial_user_groups g ON g.user_group = u.user_group
            """;

    /**
     * @param clientIp   the request's remote address
     * @param lastIp     the address as {@code last_ip} would store it (cut to 15)
     * @param classCIp   the address with its last {@code .digits} group replaced by {@code .x}
     */
    public Uni<LoginRecord> findForLogin(SqlConnection connection, String user, String clientIp, String lastIp,
            String classCIp) {
        return connection.preparedQuery(FIND_FOR_LOGIN)
                .execute(Tuple.of(user, clientIp, lastIp, classCIp))
                .map(rows -> toLoginRecord(rows.iterator().next()));
    }

    public Uni<Void> recordGoodLogin(SqlConnection connection, long userId, String lastIp) {
        return connection.preparedQuery("""
                        UPDATE vicidial_users SET last_login_date = LOCALTIMESTAMP(0), failed_login_count = 0, last_ip = $2
                        WHERE user_id = $1""")
                .execute(Tuple.of(userId, lastIp))
                .replaceWithVoid();
    }

    public Uni<Void> countFailedLogin(SqlConnection connection, long userId) {
        return connection.preparedQuery("""
                        UPDATE vicidial_users SET failed_login_count = failed_login_count + 1 WHERE user_id = $1""")
                .execute(Tuple.of(userId))
                .replaceWithVoid();
    }

    public Uni<Void> restartFailureWindow(SqlConnection connection, long userId) {
        return connection.preparedQuery("""
                        UPDATE vicidial_users SET failed_login_count = 1, last_login_date = LOCALTIMESTAMP(0)
                        WHERE user_id = $1""")
                .execute(Tuple.of(userId))
                .replaceWithVoid();
    }

    private static LoginRecord toLoginRecord(Row row) {
        Long userId = row.getLong("user_id");
        boolean exists = userId != null;
        return new LoginRecord(
                userId,
                row.getString("pass_hash"),
                exists ? row.getInteger("user_level") : 0,
                row.getString("active"),
                exists ? row.getInteger("failed_login_count") : 0,
                exists && row.getBoolean("lock_expired"),
                exists && row.getBoolean("login_unchanged"),
                row.getString("ignore_ip_list"),
                row.getString("api_allowed_functions"),
                row.getString("user_group"),
                row.getString("ast_admin_access"),
                row.getString("ast_delete_phones"),
                row.getString("vdc_agent_api_access"),
                row.getBoolean("group_exists"),
                row.getString("api_ip_list"),
                row.getString("admin_viewable_groups"),
                row.getString("allow_ip_lists"),
                row.getString("system_ip_blacklist"),
                row.getBoolean("blocked_by_system_list"),
                row.getBoolean("on_api_allow_list"),
                row.getString("pass_key"),
                row.getInteger("pass_cost"));
    }
}
