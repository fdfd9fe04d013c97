package io.dialfleet.api.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
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

    /** Every alias (the bridge's comparison with VICIdial's MySQL). */
    public Uni<List<Map<String, Object>>> listAll(SqlClient client) {
        return client.query("SELECT * FROM phones_alias").execute().map(AliasRepository::toMaps);
    }

    public Uni<List<Map<String, Object>>> listByIds(SqlClient client, List<String> aliasIds) {
        return client.preparedQuery("SELECT * FROM phones_alias WHERE alias_id = ANY($1::citext[])")
                .execute(Tuple.of(aliasIds.toArray(String[]::new)))
                .map(AliasRepository::toMaps);
    }

    /**
     * A whole alias as VICIdial holds it (the bridge): all four columns; a null {@code user_group} takes the
     * default.
     */
    public Uni<Map<String, Object>> insertRow(SqlConnection connection, Map<String, Object> row) {
        return connection.preparedQuery("""
                        INSERT INTO phones_alias (alias_id, alias_name, logins_list, user_group)
                        VALUES ($1, $2, $3, COALESCE($4, '---ALL---')) RETURNING *""")
                .execute(Tuple.of(row.get("alias_id"), row.get("alias_name"), row.get("logins_list"),
                        row.get("user_group")))
                .map(rows -> Rows.toMap(rows.iterator().next()));
    }

    /** Sets all columns but the key from VICIdial's row; a null {@code user_group} keeps the current one. */
    public Uni<Map<String, Object>> updateRow(SqlConnection connection, String aliasId, Map<String, Object> row) {
        return connection.preparedQuery("""
                        UPDATE phones_alias SET alias_id = $2, alias_name = $3, logins_list = $4,
                            user_group = COALESCE($5, user_group)
                        WHERE alias_id = $1 RETURNING *""")
                .execute(Tuple.of(aliasId, row.get("alias_id"), row.get("alias_name"), row.get("logins_list"),
                        row.get("user_group")))
                .map(rows -> Rows.toMap(rows.iterator().next()));
    }

    private static List<Map<String, Object>> toMaps(RowSet<Row> rows) {
        List<Map<String, Object>> maps = new ArrayList<>(rows.size());
        rows.forEach(row -> maps.add(Rows.toMap(row)));
        return maps;
    }

    public Uni<Void> delete(SqlConnection connection, String aliasId) {
        return connection.preparedQuery("DELETE FROM phones_alias WHERE alias_id = $1")
                .execute(Tuple.of(aliasId))
                .replaceWithVoid();
    }
}
