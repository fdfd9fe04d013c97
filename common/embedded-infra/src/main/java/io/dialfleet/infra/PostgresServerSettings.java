package io.dialfleet.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/** postgresql.conf settings every embedded strategy passes on the server's command line. */
final class PostgresServerSettings {

    private PostgresServerSettings() {
    }

    static Map<String, String> all() {
        Map<String, String> settings = new LinkedHashMap<>();
        // Clients that send no TimeZone (libpq, the Vert.x reactive client) get the server's: make it UTC so
        // their timestamps agree with the JVMs' (tests and services run with user.timezone=UTC).
        settings.put("timezone", "UTC");
        settings.put("log_timezone", "UTC");
        // Loopback only: the URLs name 127.0.0.1, and nothing outside this machine should reach a trust-auth cluster.
        settings.put("listen_addresses", "127.0.0.1");
        // TCP only: no socket file in /tmp or /var/run/postgresql to clash with a system cluster on the same port.
        settings.put("unix_socket_directories", "''");
        // Development data: durability against an OS crash is not worth the fsync latency in tests.
        settings.put("fsync", "off");
        settings.put("synchronous_commit", "off");
        settings.put("full_page_writes", "off");
        return settings;
    }
}
