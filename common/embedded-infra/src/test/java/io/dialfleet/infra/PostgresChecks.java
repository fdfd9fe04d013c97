package io.dialfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What every started PostgreSQL must offer the services, whatever binaries run it. */
final class PostgresChecks {

    private PostgresChecks() {
    }

    static void assertServesTheApplication(PostgresAddress address) throws SQLException {
        try (Connection connection = DriverManager.getConnection(address.jdbcUrl(), address.user(), address.password());
                Statement statement = connection.createStatement()) {
            // As the application role (database owner, not superuser), as Flyway will run it.
            statement.execute("CREATE EXTENSION IF NOT EXISTS citext");
            statement.execute("CREATE TABLE login_check (login citext PRIMARY KEY)");
            statement.execute("INSERT INTO login_check VALUES ('Agent007')");
            assertThat(single(statement, "SELECT count(*) FROM login_check WHERE login = 'AGENT007'")).isEqualTo("1");
            assertThat(single(statement, "SHOW timezone")).isEqualTo("UTC");
            assertThat(single(statement, "SHOW server_encoding")).isEqualTo("UTF8");
            assertThat(single(statement, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"))
                    .isEqualTo("false");
            statement.execute("DROP TABLE login_check");
        }
    }

    /**
     * pgjdbc always sends the JVM's time zone, so SHOW timezone over JDBC says little about the server. A
     * dblink connection (libpq, like the Vert.x reactive client, sends none) shows the server's default.
     */
    static void assertServerTimeZoneIsUtc(PostgresAddress address) throws SQLException {
        String superuserUrl = "jdbc:postgresql://" + address.host() + ":" + address.port() + "/postgres";
        try (Connection connection = DriverManager.getConnection(superuserUrl, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS dblink");
            String libpq = "host=" + address.host() + " port=" + address.port() + " dbname=" + address.database()
                    + " user=" + address.user() + " password=" + address.password();
            assertThat(single(statement, "SELECT tz FROM dblink('" + libpq + "', 'SHOW timezone') AS t(tz text)"))
                    .isEqualTo("UTC");
        }
    }

    static String single(Statement statement, String query) throws SQLException {
        try (ResultSet rows = statement.executeQuery(query)) {
            assertThat(rows.next()).as("a row from %s", query).isTrue();
            return rows.getString(1);
        }
    }
}
