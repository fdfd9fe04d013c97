package io.dialfleet.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * VICIdial's tables that the bridge touches ({@code phones}, {@code phones_alias}, {@code servers},
 * {@code vicidial_admin_log}), from the resource {@value #RESOURCE}, created in a MariaDB database.
 */
public final class VicidialSchema {

    public static final String RESOURCE = "io/dialfleet/infra/vicidial-tables.sql";
    public static final List<String> TABLES = List.of("phones", "phones_alias", "servers", "vicidial_admin_log");

    private VicidialSchema() {
    }

    /** Creates the tables; with {@code replace}, drops them first. */
    public static void create(MariaDbServer server, boolean replace) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement statement = connection.createStatement()) {
            if (replace) {
                for (String table : TABLES) {
                    statement.execute("DROP TABLE IF EXISTS " + table);
                }
            }
            for (String sql : statements()) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new InfraStartException("cannot create VICIdial's tables in " + server.jdbcUrl(), e);
        }
    }

    /** The resource's statements: comment lines dropped, split at a semicolon that ends a line. */
    public static List<String> statements() {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text().split("\n")) {
            if (line.isBlank() || line.stripLeading().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        return statements;
    }

    public static String text() {
        try (InputStream in = VicidialSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
