package io.dialfleet.infra;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * How to start the infrastructure. {@link #fromEnvironment()} reads each key as a system property
 * or, failing that, as an environment variable named like MicroProfile Config does
 * ({@code dialfleet.infra.kafka.port} → {@code DIALFLEET_INFRA_KAFKA_PORT}). The keys are listed
 * in the module README.
 */
public record InfraSettings(InfraMode mode, PostgresOptions postgres, KafkaOptions kafka) {

    /** embedded (default) or containers. */
    public static final String MODE = "dialfleet.infra";
    /** auto (default: zonky, then the machine's binaries), zonky or system. */
    public static final String POSTGRES_BINARIES = "dialfleet.infra.postgres.binaries";
    /** Directory with the machine's initdb and pg_ctl; default: searched. */
    public static final String POSTGRES_BIN_DIR = "dialfleet.infra.postgres.bin-dir";
    /** PostgreSQL port; default 0, a free port. */
    public static final String POSTGRES_PORT = "dialfleet.infra.postgres.port";
    /** PostgreSQL data directory kept between runs; default: temporary, deleted on close. */
    public static final String POSTGRES_DATA_DIR = "dialfleet.infra.postgres.data-dir";
    /** Kafka client port; default 0, a free port. */
    public static final String KAFKA_PORT = "dialfleet.infra.kafka.port";
    /** Kafka KRaft controller port; default 0, a free port. */
    public static final String KAFKA_CONTROLLER_PORT = "dialfleet.infra.kafka.controller-port";
    /** Kafka log directory kept between runs; default: temporary, deleted on close. */
    public static final String KAFKA_LOG_DIR = "dialfleet.infra.kafka.log-dir";
    /** MariaDB port (the VICIdial bridge's tests); default 0, a free port. */
    public static final String MARIADB_PORT = "dialfleet.infra.mariadb.port";
    /** MariaDB data directory kept between runs; default: temporary, deleted on close. */
    public static final String MARIADB_DATA_DIR = "dialfleet.infra.mariadb.data-dir";
    /** Directory with the machine's mariadbd and mariadb-install-db; default: searched. */
    public static final String MARIADB_BIN_DIR = "dialfleet.infra.mariadb.bin-dir";

    public static InfraSettings defaults() {
        return new InfraSettings(InfraMode.EMBEDDED, PostgresOptions.defaults(), KafkaOptions.defaults());
    }

    public static InfraSettings fromEnvironment() {
        InfraSettings defaults = defaults();
        PostgresOptions postgres = defaults.postgres()
                .withBinaries(read(POSTGRES_BINARIES, PostgresBinaries::parse, PostgresBinaries.AUTO))
                .withBinDirectory(read(POSTGRES_BIN_DIR, Path::of, null))
                .withPort(read(POSTGRES_PORT, Integer::parseInt, 0))
                .withDataDirectory(read(POSTGRES_DATA_DIR, Path::of, null));
        KafkaOptions kafka = defaults.kafka()
                .withPort(read(KAFKA_PORT, Integer::parseInt, 0))
                .withControllerPort(read(KAFKA_CONTROLLER_PORT, Integer::parseInt, 0))
                .withLogDirectory(read(KAFKA_LOG_DIR, Path::of, null));
        return new InfraSettings(read(MODE, InfraMode::parse, InfraMode.EMBEDDED), postgres, kafka);
    }

    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    static <T> T read(String key, Function<String, T> parser, T fallback) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            value = System.getenv(environmentName(key));
        }
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return parser.apply(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid value '" + value + "' for " + key + " ("
                    + environmentName(key) + ")", e);
        }
    }
}
