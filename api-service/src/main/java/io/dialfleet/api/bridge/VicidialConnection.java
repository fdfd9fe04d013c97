package io.dialfleet.api.bridge;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One JDBC connection to VICIdial's MySQL, held by one bridge thread: opened on first use, dropped after any
 * failure and opened again on the next use. Not thread-safe: each bridge thread has its own.
 */
public final class VicidialConnection implements AutoCloseable {

    /** Work on the connection; a SQLException means the connection may be broken and is dropped. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final VicidialDatabase database;
    private Connection connection;

    VicidialConnection(VicidialDatabase database) {
        this.database = database;
    }

    public <T> T run(Work<T> work) throws SQLException {
        try {
            if (connection == null || connection.isClosed()) {
                connection = database.connect();
            }
            T result = work.apply(connection);
            database.reachable();
            return result;
        } catch (SQLException e) {
            database.failed(e);
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Dropping a broken connection: nothing to report beyond the failure that led here.
        }
        connection = null;
    }
}
