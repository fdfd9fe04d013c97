package io.dialfleet.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/** postgresql.conf settings every embedded strategy passes on the server's command line. */
final class PostgresServerSettings {

    private PostgresServerSettings() {
    }

    static Map<String, String> all(PostgresDurability durability) {
        Map<String, String> settings = new LinkedHashMap<>();
        // Clients that send no TimeZone (libpq, the Vert.x reactive client) get the server's: make it UTC so
        // their timestamps agree with the JVMs' (tests and services run with user.timezone=UTC).
        settings.put("timezone", "UTC");
        settings.put("log_timezone", "UTC");
        // Loopback only: the URLs name 127.0.0.1, and nothing outside this machine should reach a trust-auth cluster.
        settings.put("listen_addresses", "127.0.0.1");
        // TCP only: no socket file in /tmp or /var/run/postgresql to clash with a system cluster on the same port.
        settings.put("unix_socket_directories", "''");
        // Test data: durability is not worth the fsync latency. Durable: PostgreSQL's defaults, written out because
        // zonky's builder turns synchronous_commit off unless told otherwise.
        String durable = durability == PostgresDurability.DURABLE ? "on" : "off";
        settings.put("fsync", durable);
        settings.put("synchronous_commit", durable);
        settings.put("full_page_writes", durable);
        return settings;
    }
}
