package io.dialfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {

    @Test
    void startsWithTheApplicationDatabaseAndStopsCompletely() throws Exception {
        PostgresAddress address;
        try (PostgresServer postgres = LocalPostgres.start()) {
            address = postgres.address();
            assertThat(address.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + address.port() + "/dialfleet");
            assertThat(address.reactiveUrl()).isEqualTo("postgresql://127.0.0.1:" + address.port() + "/dialfleet");
            assertThat(address.libpqUrl())
                    .isEqualTo("postgresql://dialfleet:dialfleet@127.0.0.1:" + address.port() + "/dialfleet");

            PostgresChecks.assertServesTheApplication(address);
            PostgresChecks.assertServerTimeZoneIsUtc(address);
        }
        assertNothingListensOn(address.port());
    }

    @Test
    void machineBinariesServeTheApplicationToo() throws Exception {
        assumeTrue(hasMachineBinaries(), "no PostgreSQL installed on this machine");
        PostgresAddress address;
        try (PostgresServer postgres = LocalPostgres.start(PostgresOptions.defaults()
                .withBinaries(PostgresBinaries.SYSTEM))) {
            assertThat(postgres.kind()).isEqualTo(PostgresKind.SYSTEM);
            address = postgres.address();
            PostgresChecks.assertServesTheApplication(address);
            PostgresChecks.assertServerTimeZoneIsUtc(address);
        }
        assertNothingListensOn(address.port());
    }

    @Test
    void keptDataDirectoryKeepsTheData(@TempDir Path parent) throws Exception {
        Path dataDirectory = parent.resolve("pgdata");
        PostgresOptions options = PostgresOptions.defaults().withDataDirectory(dataDirectory);
        try (PostgresServer postgres = LocalPostgres.start(options)) {
            execute(postgres.address(), "CREATE TABLE kept (id int)", "INSERT INTO kept VALUES (42)");
        }
        try (PostgresServer postgres = LocalPostgres.start(options);
                Connection connection = DriverManager.getConnection(postgres.address().jdbcUrl(),
                        postgres.address().user(), postgres.address().password());
                Statement statement = connection.createStatement()) {
            assertThat(PostgresChecks.single(statement, "SELECT id FROM kept")).isEqualTo("42");
        }
        assertThat(Files.exists(dataDirectory.resolve("PG_VERSION"))).isTrue();
    }

    /** Tests get the fast settings; a durable server keeps PostgreSQL's own, the local run's (issue 9). */
    @Test
    void durabilityIsAnOptionAndTestsGetTheFastOne() throws Exception {
        try (PostgresServer fast = LocalPostgres.start();
                PostgresServer durable = LocalPostgres.start(PostgresOptions.defaults()
                        .withDurability(PostgresDurability.DURABLE))) {
            for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                assertThat(show(fast.address(), setting)).as(setting + ", fast").isEqualTo("off");
                assertThat(show(durable.address(), setting)).as(setting + ", durable").isEqualTo("on");
            }
        }
    }

    private static String show(PostgresAddress address, String setting) throws Exception {
        try (Connection connection = DriverManager.getConnection(address.jdbcUrl(), address.user(), address.password());
                Statement statement = connection.createStatement()) {
            return PostgresChecks.single(statement, "SHOW " + setting);
        }
    }

    private static void execute(PostgresAddress address, String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection(address.jdbcUrl(), address.user(), address.password());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static void assertNothingListensOn(int port) {
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .as("connecting to port %d after close", port)
                .isInstanceOf(ConnectException.class);
    }

    private static boolean hasMachineBinaries() {
        try {
            SystemPostgresServer.findBinDirectory();
            return true;
        } catch (InfraStartException e) {
            return false;
        }
    }
}
