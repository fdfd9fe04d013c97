package io.dialfleet.infra;

import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * MariaDB in a Docker container, used only when containers were asked for and a Docker daemon answers. Same
 * settings as {@link SystemMariaDbServer}. {@link #stop()} pauses the container so that its host port survives
 * ({@link PausableContainer}).
 */
final class ContainerMariaDbServer extends PausableContainer implements MariaDbServer {

    static final String IMAGE = "mariadb:10.11";
    private static final String ROOT_PASSWORD = "dialfleet-root";

    private final GenericContainer<?> container;
    private final MariaDbOptions options;

    private ContainerMariaDbServer(GenericContainer<?> container, MariaDbOptions options) {
        super(container);
        this.container = container;
        this.options = options;
    }

    @SuppressWarnings("resource") // closed by close(), or right here when it does not start
    static ContainerMariaDbServer start(MariaDbOptions options) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withExposedPorts(3306)
                .withEnv("MARIADB_DATABASE", options.database())
                .withEnv("MARIADB_USER", options.user())
                .withEnv("MARIADB_PASSWORD", options.password())
                .withEnv("MARIADB_ROOT_PASSWORD", ROOT_PASSWORD)
                .withCommand("--character-set-server=utf8mb3", "--collation-server=utf8mb3_unicode_ci",
                        "--sql-mode=", "--default-time-zone=+00:00", "--skip-name-resolve")
                .waitingFor(Wait.forLogMessage(".*ready for connections.*", 2)
                        .withStartupTimeout(Duration.ofMinutes(2)));
        return new ContainerMariaDbServer(started(container, "MariaDB"), options);
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:mariadb://" + container.getHost() + ":" + container.getMappedPort(3306) + "/"
                + options.database();
    }

    @Override
    public String user() {
        return options.user();
    }

    @Override
    public String password() {
        return options.password();
    }

    @Override
    public String rootUser() {
        return "root";
    }

    @Override
    public String rootPassword() {
        return ROOT_PASSWORD;
    }
}
