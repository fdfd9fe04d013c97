package io.dialfleet.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Creates the application role and database on a fresh cluster, and leaves them as they are on a
 * reused data directory (only the password is set again, so a changed option takes effect).
 */
final class ApplicationDatabase {

    private ApplicationDatabase() {
    }

    /**
     * @param port      the server's port on 127.0.0.1
     * @param superuser a superuser that the cluster lets in without password (initdb -A trust)
     */
    static void provision(int port, String superuser, PostgresOptions options) {
        Properties properties = new Properties();
        properties.setProperty("user", superuser);
        properties.setProperty("connectTimeout", "10");
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, properties);
                Statement statement = connection.createStatement()) {
            String role = quoteIdentifier(options.user());
            String password = quoteLiteral(options.password());
            if (exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", options.user())) {
                statement.execute("ALTER ROLE " + role + " WITH LOGIN PASSWORD " + password);
            } else {
                // Not a superuser: migrations must work with the rights the application has in production
                // (database owner; citext is a trusted extension since PostgreSQL 13).
                statement.execute("CREATE ROLE " + role + " WITH LOGIN PASSWORD " + password);
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", options.database())) {
                statement.execute("CREATE DATABASE " + quoteIdentifier(options.database()) + " OWNER " + role
                        + " ENCODING 'UTF8'");
            }
        } catch (SQLException e) {
            throw new InfraStartException("cannot create role " + options.user() + " and database "
                    + options.database() + " at " + url, e);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    // DDL takes no bind parameters: quote as PostgreSQL's quote_ident / quote_literal do.
    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String quoteLiteral(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
