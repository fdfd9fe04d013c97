package io.dialfleet.infra;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a running PostgreSQL answers and with which credentials, in the three URL dialects the
 * project uses: JDBC (Flyway), Vert.x reactive client (Hibernate Reactive) and libpq (psql, scripts).
 */
public record PostgresAddress(String host, int port, String database, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /** libpq connection URI; user and password are percent-encoded as RFC 3986 (and libpq) expect. */
    public String libpqUrl() {
        return "postgresql://" + percentEncode(user) + ":" + percentEncode(password) + "@" + host + ":" + port + "/"
                + database;
    }

    private static String percentEncode(String value) {
        // URLEncoder is for HTML forms: it writes a space as '+', which libpq would keep literally.
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
