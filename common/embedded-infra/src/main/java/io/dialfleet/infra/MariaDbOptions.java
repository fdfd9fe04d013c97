package io.dialfleet.infra;

import java.nio.file.Path;

/**
 * How to start MariaDB.
 *
 * @param port          TCP port on 127.0.0.1; 0 picks a free one
 * @param dataDirectory kept between runs when set (created if missing); null: a temporary one, deleted on close
 * @param temporaryParent where the temporary data directory is created; null: the system's temporary directory
 * @param binDirectory  directory with {@code mariadbd} and {@code mariadb-install-db}; null: searched
 * @param database      the database created for the application
 * @param user          the application user, granted everything on that database
 * @param password      its password
 */
public record MariaDbOptions(int port, Path dataDirectory, Path temporaryParent, Path binDirectory, String database, String user,
        String password) {

    /** VICIdial's own defaults: database {@code asterisk}, user {@code cron}, password {@code 1234}. */
    public static MariaDbOptions defaults() {
        return new MariaDbOptions(0, null, null, null, "asterisk", "cron", "1234");
    }

    /** Reads {@code dialfleet.infra.mariadb.*} as {@link InfraSettings} reads its keys. */
    public static MariaDbOptions fromEnvironment() {
        MariaDbOptions defaults = defaults();
        return defaults.withPort(InfraSettings.read(InfraSettings.MARIADB_PORT, Integer::parseInt, 0))
                .withDataDirectory(InfraSettings.read(InfraSettings.MARIADB_DATA_DIR, Path::of, null))
                .withBinDirectory(InfraSettings.read(InfraSettings.MARIADB_BIN_DIR, Path::of, null));
    }

    public MariaDbOptions withPort(int newPort) {
        return new MariaDbOptions(newPort, dataDirectory, temporaryParent, binDirectory, database, user, password);
    }

    public MariaDbOptions withDataDirectory(Path newDataDirectory) {
        return new MariaDbOptions(port, newDataDirectory, temporaryParent, binDirectory, database, user, password);
    }

    public MariaDbOptions withBinDirectory(Path newBinDirectory) {
        return new MariaDbOptions(port, dataDirectory, temporaryParent, newBinDirectory, database, user, password);
    }

    public MariaDbOptions withTemporaryParent(Path newTemporaryParent) {
        return new MariaDbOptions(port, dataDirectory, newTemporaryParent, binDirectory, database, user, password);
    }

    boolean temporary() {
        return dataDirectory == null;
    }
}
