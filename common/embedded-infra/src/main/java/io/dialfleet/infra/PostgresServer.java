package io.dialfleet.infra;

/** A running PostgreSQL with the application database and role in place. */
public interface PostgresServer extends AutoCloseable {

    PostgresAddress address();

    PostgresKind kind();

    /** Stops the server and waits for its processes to end; idempotent. */
    @Override
    void close();
}
