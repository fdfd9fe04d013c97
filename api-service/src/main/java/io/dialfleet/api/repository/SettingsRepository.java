package io.dialfleet.api.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/** The one {@code system_settings} row. */
@ApplicationScoped
public class SettingsRepository {

    public Uni<Void> touchReloadTimestamp(SqlConnection connection) {
        return connection.query("UPDATE system_settings SET reload_timestamp = LOCALTIMESTAMP(0)")
                .execute()
                .replaceWithVoid();
    }
}
