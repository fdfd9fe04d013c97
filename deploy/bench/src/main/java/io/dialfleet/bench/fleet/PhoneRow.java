package io.dialfleet.bench.fleet;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One phone as the seed document's {@code phones} table and add_phone's parameters carry it. */
public record PhoneRow(
        String extension,
        String dialplanNumber,
        String voicemailId,
        String login,
        String pass,
        String serverIp,
        String protocol,
        String confSecret,
        String fullname,
        String outboundCid) {

    public PhoneRow withProtocol(String newProtocol) {
        return new PhoneRow(extension, dialplanNumber, voicemailId, login, pass, serverIp, newProtocol, confSecret,
                fullname, outboundCid);
    }

    ObjectNode toSeedRow() {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        row.put("extension", extension);
        row.put("dialplan_number", dialplanNumber);
        row.put("voicemail_id", voicemailId);
        row.put("login", login);
        row.put("pass", pass);
        row.put("server_ip", serverIp);
        row.put("protocol", protocol);
        row.put("conf_secret", confSecret);
        row.put("fullname", fullname);
        row.put("local_gmt", "-5.00");
        row.put("outbound_cid", outboundCid);
        row.put("phone_context", "default");
        row.put("active", "Y");
        return row;
    }
}
