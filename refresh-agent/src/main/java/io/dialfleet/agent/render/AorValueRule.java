package io.dialfleet.agent.render;

import java.util.Map;

/**
 * The wizard builds the endpoint, the aor and the auth separately, and a value the aor refuses drops the aor alone:
 * the endpoint is listed but every REGISTER gets 404 {@code AOR 'X' not found}. Every {@code aor/} option the aor
 * registers ({@code res/res_pjsip/location.c}, post-23 master) is known here with its type; an unknown option, a
 * number Asterisk does not parse, or a {@code qualify_frequency} outside 0–86400 is refused. Booleans are not checked:
 * Asterisk reads anything it does not know as false.
 */
final class AorValueRule implements SectionRule {

    private enum Type {
        TEXT, BOOL, UINT, DOUBLE
    }

    /** Option (lower-case) → type, as {@code ast_sorcery_object_field_register} declares them for "aor". */
    private static final Map<String, Type> OPTIONS = Map.ofEntries(
            Map.entry("type", Type.TEXT),
            Map.entry("minimum_expiration", Type.UINT),
            Map.entry("maximum_expiration", Type.UINT),
            Map.entry("default_expiration", Type.UINT),
            Map.entry("qualify_frequency", Type.UINT),
            Map.entry("qualify_timeout", Type.DOUBLE),
            Map.entry("qualify_2xx_only", Type.BOOL),
            Map.entry("authenticate_qualify", Type.BOOL),
            Map.entry("max_contacts", Type.UINT),
            Map.entry("remove_existing", Type.BOOL),
            Map.entry("remove_unavailable", Type.BOOL),
            Map.entry("contact", Type.TEXT),
            Map.entry("mailboxes", Type.TEXT),
            Map.entry("voicemail_extension", Type.TEXT),
            Map.entry("outbound_proxy", Type.TEXT),
            Map.entry("support_path", Type.BOOL));

    /** {@code qualify_frequency} is registered with {@code PARSE_IN_RANGE} 0–86400. */
    private static final long MAX_QUALIFY_FREQUENCY = 86_400;

    @Override
    public String problem(PeerSection section) {
        if (section.file() != ConfFile.PJSIP) {
            return null;
        }
        for (PeerSection.Entry entry : section.wizardObject("aor/")) {
            Type type = OPTIONS.get(entry.key());
            if (type == null) {
                return "a line aor/<option> names an option the aor does not have: Asterisk creates no aor (404)";
            }
            String problem = switch (type) {
                case UINT -> uintProblem(entry);
                case DOUBLE -> AsteriskNumbers.isDouble(entry.value()) ? null : "is not a number";
                case TEXT, BOOL -> null;
            };
            if (problem != null) {
                return "aor/" + entry.key() + " " + problem + ": Asterisk creates no aor (404)";
            }
        }
        return null;
    }

    private static String uintProblem(PeerSection.Entry entry) {
        long value = AsteriskNumbers.parseUint32(entry.value());
        if (value < 0) {
            return "is not a whole number from 0 to 4294967295";
        }
        if (entry.key().equals("qualify_frequency") && value > MAX_QUALIFY_FREQUENCY) {
            return "is over " + MAX_QUALIFY_FREQUENCY;
        }
        return null;
    }
}
