package io.dialfleet.api.database;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How long the service waits for PostgreSQL. A hung or unreachable database answers the API's callers 503 within
 * {@link #requestTimeout()} (docs/compatibility.md, D2) instead of holding them for as long as it hangs.
 */
@ConfigMapping(prefix = "dialfleet.database")
public interface DatabaseConfig {

    /**
     * The longest an API request waits for the database, counted from its start: first for a pooled connection (the
     * pool's wait, shared by every user of the pool), then for its whole transaction. Past it the request answers
     * 503, its transaction is abandoned and its connection closed, never handed to the next caller.
     */
    @WithDefault("PT5S")
    Duration requestTimeout();

    /**
     * PostgreSQL's {@code statement_timeout} for the service's connections: a slow but running server cancels the
     * statement itself and the connection stays usable. Below {@link #requestTimeout()}, so that it acts first.
     */
    @WithDefault("PT4S")
    Duration statementTimeout();

    /**
     * PostgreSQL's {@code idle_in_transaction_session_timeout}: ends a session whose client stopped in the middle of a
     * transaction (a replica that died or lost its network), so its row locks do not stall every other replica.
     * Above {@code dialfleet.outbox.ack-timeout}, which the outbox relay may spend inside its transaction.
     */
    @WithDefault("PT90S")
    Duration idleInTransactionTimeout();

    /** TCP connect timeout of a new connection to PostgreSQL. */
    @WithDefault("PT3S")
    Duration connectTimeout();
}
