package io.dialfleet.bench.render;

import io.dialfleet.agent.render.SipStack;
import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.PeerConfigSnapshot.Phone;
import io.dialfleet.events.PeerConfigSnapshot.Server;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Peer-config snapshots as the api-service serves them (phones ordered by extension), of any size, the same for the
 * same seed: mailbox and dialplan number for every phone, codec lists of three kinds, no templates or overrides.
 */
public final class SyntheticServer {

    private static final String[] CODECS = {"", "ulaw,gsm,g729", "ulaw,alaw,g722"};
    private static final String SECRET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private SyntheticServer() {
    }

    /** Every phone of the case's protocol. */
    public static PeerConfigSnapshot of(RenderCase renderCase, int peers, long seed, String serverId) {
        SplittableRandom random = new SplittableRandom(seed * 31 + renderCase.ordinal());
        List<Phone> phones = new ArrayList<>(peers);
        for (int i = 0; i < peers; i++) {
            phones.add(phone(i, renderCase.protocol(), random));
        }
        return snapshot(serverId, renderCase.stack() == SipStack.PJSIP ? "21.4.1" : "18.21.0",
                phones);
    }

    /** A realistic mix on a chan_sip server: 80 % SIP, 15 % IAX2, 5 % PJSIP. */
    public static PeerConfigSnapshot mixed(int peers, long seed, String serverId) {
        SplittableRandom random = new SplittableRandom(seed * 31 + 7);
        List<Phone> phones = new ArrayList<>(peers);
        for (int i = 0; i < peers; i++) {
            int draw = random.nextInt(100);
            phones.add(phone(i, draw < 80 ? "SIP" : draw < 95 ? "IAX2" : "PJSIP", random));
        }
        return snapshot(serverId, "18.21.0", phones);
    }

    private static PeerConfigSnapshot snapshot(String serverId, String asteriskVersion, List<Phone> phones) {
        return new PeerConfigSnapshot(PeerConfigSnapshot.SCHEMA_VERSION, 1,
                new Server(serverId, "10.79.0.1", asteriskVersion, "SrvSecret79", "Y"), "ulaw,alaw", List.of(), phones);
    }

    private static Phone phone(int index, String protocol, SplittableRandom random) {
        String number = Integer.toString(100_000 + index);
        StringBuilder secret = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            secret.append(SECRET_ALPHABET.charAt(random.nextInt(SECRET_ALPHABET.length())));
        }
        return new Phone("cc" + number, number, number, "vm" + number, protocol, secret.toString(), "Agent " + number,
                "312555" + String.format("%04d", index % 10_000), "default", "", "N", "", "",
                CODECS[random.nextInt(CODECS.length)], "0", "Y", "eastern", "", "Y", "", "", "N", 60);
    }
}
