package io.dialfleet.agent.render;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Section names a channel driver reads as something other than a peer, compared as it compares them
 * ({@code strcasecmp}):
 * <ul>
 * <li>chan_sip ({@code reload_config}): {@code general} and {@code authentication} are skipped as peers;</li>
 * <li>chan_iax2 ({@code set_config}): {@code general} is skipped and {@code callnumberlimits} is read as call-number
 * limits;</li>
 * <li>the PJSIP wizard reads only sections with {@code type=wizard} and reserves no name.</li>
 * </ul>
 * The voicemail and dialplan files hold no section named after a phone.
 */
final class ReservedNameRule implements SectionRule {

    private static final Map<ConfFile, Set<String>> RESERVED = Map.of(
            ConfFile.SIP, Set.of("general", "authentication"),
            ConfFile.IAX, Set.of("general", "callnumberlimits"),
            ConfFile.PJSIP, Set.of());

    @Override
    public String problem(PeerSection section) {
        if (RESERVED.get(section.file()).contains(section.name().toLowerCase(Locale.ROOT))) {
            return "extension is a section name " + driver(section.file()) + " reserves (it would read no peer)";
        }
        return null;
    }

    private static String driver(ConfFile file) {
        return file == ConfFile.SIP ? "chan_sip" : "chan_iax2";
    }
}
