package io.dialfleet.api.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialfleet.api.repository.PhoneRepository;
import io.dialfleet.api.repository.VicidialSyncRepository;
import io.dialfleet.api.seed.SeedImporter;
import io.dialfleet.api.seed.SeedMode;
import io.dialfleet.api.seed.SeedRejected;
import io.dialfleet.events.Actor;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The bridge's first start against an existing VICIdial database: while dialfleet has no phone and nothing was ever
 * synchronised, VICIdial's servers, phones and aliases are imported live — the columns of docs/vicidial-export.sql,
 * through the seed import (merge, silent) — and every imported row's base is set to VICIdial's digest. Mirroring an
 * empty dialfleet over MySQL instead would delete nothing (the mirror writes only what changes) but would leave
 * dialfleet without the fleet, and the reconcile would then take each phone over as a change of its own.
 */
@ApplicationScoped
public class FirstStartImport {

    private static final Logger LOG = Logger.getLogger(FirstStartImport.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor ACTOR = new Actor("vicidial", ReversePath.SOURCE, "first-start", "vicidial_import");

    /** docs/vicidial-export.sql's servers columns; {@code rebuild_conf_files} is written {@code N}. */
    private static final List<String> SERVER_COLUMNS = List.of("server_id", "server_description", "server_ip",
            "active", "asterisk_version", "max_vicidial_trunks", "local_gmt", "active_asterisk_server",
            "generate_vicidial_conf", "conf_secret", "conf_qualify", "external_server_ip");

    private final Pool pool;
    private final PhoneRepository phones;
    private final VicidialSyncRepository sync;
    private final SeedImporter importer;
    private final BridgeConfig config;
    private Instant nextAttempt = Instant.MIN;

    public FirstStartImport(Pool pool, PhoneRepository phones, VicidialSyncRepository sync, SeedImporter importer,
            BridgeConfig config) {
        this.pool = pool;
        this.phones = phones;
        this.sync = sync;
        this.importer = importer;
        this.config = config;
    }

    /**
     * Imports when this is a first start. @return true once the reverse path may compare (imported, or nothing to
     * import); false while an import VICIdial's data made fail waits for its next attempt, a reconcile interval
     * later.
     */
    boolean runIfFirst(VicidialConnection mysql) throws SQLException {
        if (Instant.now().isBefore(nextAttempt)) {
            return false;
        }
        boolean first = phones.none(pool).await().indefinitely() && sync.isEmpty(pool).await().indefinitely();
        if (!first) {
            return true;
        }
        Set<String> knownServers = new HashSet<>();
        pool.query("SELECT lower(server_ip::text) AS ip FROM servers").execute().await().indefinitely()
                .forEach(row -> knownServers.add(row.getString("ip")));
        ObjectNode seed = JSON.createObjectNode();
        ArrayNode servers = seed.putArray("servers");
        ArrayNode phoneRows = seed.putArray("phones");
        ArrayNode aliasRows = seed.putArray("phones_alias");
        List<String> phoneColumns = new ArrayList<>(OwnedColumns.PHONE);
        phoneColumns.addAll(OwnedColumns.PHONE_RUNTIME);
        mysql.run(connection -> {
            for (ObjectNode server : rows(connection, "servers", SERVER_COLUMNS)) {
                if (knownServers.contains(server.path("server_ip").asText().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                server.put("rebuild_conf_files", "N");
                // A server VICIdial generates today stays VICIdial's to render until the operator moves it.
                server.put("render_mode", "Y".equals(server.path("generate_vicidial_conf").asText())
                        ? "VICIDIAL" : "DIALFLEET");
                servers.add(server);
            }
            rows(connection, "phones", phoneColumns).forEach(phoneRows::add);
            rows(connection, "phones_alias", OwnedColumns.ALIAS).forEach(aliasRows::add);
            return null;
        });
        try {
            importer.importJson(JSON.writeValueAsBytes(seed), SeedMode.MERGE, true, ACTOR).await().indefinitely();
        } catch (SeedRejected rejected) {
            nextAttempt = Instant.now().plus(config.reconcileInterval());
            LOG.errorf("VICIdial bridge: VICIdial's database cannot be imported, retried in %s: %s",
                    config.reconcileInterval(), String.join("; ", rejected.problems()));
            return false;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the import document", e);
        }
        Map<SyncKey, String> bases = new HashMap<>();
        mysql.run(VicidialRowReader::allPhones).forEach((key, row) -> bases.put(key, SyncDigest.phone(row)));
        mysql.run(VicidialRowReader::allAliases).forEach((key, row) -> bases.put(key, SyncDigest.alias(row)));
        sync.setBases(pool, bases).await().indefinitely();
        LOG.infof("VICIdial bridge: imported %d servers, %d phones and %d aliases from VICIdial", servers.size(),
                phoneRows.size(), aliasRows.size());
        return true;
    }

    /** Each row as a seed object: NULL columns left out (they take dialfleet's defaults), as the export does. */
    private static List<ObjectNode> rows(Connection mysql, String table, List<String> columns) throws SQLException {
        List<ObjectNode> rows = new ArrayList<>();
        try (PreparedStatement statement = mysql.prepareStatement(
                "SELECT " + String.join(", ", columns) + " FROM " + table);
                ResultSet result = statement.executeQuery()) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                ObjectNode row = JSON.createObjectNode();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = result.getObject(i);
                    String name = columns.get(i - 1);
                    if (value instanceof Number number) {
                        row.put(name, new BigDecimal(number.toString()));
                    } else if (value != null) {
                        row.put(name, value.toString());
                    }
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
