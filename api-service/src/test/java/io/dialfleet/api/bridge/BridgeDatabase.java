package io.dialfleet.api.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialfleet.api.support.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** What the bridge's tests read back from dialfleet's PostgreSQL: change events, revisions, bases. */
final class BridgeDatabase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BridgeDatabase() {
    }

    /** The PhoneChanged events (outbox payloads) of one phone or alias record key, oldest first. */
    static List<JsonNode> changes(String recordKey) throws Exception {
        return payloads("SELECT payload FROM outbox WHERE topic = 'dialfleet.phone-changes' AND lower(record_key) = lower(?)"
                + " ORDER BY id", recordKey);
    }

    /** Refresh requests of a server written after the outbox id {@code afterId}. */
    static List<JsonNode> refreshRequests(String serverIp, long afterId) throws Exception {
        return payloads("SELECT payload FROM outbox WHERE topic = 'dialfleet.refresh-requests' AND record_key = ?"
                + " AND id > " + afterId + " ORDER BY id", serverIp);
    }

    static long lastOutboxId() throws Exception {
        String id = Database.render("SELECT COALESCE(max(id), 0) FROM outbox");
        return Long.parseLong(id);
    }

    static long revision(String serverIp) throws Exception {
        return Long.parseLong(Database.render("SELECT config_revision FROM servers WHERE server_ip = '" + serverIp + "'"));
    }

    static String phone(String extension, String serverIp, String column) throws Exception {
        return Database.render("SELECT " + column + " FROM phones WHERE extension = '" + extension
                + "' AND server_ip = '" + serverIp + "'");
    }

    private static List<JsonNode> payloads(String sql, String parameter) throws Exception {
        List<JsonNode> payloads = new ArrayList<>();
        try (Connection connection = Database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    payloads.add(JSON.readTree(rows.getString(1)));
                }
            }
        }
        return payloads;
    }
}
