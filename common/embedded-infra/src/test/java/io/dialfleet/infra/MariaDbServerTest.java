package io.dialfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MariaDbAvailable.class)
class MariaDbServerTest {

    @Test
    void servesVicidialsTablesAsTheApplicationUserAndSurvivesARestart(@TempDir Path parent) throws Exception {
        int port;
        Path temporaryData;
        try (MariaDbServer server = SystemMariaDbServer.start(MariaDbOptions.defaults().withTemporaryParent(parent))) {
            port = Integer.parseInt(server.jdbcUrl().replaceAll(".*:(\\d+)/.*", "$1"));
            assertThat(server.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:" + port + "/asterisk");
            try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
                assertThat(single(statement, "SELECT @@collation_database")).isEqualTo("utf8mb3_unicode_ci");
                assertThat(single(statement, "SELECT @@GLOBAL.sql_mode")).isEmpty();
                assertThat(single(statement, "SELECT @@time_zone")).isEqualTo("+00:00");
            }
            VicidialSchema.create(server, true);
            try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO phones (extension, server_ip, login, pass, template_id) "
                        + "VALUES ('8001', '10.10.10.15', 'Agent8001', 'secret', '')");
                // VICIdial's defaults and its case-insensitive key
                assertThat(single(statement, "SELECT concat_ws('|', protocol, local_gmt, peer_status, "
                        + "ifnull(ping_time, 'NULL'), is_webphone, conf_secret) FROM phones WHERE login = 'agent8001'"))
                        .isEqualTo("SIP|-5.00|UNKNOWN|NULL|N|test");
                assertThatThrownBy(() -> statement.execute("INSERT INTO phones (extension, server_ip, template_id) "
                        + "VALUES ('8001', '10.10.10.15', '')"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("Duplicate");
            }

            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> connect(server).close()).isInstanceOf(SQLException.class);
            server.start();
            try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
                assertThat(single(statement, "SELECT count(*) FROM phones")).isEqualTo("1");
            }
            try (var children = Files.list(parent)) {
                temporaryData = children.findFirst().orElseThrow();
            }
        }
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
        assertThat(temporaryData).doesNotExist();
    }

    @Test
    void theSchemaHasVicidialsTablesAndPhoneColumns() {
        List<String> tables = new ArrayList<>();
        for (String statement : VicidialSchema.statements()) {
            if (statement.startsWith("CREATE TABLE ")) {
                tables.add(statement.substring("CREATE TABLE ".length(), statement.indexOf(' ', 13)));
            }
        }
        assertThat(tables).containsExactlyElementsOf(VicidialSchema.TABLES);
        assertThat(VicidialSchema.text())
                .contains("peer_status ", "unique INDEX extenserver (extension, server_ip)".replace("unique", "UNIQUE"))
                .contains("rebuild_conf_files");
    }

    private static Connection connect(MariaDbServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
