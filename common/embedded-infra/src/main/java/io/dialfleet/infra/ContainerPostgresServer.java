package io.dialfleet.infra;

import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL in a Docker container (Testcontainers). Used only when {@link DockerProbe} found a
 * daemon and containers were asked for; Testcontainers is not touched otherwise.
 */
final class ContainerPostgresServer implements PostgresServer {

    static final String IMAGE = "postgres:17-alpine";

    private final PostgreSQLContainer container;
    private final PostgresAddress address;

    private ContainerPostgresServer(PostgreSQLContainer container, PostgresAddress address) {
        this.container = container;
        this.address = address;
    }

    static ContainerPostgresServer start(PostgresOptions options) {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE)
                .withDatabaseName(options.database())
                .withUsername(options.user())
                .withPassword(options.password())
                .withCommand("postgres", "-c", "fsync=" + (options.durability() == PostgresDurability.DURABLE ? "on" : "off"),
                        "-c", "timezone=UTC", "-c", "log_timezone=UTC");
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw new InfraStartException("PostgreSQL container " + IMAGE + " did not start", e);
        }
        // The image's user is a superuser; unlike the embedded servers, which mirror production's owner-only role.
        PostgresAddress address = new PostgresAddress(container.getHost(), container.getMappedPort(5432),
                options.database(), options.user(), options.password());
        return new ContainerPostgresServer(container, address);
    }

    @Override
    public PostgresAddress address() {
        return address;
    }

    @Override
    public PostgresKind kind() {
        return PostgresKind.CONTAINER;
    }

    @Override
    public void close() {
        container.close();
    }
}
