package io.dialfleet.bench.stack;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * The bench's own JDBC connection to the system's database: row counts before and after a level, the outbox backlog
 * (a level is over when the relay has published everything), the server's durability settings for the report, and
 * a backend's pid, which leads to the postmaster whose CPU is measured. Never writes.
 */
public final class PostgresLink implements AutoCloseable {

    /** Reported in the header of every table. */
    private static final String[] SETTINGS = {"server_version", "fsync", "synchronous_commit", "full_page_writes",
            "wal_sync_method", "shared_buffers", "max_connections"};

    private final String libpqUrl;
    private final Connection connection;

    private PostgresLink(String libpqUrl, Connection connection) {
        this.libpqUrl = libpqUrl;
        this.connection = connection;
    }

    /** @param libpqUrl {@code postgresql://user:password@host:port/database}, as run.env's DIALFLEET_PG_URL */
    public static PostgresLink open(String libpqUrl) {
        URI uri = URI.create(libpqUrl);
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("--pg-url is a libpq URL (postgresql://user:password@host:port/db), not "
                    + libpqUrl);
        }
        Properties properties = new Properties();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            String[] parts = userInfo.split(":", 2);
            properties.setProperty("user", decode(parts[0]));
            if (parts.length == 2) {
                properties.setProperty("password", decode(parts[1]));
            }
        }
        properties.setProperty("ApplicationName", "dialfleet-bench");
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort())
                + uri.getRawPath();
        try {
            Connection connection = DriverManager.getConnection(jdbc, properties);
            connection.setAutoCommit(true);
            return new PostgresLink(libpqUrl, connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + jdbc + ": " + e.getMessage(), e);
        }
    }

    public String libpqUrl() {
        return libpqUrl;
    }

    /** server_version, fsync, synchronous_commit, full_page_writes, … as the server reports them. */
    public synchronized Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : SETTINGS) {
            settings.put(name, queryText("SHOW " + name));
        }
        return settings;
    }

    public synchronized long phoneRows() {
        return queryLong("SELECT count(*) FROM phones");
    }

    /** Outbox rows the relay has not published yet; empty when the table is not there (another version). */
    public synchronized OptionalLong outboxBacklog() {
        try {
            return OptionalLong.of(queryLong("SELECT count(*) FROM outbox WHERE published_at IS NULL"));
        } catch (IllegalStateException noOutbox) {
            return OptionalLong.empty();
        }
    }

    /** The pid of this connection's backend process, a child of the postmaster (when the server runs on this machine). */
    public synchronized long backendPid() {
        return queryLong("SELECT pg_backend_pid()");
    }

    private long queryLong(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private String queryText(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            return "?";
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a connection we only read through; nothing to recover
        }
    }
}
