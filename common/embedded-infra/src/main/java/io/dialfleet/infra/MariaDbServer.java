package io.dialfleet.infra;

/**
 * A running MariaDB standing in for a VICIdial cluster's MySQL: one database ({@code asterisk} by default) with
 * an application user, reachable over TCP on 127.0.0.1. Tests take it down and bring it back to check that the
 * VICIdial bridge rides out an outage.
 */
public interface MariaDbServer extends AutoCloseable {

    /** {@code jdbc:mariadb://127.0.0.1:PORT/DATABASE}, unchanged by {@link #stop()} and {@link #start()}. */
    String jdbcUrl();

    /** The application user (VICIdial's default is {@code cron}). */
    String user();

    String password();

    /** The server's root account, for test set-ups that create or empty tables. */
    String rootUser();

    String rootPassword();

    /** Takes the server down; its data is kept. Idempotent. */
    void stop();

    /** Brings the server back at the same address with the same data, and waits until it accepts connections. */
    void start();

    boolean isRunning();

    /** Stops the server for good and removes temporary data. */
    @Override
    void close();
}
