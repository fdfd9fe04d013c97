package io.dialfleet.infra;

import java.util.Locale;

/** Where PostgreSQL and Kafka run. */
public enum InfraMode {
    /** In this JVM (Kafka) and as child processes (PostgreSQL), from Maven artifacts: no Docker. The default. */
    EMBEDDED,
    /** Docker containers through Testcontainers, when a Docker daemon answers; otherwise embedded. */
    CONTAINERS;

    static InfraMode parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
