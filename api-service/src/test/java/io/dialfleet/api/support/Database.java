package io.dialfleet.api.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/** Plain JDBC against the service's own PostgreSQL, for test set-ups and checks behind the service's back. */
public final class Database {

    private Database() {
    }

    public static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    /** Runs the statements in one transaction. */
    public static void execute(List<String> statements) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            connection.commit();
        }
    }

    /**
     * The conformance rendering of a result: columns joined by {@code |}, rows by LF, NULL as {@code NULL}, no
     * trailing newline (shared/conformance/README.md).
     */
    public static String render(String sql) throws SQLException {
        try (Connection connection = connect()) {
            return render(connection, sql);
        }
    }

    /** {@link #render(String)} on any JDBC connection (MariaDB's too: {@link Vicidial#render}). */
    public static String render(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            List<String> lines = new ArrayList<>();
            while (rows.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    String value = rows.getString(i);
                    values.add(value == null ? "NULL" : value);
                }
                lines.add(String.join("|", values));
            }
            return String.join("\n", lines);
        }
    }
}
