package io.dialfleet.api.compat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The client address as PHP's {@code REMOTE_ADDR} spells it, which the IPBLOCK reply, {@code last_ip}, the IP lists and
 * the admin log use: dotted IPv4, IPv6 in the RFC 5952 short form ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}), and an
 * IPv4-mapped IPv6 address as the IPv4 address it carries.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(String hostAddress) {
        if (hostAddress == null || hostAddress.indexOf(':') < 0) {
            return hostAddress == null ? "" : hostAddress;
        }
        try {
            InetAddress address = InetAddress.getByName(stripZone(hostAddress));
            if (address instanceof Inet4Address mapped) {
                return mapped.getHostAddress();
            }
            return address instanceof Inet6Address ? shortForm(address.getAddress()) : hostAddress;
        } catch (UnknownHostException notAnAddress) {
            return hostAddress;
        }
    }

    private static String stripZone(String address) {
        int zone = address.indexOf('%');
        return zone < 0 ? address : address.substring(0, zone);
    }

    /** RFC 5952: lower-case hex without leading zeros, the longest run of two or more zero groups as {@code ::}. */
    private static String shortForm(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength && i - start >= 2) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
