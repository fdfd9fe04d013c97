package io.dialfleet.api.repository;

import io.dialfleet.api.bridge.OwnedColumns;
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
import java.util.Set;

/**
 * {@code phones}. Key columns are citext, so every comparison here is case-insensitive as VICIdial's collation
 * makes it (docs/spec/non-agent-api.md §1). Rows travel as {@link PhoneRow}s: the whole row is what audit events carry.
 */
@ApplicationScoped
public class PhoneRepository {

    /**
     * The columns a write may name: those dialfleet owns (the bridge's {@link OwnedColumns#PHONE}), which include
     * every column of the API's phone fields. Anything else is a programming error, never a request's choice:
     * names are pasted into the statement, values are bound.
     */
    private static final Set<String> WRITABLE = Set.copyOf(OwnedColumns.PHONE);

    private static final String INTERNAL_ID = "phone_id";

    /** The phone's whole row, locked until the transaction ends. */
    public Uni<Optional<PhoneRow>> findForUpdate(SqlConnection connection, String extension, String serverIp) {
        return connection.preparedQuery("SELECT * FROM phones WHERE extension = $1 AND server_ip = $2 FOR UPDATE")
                .execute(Tuple.of(extension, serverIp))
                .map(rows -> Rows.first(rows).map(PhoneRepository::toPhone));
    }

    /** What add_phone's existence checks ask (§5.1), in one round trip. */
    public record AddPhoneFacts(boolean serverExists, boolean phoneExists, boolean loginExists) {
    }

    public Uni<AddPhoneFacts> addPhoneFacts(SqlConnection connection, String serverIp, String extension,
            String login) {
        return connection.preparedQuery("""
                        SELECT EXISTS (SELECT 1 FROM servers WHERE server_ip = $1) AS server_exists,
                               EXISTS (SELECT 1 FROM phones WHERE server_ip = $1 AND extension = $2) AS phone_exists,
                               EXISTS (SELECT 1 FROM phones WHERE login = $3) AS login_exists""")
                .execute(Tuple.of(serverIp, extension, login))
                .map(rows -> {
                    var row = rows.iterator().next();
                    return new AddPhoneFacts(row.getBoolean("server_exists"), row.getBoolean("phone_exists"),
                            row.getBoolean("login_exists"));
                });
    }

    /** Whether a phone other than (extension, serverIp) holds the login (D4: either key differing is "other"). */
    public Uni<Boolean> loginHeldByOther(SqlConnection connection, String login, String extension, String serverIp) {
        return connection.preparedQuery("""
                        SELECT 1 FROM phones WHERE login = $1 AND NOT (extension = $2 AND server_ip = $3) LIMIT 1""")
                .execute(Tuple.of(login, extension, serverIp))
                .map(rows -> rows.size() > 0);
    }

    public Uni<PhoneRow> insert(SqlConnection connection, PhoneRow values) {
        Map<String, Object> columns = values.columns();
        List<String> names = writableNames(columns);
        List<String> placeholders = new ArrayList<>();
        for (int i = 1; i <= names.size(); i++) {
            placeholders.add("$" + i);
        }
        String sql = "INSERT INTO phones (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", placeholders) + ") RETURNING *";
        return connection.preparedQuery(sql)
                .execute(Tuple.from(values(columns, names)))
                .map(rows -> toPhone(rows.iterator().next()));
    }

    /** Sets the given columns; an empty map still touches nothing and returns the row as it is. */
    public Uni<PhoneRow> update(SqlConnection connection, String extension, String serverIp, PhoneRow changes) {
        Map<String, Object> columns = changes.columns();
        if (columns.isEmpty()) {
            return findForUpdate(connection, extension, serverIp).map(Optional::orElseThrow);
        }
        List<String> names = writableNames(columns);
        List<String> assignments = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            assignments.add(names.get(i) + " = $" + (i + 3));
        }
        List<Object> values = new ArrayList<>(List.of(extension, serverIp));
        values.addAll(values(columns, names));
        return connection.preparedQuery("UPDATE phones SET " + String.join(", ", assignments)
                        + " WHERE extension = $1 AND server_ip = $2 RETURNING *")
                .execute(Tuple.from(values))
                .map(rows -> toPhone(rows.iterator().next()));
    }

    public Uni<Void> delete(SqlConnection connection, String extension, String serverIp) {
        return connection.preparedQuery("DELETE FROM phones WHERE extension = $1 AND server_ip = $2")
                .execute(Tuple.of(extension, serverIp))
                .replaceWithVoid();
    }

    /** Every phone's whole row (the bridge's comparison with VICIdial's MySQL). */
    public Uni<List<PhoneRow>> listAll(SqlClient client) {
        return client.query("SELECT * FROM phones").execute().map(PhoneRepository::toPhones);
    }

    /** The whole rows of the phones with one of these extensions, on any server (case-insensitive). */
    public Uni<List<PhoneRow>> listByExtensions(SqlClient client, List<String> extensions) {
        return client.preparedQuery("SELECT * FROM phones WHERE extension = ANY($1::citext[])")
                .execute(Tuple.of(extensions.toArray(String[]::new)))
                .map(PhoneRepository::toPhones);
    }

    /** The phone's whole row, without a lock. */
    public Uni<Optional<PhoneRow>> findByKey(SqlClient client, String extension, String serverIp) {
        return client.preparedQuery("SELECT * FROM phones WHERE extension = $1 AND server_ip = $2")
                .execute(Tuple.of(extension, serverIp))
                .map(rows -> Rows.first(rows).map(PhoneRepository::toPhone));
    }

    /** Whether no phone exists at all (the bridge's first start). */
    public Uni<Boolean> none(SqlClient client) {
        return client.query("SELECT NOT EXISTS (SELECT 1 FROM phones) AS none").execute()
                .map(rows -> rows.iterator().next().getBoolean("none"));
    }

    private static List<PhoneRow> toPhones(RowSet<Row> rows) {
        List<PhoneRow> phones = new ArrayList<>(rows.size());
        rows.forEach(row -> phones.add(toPhone(row)));
        return phones;
    }

    private static PhoneRow toPhone(Row row) {
        return new PhoneRow(Rows.toMap(row, INTERNAL_ID));
    }

    /** The first piece of a login list that no phone holds (any server, case-insensitive), in list order. */
    public Uni<Optional<String>> firstUnknownLogin(SqlConnection connection, List<String> logins) {
        return connection.preparedQuery("""
                        SELECT piece.login, piece.position FROM unnest($1::text[]) WITH ORDINALITY AS piece(login, position)
                        WHERE NOT EXISTS (SELECT 1 FROM phones p WHERE p.login = piece.login::citext)
                        ORDER BY piece.position LIMIT 1""")
                .execute(Tuple.of(logins.toArray(String[]::new)))
                .map(rows -> Rows.first(rows).map(row -> row.getString("login")));
    }

    private static List<String> writableNames(Map<String, Object> columns) {
        for (String name : columns.keySet()) {
            if (!WRITABLE.contains(name)) {
                throw new IllegalArgumentException("not a writable phones column: " + name);
            }
        }
        return new ArrayList<>(columns.keySet());
    }

    private static List<Object> values(Map<String, Object> columns, List<String> names) {
        List<Object> values = new ArrayList<>(names.size());
        for (String name : names) {
            values.add(columns.get(name));
        }
        return values;
    }
}
