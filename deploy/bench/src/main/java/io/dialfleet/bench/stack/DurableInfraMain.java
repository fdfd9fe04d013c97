package io.dialfleet.bench.stack;

import io.dialfleet.infra.EmbeddedKafka;
import io.dialfleet.infra.InfraAddresses;
import io.dialfleet.infra.KafkaOptions;
import io.dialfleet.infra.PostgresAddress;
import io.dialfleet.local.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * {@code InfraMain} with production durability: zonky's PostgreSQL 17 with fsync, synchronous_commit and
 * full_page_writes on, plus the embedded Kafka broker. common/embedded-infra hard-codes those three off
 * ({@code PostgresServerSettings}, passed on the server's command line, where nothing can turn them on again), so
 * the bench starts this server itself. When embedded-infra takes server settings as an option, this class goes and
 * {@code --pg-durability production} becomes that option.
 *
 * <p>Prints the same {@code DIALFLEET_*} lines as InfraMain and runs until SIGTERM. Role and database as
 * embedded-infra creates them: a non-superuser {@code dialfleet} owning the database {@code dialfleet}.
 */
public final class DurableInfraMain {

    private static final String NAME = "dialfleet";
    /** System property: the data directory, created empty and deleted when the server stops. */
    static final String DATA_DIRECTORY = "bench.postgres.data-dir";

    private DurableInfraMain() {
    }

    public static void main(String[] args) throws IOException, SQLException, InterruptedException {
        int port = Ports.free();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(Path.of(System.getProperty(DATA_DIRECTORY)))
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                // The same as embedded-infra's, except the three durability settings.
                .setServerConfig("timezone", "UTC")
                .setServerConfig("log_timezone", "UTC")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "''")
                // zonky's builder turns synchronous_commit off by default: back to PostgreSQL's default.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        createApplicationDatabase(port);
        EmbeddedKafka kafka = EmbeddedKafka.start(KafkaOptions.defaults());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("could not stop PostgreSQL cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }, "durable-infra-stop"));
        PostgresAddress address = new PostgresAddress("127.0.0.1", port, NAME, NAME, NAME);
        InfraAddresses addresses = new InfraAddresses(address.jdbcUrl(), address.reactiveUrl(), address.libpqUrl(),
                NAME, NAME, kafka.bootstrapServers());
        System.out.println("dialfleet infrastructure (embedded, PostgreSQL with production durability) is up");
        System.out.print(addresses.asEnvironmentLines());
        System.out.flush();
        stopped.await();
    }

    private static void createApplicationDatabase(int port) throws SQLException {
        Properties superuser = new Properties();
        superuser.setProperty("user", "postgres");
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                superuser); Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + NAME + " WITH LOGIN PASSWORD '" + NAME + "'");
            statement.execute("CREATE DATABASE " + NAME + " OWNER " + NAME + " ENCODING 'UTF8'");
        }
    }
}
