package io.dialfleet.infra;

/** How a started PostgreSQL runs: for logs, and for tests that care (only containers run as superuser). */
public enum PostgresKind {
    /** zonky's bundled binaries, child processes of this JVM's user (in a user namespace when root). */
    ZONKY,
    /** The machine's own binaries, run as OS user postgres when the JVM is root. */
    SYSTEM,
    /** A Docker container started by Testcontainers. */
    CONTAINER
}
