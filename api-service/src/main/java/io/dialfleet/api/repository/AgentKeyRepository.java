package io.dialfleet.api.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code agent_keys}: the refresh-agents' own credentials (docs/operations.md, "Agent credentials"). */
@ApplicationScoped
public class AgentKeyRepository {

    /** A key as the operator sees it: never its secret. */
    public record AgentKeyRow(String keyId, String serverIp, Instant createdAt, Instant revokedAt) {
    }

    /** What checking a presented credential or a signature needs: the key's server and secret. */
    public record ActiveKey(String keyId, String serverIp, String secret) {

        @Override
        public String toString() {
            return "ActiveKey[" + keyId + ", " + serverIp + "]";
        }
    }

    public Uni<AgentKeyRow> insert(SqlClient client, String keyId, String serverIp, String secret) {
        return client.preparedQuery("""
                        INSERT INTO agent_keys (key_id, server_ip, secret)
                        SELECT $1, server_ip, $3 FROM servers WHERE server_ip = $2
                        RETURNING key_id, server_ip::text AS server_ip, created_at, revoked_at""")
                .execute(Tuple.of(keyId, serverIp, secret))
                .map(rows -> Rows.first(rows).map(AgentKeyRepository::toRow).orElse(null));
    }

    /** The server's keys, newest first, revoked ones included. */
    public Uni<List<AgentKeyRow>> list(SqlClient client, String serverIp) {
        return client.preparedQuery("""
                        SELECT key_id, server_ip::text AS server_ip, created_at, revoked_at FROM agent_keys
                        WHERE server_ip = $1 ORDER BY created_at DESC, key_id""")
                .execute(Tuple.of(serverIp))
                .map(rows -> {
                    List<AgentKeyRow> keys = new ArrayList<>();
                    rows.forEach(row -> keys.add(toRow(row)));
                    return keys;
                });
    }

    /** Revokes the key now; a key already revoked keeps its first revocation time. Empty: no such key of the server. */
    public Uni<Optional<AgentKeyRow>> revoke(SqlClient client, String serverIp, String keyId) {
        return client.preparedQuery("""
                        UPDATE agent_keys SET revoked_at = coalesce(revoked_at, now())
                        WHERE key_id = $1 AND server_ip = $2
                        RETURNING key_id, server_ip::text AS server_ip, created_at, revoked_at""")
                .execute(Tuple.of(keyId, serverIp))
                .map(rows -> Rows.first(rows).map(AgentKeyRepository::toRow));
    }

    /** The key if it exists and is not revoked. */
    public Uni<Optional<ActiveKey>> findActive(SqlClient client, String keyId) {
        return client.preparedQuery("""
                        SELECT key_id, server_ip::text AS server_ip, secret FROM agent_keys
                        WHERE key_id = $1 AND revoked_at IS NULL""")
                .execute(Tuple.of(keyId))
                .map(rows -> Rows.first(rows).map(row -> new ActiveKey(row.getString("key_id"),
                        row.getString("server_ip"), row.getString("secret"))));
    }

    private static AgentKeyRow toRow(Row row) {
        return new AgentKeyRow(row.getString("key_id"), row.getString("server_ip"),
                Rows.instant(row, "created_at"), Rows.instant(row, "revoked_at"));
    }
}
