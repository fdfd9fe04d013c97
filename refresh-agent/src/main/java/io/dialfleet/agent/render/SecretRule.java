package io.dialfleet.agent.render;

import java.util.List;

/**
 * Never a peer that accepts anyone (VICIdial writes such peers; docs/compatibility.md). What counts is the value
 * Asterisk ends up with, whether it came from {@code conf_secret}, the template or the override:
 * <ul>
 * <li>chan_sip: the last {@code secret} or {@code md5secret} must be non-empty — with neither, the peer
 * ({@code Secret : <Not set>}) accepts REGISTER and INVITE with no credentials;</li>
 * <li>IAX2: the last {@code secret} must be non-empty (an empty one answers REGREQ with REGACK for any password), and
 * no empty {@code secret} may follow a non-empty one (chan_iax2 joins a user's secrets with {@code ;}, and an empty
 * member accepts an empty password); {@code inkeys} or {@code dbsecret} instead of a secret are accepted;</li>
 * <li>PJSIP: {@code accepts_auth} must be true (without it the wizard creates no auth and the endpoint challenges
 * nobody) and {@code inbound_auth/password} (or {@code inbound_auth/md5_cred}) non-empty — an empty one is refused
 * by Asterisk, which then keeps the previous password working until a restart, after which every REGISTER gets
 * 500.</li>
 * </ul>
 */
final class SecretRule implements SectionRule {

    @Override
    public String problem(PeerSection section) {
        return switch (section.file()) {
            case SIP -> chanSip(section);
            case IAX -> iax2(section);
            case PJSIP -> wizard(section);
            case EXTENSIONS, VOICEMAIL -> null;
        };
    }

    private static String chanSip(PeerSection section) {
        if (isSet(section.last("secret")) || isSet(section.last("md5secret"))) {
            return null;
        }
        return "the secret (conf_secret, or the template's or override's secret) is empty: the peer would accept"
                + " registrations and calls without a password";
    }

    private static String iax2(PeerSection section) {
        List<String> secrets = section.values("secret");
        boolean seenSecret = false;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                seenSecret = true;
            } else if (seenSecret) {
                return "an empty secret= follows a non-empty one: chan_iax2 would accept an empty password";
            }
        }
        boolean lastSet = !secrets.isEmpty() && isSet(secrets.get(secrets.size() - 1));
        if (lastSet || isSet(section.last("inkeys")) || isSet(section.last("dbsecret"))) {
            return null;
        }
        return "the secret (conf_secret, or the template's or override's secret) is empty: the peer would accept"
                + " registrations from anyone";
    }

    private static String wizard(PeerSection section) {
        if (!PeerSection.isTrue(section.last("accepts_auth"))) {
            return "accepts_auth is not yes: the endpoint would accept anyone";
        }
        if (isSet(section.lastOf("inbound_auth/", "password")) || isSet(section.lastOf("inbound_auth/", "md5_cred"))) {
            return null;
        }
        return "inbound_auth/password (conf_secret) is empty: Asterisk refuses the auth and keeps the previous"
                + " password working until it restarts";
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty();
    }
}
