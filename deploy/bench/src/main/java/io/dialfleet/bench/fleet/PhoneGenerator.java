package io.dialfleet.bench.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The phones of benchmark fleets, the same for the same seed. Each list draws from a generator of its own, derived
 * from the seed and what the list is for, so the order in which a scenario asks for lists changes nothing.
 */
public final class PhoneGenerator {

    private static final String SECRET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final long seed;

    public PhoneGenerator(long seed) {
        this.seed = seed;
    }

    /**
     * {@code count} phones of one server of a fleet: extensions {@code s<NN>p<NNNNN>}, dialplan numbers and mailboxes
     * unique on the server; 80 % SIP, 15 % IAX2, 5 % PJSIP, drawn from the seed.
     *
     * @param serverNumber 1-based position of the server in its fleet
     * @param first        1-based number of the first phone (to add to a server later)
     */
    public List<PhoneRow> fleetPhones(TelcoServer server, int serverNumber, int first, int count) {
        SplittableRandom random = random("fleet", serverNumber * 1_000_003L + first);
        List<PhoneRow> phones = new ArrayList<>(count);
        for (int n = first; n < first + count; n++) {
            String extension = String.format("s%02dp%05d", serverNumber, n);
            String number = Integer.toString(100_000 + n);
            int draw = random.nextInt(100);
            String protocol = draw < 80 ? "SIP" : draw < 95 ? "IAX2" : "PJSIP";
            phones.add(new PhoneRow(extension, number, number, extension, "vm" + number, server.serverIp(), protocol,
                    secret(random), "Agent " + extension, "312555" + String.format("%04d", n % 10_000)));
        }
        return phones;
    }

    /**
     * Phone number {@code number} of a fleet server as add_phone can create it: the API refuses protocol PJSIP as
     * VICIdial does (docs/spec/non-agent-api.md), so such a phone is sent as SIP, which an Asterisk 21 server's agent renders
     * as a PJSIP endpoint anyway.
     */
    public PhoneRow apiPhone(TelcoServer server, int serverNumber, int number) {
        PhoneRow phone = fleetPhones(server, serverNumber, number, 1).get(0);
        return "PJSIP".equals(phone.protocol()) ? phone.withProtocol("SIP") : phone;
    }

    /**
     * update_phone's working set, named as wrk/preload.py names it ({@code up00001}, …; six digits past 99,999),
     * SIP, spread over the servers in turn.
     */
    public List<PhoneRow> updateSet(List<TelcoServer> servers, String prefix, int first, int count) {
        SplittableRandom random = random(prefix, first);
        int digits = Math.max(5, Integer.toString(first + count - 1).length());
        List<PhoneRow> phones = new ArrayList<>(count);
        for (int n = first; n < first + count; n++) {
            String extension = prefix + String.format("%0" + digits + "d", n);
            TelcoServer server = servers.get((n - 1) % servers.size());
            phones.add(new PhoneRow(extension, extension, extension, extension, "test", server.serverIp(), "SIP",
                    secret(random), "LoadTest" + extension, "3125551212"));
        }
        return phones;
    }

    /** The four phones every API fleet has besides the working set: VICIdial's figures start from 5,000 + 4. */
    public static List<PhoneRow> fixturePhones(TelcoServer server) {
        List<PhoneRow> phones = new ArrayList<>();
        for (int n = 101; n <= 104; n++) {
            String extension = "cc" + n;
            phones.add(new PhoneRow(extension, Integer.toString(n), Integer.toString(n), extension, "vm" + n,
                    server.serverIp(), "SIP", "Fixture" + n + "pw", "Agent " + n, "312555" + (1000 + n)));
        }
        return phones;
    }

    /** A generator for one purpose: the seed mixed with a name and a number. */
    public SplittableRandom random(String purpose, long number) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + purpose.hashCode() * 31L + number);
    }

    private static String secret(SplittableRandom random) {
        StringBuilder secret = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            secret.append(SECRET_ALPHABET.charAt(random.nextInt(SECRET_ALPHABET.length())));
        }
        return secret.toString();
    }
}
