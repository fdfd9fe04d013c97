package io.dialfleet.bench.fleet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Seed documents (docs/spec/seed-format.md) for benchmark fleets: one API user with every permission, the servers,
 * and phones in chunks small enough for the seed endpoint's request size limit.
 */
public final class FleetSeed {

    /** The API user of every fleet: wrk/vd_load.lua's defaults, so the wrk load needs no settings. */
    public static final String API_USER = "6666";
    public static final String API_PASS = "1234";

    private FleetSeed() {
    }

    /** Settings, the ADMIN group, the API user and the servers, with no phones: the start of a {@code replace}. */
    public static ObjectNode base(List<TelcoServer> servers) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode document = json.objectNode();
        document.putObject("system_settings").put("allow_ip_lists", "0").put("default_codecs", "ulaw,alaw");
        document.putArray("vicidial_user_groups").addObject()
                .put("user_group", "ADMIN").put("group_name", "Administrators")
                .put("admin_viewable_groups", " ---ALL--- ").put("api_ip_list", "");
        document.putArray("vicidial_users").addObject()
                .put("user", API_USER).put("pass", API_PASS).put("full_name", "Benchmark API user")
                .put("user_level", 9).put("user_group", "ADMIN").put("active", "Y")
                .put("ast_admin_access", "1").put("ast_delete_phones", "1").put("vdc_agent_api_access", "1")
                .put("api_allowed_functions", " ALL_FUNCTIONS ");
        ArrayNode rows = document.putArray("servers");
        for (TelcoServer server : servers) {
            rows.addObject()
                    .put("server_id", server.serverId()).put("server_description", "benchmark telco server")
                    .put("server_ip", server.serverIp()).put("active", "Y").put("active_asterisk_server", "Y")
                    .put("generate_vicidial_conf", "Y").put("rebuild_conf_files", "N")
                    .put("asterisk_version", server.asteriskVersion()).put("local_gmt", "-5.00");
        }
        document.putArray("vicidial_conf_templates");
        document.putArray("phones");
        return document;
    }

    /** A document with phones only, for a {@code merge}. */
    public static ObjectNode phones(List<PhoneRow> phones) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        ArrayNode rows = document.putArray("phones");
        phones.forEach(phone -> rows.add(phone.toSeedRow()));
        return document;
    }
}
