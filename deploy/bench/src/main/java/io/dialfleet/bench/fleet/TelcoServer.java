package io.dialfleet.bench.fleet;

import java.util.ArrayList;
import java.util.List;

/**
 * A simulated telco server of a benchmark fleet.
 *
 * @param asteriskVersion decides the agent's SIP stack: below 21 chan_sip, from 21 PJSIP
 */
public record TelcoServer(String serverId, String serverIp, String asteriskVersion) {

    public static final String CHAN_SIP_VERSION = "18.21.0";
    public static final String PJSIP_VERSION = "21.4.1";
    /**
     * The network of the refresh and bulk fleets: the same servers (and so the same agent processes) serve both
     * scenarios, each of which replaces the fleet's phones first.
     */
    public static final String FLEET_NETWORK = "10.77.0";

    /**
     * {@code count} servers {@code <network>.1}, {@code .2}, …; every second one runs Asterisk 21 (PJSIP), the others
     * Asterisk 18 (chan_sip), so both renderers are exercised.
     *
     * @param network the first three octets, e.g. {@code 10.77.0}
     * @param idPrefix server_id prefix, e.g. {@code fleet}
     */
    public static List<TelcoServer> fleet(String network, String idPrefix, int count) {
        List<TelcoServer> servers = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            servers.add(new TelcoServer(String.format("%s%02d", idPrefix, n), network + "." + n,
                    n % 2 == 0 ? PJSIP_VERSION : CHAN_SIP_VERSION));
        }
        return servers;
    }

    public static List<String> ips(List<TelcoServer> servers) {
        return servers.stream().map(TelcoServer::serverIp).toList();
    }
}
