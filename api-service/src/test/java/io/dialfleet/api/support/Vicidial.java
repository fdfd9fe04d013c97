package io.dialfleet.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialfleet.infra.MariaDbServer;
import io.dialfleet.infra.VicidialMariaDbResource;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Plain JDBC against the bridge tests' MariaDB, standing in for a VICIdial cluster's MySQL. */
public final class Vicidial {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Vicidial() {
    }

    public static Connection connect() throws SQLException {
        MariaDbServer server = VicidialMariaDbResource.mariaDb();
        Properties properties = new Properties();
        properties.setProperty("user", server.user());
        properties.setProperty("password", server.password());
        // The server's own non-strict sql_mode, as VICIdial's PHP writes.
        properties.setProperty("jdbcCompliantTruncation", "false");
        return DriverManager.getConnection(server.jdbcUrl(), properties);
    }

    public static void execute(List<String> statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The conformance rendering (see {@link Database#render}), from MariaDB. */
    public static String render(String sql) throws SQLException {
        try (Connection connection = connect()) {
            return Database.render(connection, sql);
        }
    }

    /**
     * VICIdial's MySQL as the conformance fixture F2024 has it (its servers, phones and aliases, every other column
     * at MySQL's default), and dialfleet's sync base empty: the state the vectors were recorded from.
     */
    public static void loadFixture() throws Exception {
        JsonNode fixture = fixture();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String table : List.of("phones", "phones_alias", "servers", "vicidial_admin_log")) {
                statement.execute("TRUNCATE TABLE " + table);
            }
            for (String table : List.of("servers", "phones", "phones_alias")) {
                for (JsonNode row : fixture.get(table)) {
                    insert(connection, table, row);
                }
            }
        }
        Database.execute(List.of("DELETE FROM vicidial_sync"));
    }

    private static void insert(Connection connection, String table, JsonNode row) throws SQLException {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            names.add(field.getKey());
            values.add(field.getValue().isNull() ? null : field.getValue().asText());
        }
        String sql = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", names.stream().map(name -> "?").toList()) + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                statement.setString(i + 1, values.get(i));
            }
            statement.executeUpdate();
        }
    }

    private static JsonNode fixture() throws IOException {
        try (InputStream in = Vicidial.class.getClassLoader().getResourceAsStream("conformance/fixture.json")) {
            return JSON.readTree(in);
        }
    }
}
