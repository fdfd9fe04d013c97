package io.dialfleet.bench.fleet;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Path and query of Non-Agent API calls, with the parameters wrk/vd_load.lua sends, so that the Java load and the
 * wrk load ask the same of the API.
 */
public final class NonAgentQuery {

    public static final String PATH = "/vicidial/non_agent_api.php";
    public static final String REQUEST_ID_HEADER = "X-Dialfleet-Request-Id";
    private static final String SOURCE = "loadtest";

    private NonAgentQuery() {
    }

    public static String addPhone(PhoneRow phone) {
        Map<String, String> query = call("add_phone");
        query.put("extension", phone.extension());
        query.put("dialplan_number", phone.dialplanNumber());
        query.put("voicemail_id", phone.voicemailId());
        query.put("phone_login", phone.login());
        query.put("phone_pass", phone.pass());
        query.put("server_ip", phone.serverIp());
        query.put("protocol", phone.protocol());
        query.put("registration_password", phone.confSecret());
        query.put("phone_full_name", phone.fullname());
        query.put("local_gmt", "-5.00");
        query.put("outbound_cid", phone.outboundCid());
        return encode(query);
    }

    /** A change to outbound_cid, which every update_phone of the wrk load makes too. */
    public static String updatePhone(String extension, String serverIp, String outboundCid) {
        Map<String, String> query = call("update_phone");
        query.put("extension", extension);
        query.put("server_ip", serverIp);
        query.put("outbound_cid", outboundCid);
        return encode(query);
    }

    public static String serverRefresh() {
        Map<String, String> query = call("server_refresh");
        query.put("stage", "REFRESH");
        return encode(query);
    }

    /** A reply counts as a success only as HTTP 200 with a body starting {@code SUCCESS:} (as vd_load.lua counts). */
    public static boolean succeeded(int status, String body) {
        return status == 200 && body != null && body.startsWith("SUCCESS:");
    }

    private static Map<String, String> call(String function) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("function", function);
        query.put("user", FleetSeed.API_USER);
        query.put("pass", FleetSeed.API_PASS);
        query.put("source", SOURCE);
        return query;
    }

    private static String encode(Map<String, String> query) {
        StringBuilder uri = new StringBuilder(PATH).append('?');
        query.forEach((key, value) -> uri.append(uri.charAt(uri.length() - 1) == '?' ? "" : "&")
                .append(key).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return uri.toString();
    }
}
