package io.dialfleet.api.database;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import java.util.ArrayList;
import java.util.List;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * The reactive pool as Quarkus configures it, plus the bounds of {@link DatabaseConfig}: Quarkus's datasource keys
 * have no connect timeout, no pool wait (Vert.x waits 30 s by default) and no session settings.
 */
@Singleton
public class BoundedPoolCreator implements PgPoolCreator {

    private final DatabaseConfig config;

    public BoundedPoolCreator(DatabaseConfig config) {
        this.config = config;
    }

    @Override
    public Pool create(Input input) {
        PoolOptions pool = input.poolOptions()
                .setConnectionTimeout((int) config.requestTimeout().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        List<SqlConnectOptions> servers = new ArrayList<>();
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setConnectTimeout((int) config.connectTimeout().toMillis());
            // Sent in the start-up message: every session of the pool has them, with no statement of its own.
            options.addProperty("statement_timeout", String.valueOf(config.statementTimeout().toMillis()));
            options.addProperty("idle_in_transaction_session_timeout",
                    String.valueOf(config.idleInTransactionTimeout().toMillis()));
            servers.add(options);
        }
        return PgBuilder.pool()
                .with(pool)
                .connectingTo(servers)
                .using(input.vertx())
                .build();
    }
}
