package io.dialfleet.infra;

import java.nio.file.Path;

/**
 * What embedded PostgreSQL to start.
 *
 * @param port          TCP port on 127.0.0.1; 0 picks a free one
 * @param dataDirectory data directory kept between runs; {@code null} means a temporary one deleted on close
 * @param database      application database, created (owned by {@code user}) if missing
 * @param user          application role, created if missing; not a superuser, as in production
 * @param password      password of {@code user}
 * @param binaries      which binaries to run
 * @param binDirectory  directory holding initdb/pg_ctl for {@link PostgresBinaries#SYSTEM};
 *                      {@code null} searches the usual places
 * @param durability    what an acknowledged commit survives; {@link PostgresDurability#FAST} for tests
 */
public record PostgresOptions(
        int port,
        Path dataDirectory,
        String database,
        String user,
        String password,
        PostgresBinaries binaries,
        Path binDirectory,
        PostgresDurability durability) {

    public static final String DEFAULT_NAME = "dialfleet";

    public static PostgresOptions defaults() {
        return new PostgresOptions(0, null, DEFAULT_NAME, DEFAULT_NAME, DEFAULT_NAME, PostgresBinaries.AUTO, null,
                PostgresDurability.FAST);
    }

    public PostgresOptions withPort(int newPort) {
        return new PostgresOptions(newPort, dataDirectory, database, user, password, binaries, binDirectory, durability);
    }

    public PostgresOptions withDataDirectory(Path newDataDirectory) {
        return new PostgresOptions(port, newDataDirectory, database, user, password, binaries, binDirectory, durability);
    }

    public PostgresOptions withBinaries(PostgresBinaries newBinaries) {
        return new PostgresOptions(port, dataDirectory, database, user, password, newBinaries, binDirectory, durability);
    }

    public PostgresOptions withBinDirectory(Path newBinDirectory) {
        return new PostgresOptions(port, dataDirectory, database, user, password, binaries, newBinDirectory, durability);
    }

    public PostgresOptions withDurability(PostgresDurability newDurability) {
        return new PostgresOptions(port, dataDirectory, database, user, password, binaries, binDirectory, newDurability);
    }

    boolean temporary() {
        return dataDirectory == null;
    }
}
