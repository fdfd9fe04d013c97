package io.dialfleet.api.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/** {@code phones_alias}; {@code alias_id} is citext, compared case-insensitively. */
@ApplicationScoped
public class AliasRepository {

    public Uni<Optional<Map<String, Object>>> findForUpdate(SqlConnection connection, String aliasId) {
        return connection.preparedQuery("SELECT * FROM phones_alias WHERE alias_id = $1 FOR UPDATE")
                .execute(Tuple.of(aliasId))
                .map(rows -> Rows.first(rows).map(Rows::toMap));
    }

    public Uni<Boolean> exists(SqlConnection connection, String aliasId) {
        return connection.preparedQuery("SELECT 1 FROM phones_alias WHERE alias_id = $1")
                .execute(Tuple.of(aliasId))
                .map(rows -> rows.size() > 0);
    }

    public Uni<Map<String, Object>> insert(SqlConnection connection, String aliasId, String aliasName,
            String loginsList) {
        return connection.preparedQuery("""
                        INSERT INTO phones_alias (alias_id, alias_name, logins_list) VALUES ($1, $2, $3) RETURNING *""")
                .execute(Tuple.of(aliasId, aliasName, loginsList))
                .map(rows -> Rows.toMap(rows.iterator().next()));
    }

    /** Sets the name and/or the login list; a null argument leaves that column as it is. */
    public Uni<Map<String, Object>> update(SqlConnection connection, String aliasId, String aliasName,
            String loginsList) {
        return connection.preparedQuery("""
                        UPDATE phones_alias SET alias_name = COALESCE($2, alias_name), logins_list = COALESCE($3, logins_list)
                        WHERE alias_id = $1 RETURNING *""")
                .execute(Tuple.of(aliasId, aliasName, loginsList))
                .map(rows -> Rows.toMap(rows.iterator().next()));
    }

    public Uni<Void> delete(SqlConnection connection, String aliasId) {
        return connection.preparedQuery("DELETE FROM phones_alias WHERE alias_id = $1")
                .execute(Tuple.of(aliasId))
                .replaceWithVoid();
    }
}
