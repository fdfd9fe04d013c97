package io.dialfleet.api.support;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Calls the Non-Agent API as a provisioning script would: GET with URL-encoded parameters. */
public final class ApiClient {

    private final int port;

    public ApiClient(int port) {
        this.port = port;
    }

    public RawHttp.Response call(Map<String, String> parameters) throws IOException {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, value) -> query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return RawHttp.send(port, "GET", "/vicidial/non_agent_api.php?" + query, "", new byte[0]);
    }

    /** add_phone as the fixture's API user 6666 on 10.10.10.15, with the given extension (also login and dialplan). */
    public RawHttp.Response addPhone(String extension) throws IOException {
        return call(addPhoneParameters(extension));
    }

    public static Map<String, String> addPhoneParameters(String extension) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("source", "test");
        parameters.put("user", "6666");
        parameters.put("pass", "1234");
        parameters.put("function", "add_phone");
        parameters.put("extension", extension);
        parameters.put("dialplan_number", extension);
        parameters.put("voicemail_id", extension);
        parameters.put("phone_login", extension);
        parameters.put("phone_pass", "PhonePass1");
        parameters.put("server_ip", "10.10.10.15");
        parameters.put("protocol", "SIP");
        parameters.put("registration_password", "RegPass1");
        parameters.put("phone_full_name", "Phone " + extension);
        parameters.put("local_gmt", "-5.00");
        parameters.put("outbound_cid", "3125551212");
        return parameters;
    }
}
