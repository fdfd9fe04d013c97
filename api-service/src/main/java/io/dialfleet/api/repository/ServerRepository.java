package io.dialfleet.api.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code servers}: existence checks, the rebuild flag (rule R, §2.6; cleared when the agent caught up) and
 * dialfleet's config revision (a phone change raises it through the outbox's {@code OutboxWriter}).
 */
@ApplicationScoped
public class ServerRepository {

    /** A server's revision after a change, and whether its agent should be asked to rebuild. */
    public record RevisionBump(String serverIp, long revision, boolean generatesConf) {
    }

    public Uni<Boolean> exists(SqlConnection connection, String serverIp) {
        return connection.preparedQuery("SELECT 1 FROM servers WHERE server_ip = $1")
                .execute(Tuple.of(serverIp))
                .map(rows -> rows.size() > 0);
    }

    /**
     * server_refresh (§8): flags every server, counts those whose flag went from N to Y, and returns the servers
     * whose agents must rebuild, each with its current revision.
     */
    public Uni<RefreshAll> flagAllForRebuild(SqlConnection connection) {
        // Joining the table to itself gives each row's value from before this statement's update.
        return connection.preparedQuery("""
                        UPDATE servers SET rebuild_conf_files = 'Y'
                        FROM servers AS previous
                        WHERE previous.server_id = servers.server_id
                        RETURNING servers.server_ip::text AS server_ip, servers.config_revision,
                                  servers.generate_vicidial_conf = 'Y' AND servers.active_asterisk_server = 'Y'
                                      AS generates_conf,
                                  previous.rebuild_conf_files = 'N' AS was_clear""")
                .execute()
                .map(rows -> {
                    int flipped = 0;
                    List<RevisionBump> targets = new ArrayList<>();
                    for (Row row : rows) {
                        if (row.getBoolean("was_clear")) {
                            flipped++;
                        }
                        RevisionBump server = toBump(row);
                        if (server.generatesConf()) {
                            targets.add(server);
                        }
                    }
                    targets.sort(Comparator.comparing(RevisionBump::serverIp));
                    return new RefreshAll(flipped, targets);
                });
    }

    /** @param flipped servers whose flag went from N to Y; @param targets servers that generate conf */
    public record RefreshAll(int flipped, List<RevisionBump> targets) {
    }

    /**
     * Clears the rebuild flag once the agent applied the desired revision (architecture.md). The condition is
     * checked on the locked row, so a change that raised the revision meanwhile keeps the flag set.
     */
    public Uni<Void> clearRebuildFlag(SqlConnection connection, String serverIp, long appliedRevision) {
        return connection.preparedQuery("""
                        UPDATE servers SET rebuild_conf_files = 'N'
                        WHERE server_ip = $1 AND config_revision <= $2 AND rebuild_conf_files <> 'N'""")
                .execute(Tuple.of(serverIp, appliedRevision))
                .replaceWithVoid();
    }

    /** A server's render mode after {@link #setRenderMode}: {@code changed} false when it already had that mode. */
    public record RenderModeChange(RevisionBump server, boolean changed) {
    }

    /**
     * Sets the server's render mode; a new mode also raises its revision (the peer-config snapshot carries the mode,
     * so the agent must fetch it again) and, when an agent renders it, its rebuild flag. Empty: no such server.
     */
    public Uni<Optional<RenderModeChange>> setRenderMode(SqlConnection connection, String serverIp, String mode) {
        return connection.preparedQuery("""
                        UPDATE servers SET render_mode = $2,
                               config_revision = servers.config_revision
                                   + CASE WHEN previous.render_mode = $2 THEN 0 ELSE 1 END,
                               rebuild_conf_files = CASE WHEN previous.render_mode <> $2
                                       AND servers.generate_vicidial_conf = 'Y' AND servers.active_asterisk_server = 'Y'
                                   THEN 'Y' ELSE servers.rebuild_conf_files END
                        FROM servers AS previous
                        WHERE previous.server_id = servers.server_id AND servers.server_ip = $1
                        RETURNING servers.server_ip::text AS server_ip, servers.config_revision,
                                  servers.generate_vicidial_conf = 'Y' AND servers.active_asterisk_server = 'Y'
                                      AS generates_conf,
                                  previous.render_mode <> $2 AS changed""")
                .execute(Tuple.of(serverIp, mode))
                .map(rows -> Rows.first(rows).map(row -> new RenderModeChange(toBump(row), row.getBoolean("changed"))));
    }

    /** {@code local_gmt} of the active server with the lowest {@code server_id} (the {@code version} reply). */
    public Uni<Optional<String>> firstActiveServerTimezone(SqlConnection connection) {
        return connection.preparedQuery("SELECT local_gmt FROM servers WHERE active = 'Y' ORDER BY server_id LIMIT 1")
                .execute()
                .map(rows -> Rows.first(rows).map(row -> row.getString("local_gmt")));
    }

    private static RevisionBump toBump(Row row) {
        return new RevisionBump(row.getString("server_ip"), row.getLong("config_revision"),
                row.getBoolean("generates_conf"));
    }
}
