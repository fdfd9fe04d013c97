package io.dialfleet.agent.render;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A section of the wrong kind for its file — typically an override-only section written for the other SIP stack
 * (VICIdial's chan_sip {@code conf_override} on a PJSIP server), or a template without {@code type=}:
 * <ul>
 * <li>chan_sip and chan_iax2 build a peer only from a section whose {@code type} is {@code friend}, {@code peer} or
 * {@code user} (ignoring case); without one they log {@code Section 'X' lacks type}, with another
 * {@code Unknown type}, and skip it. A phone must be reachable, so at least one {@code type} must be
 * {@code friend} or {@code peer}.</li>
 * <li>the PJSIP wizard reads only sections holding a line whose key contains {@code type} and whose value is exactly
 * {@code wizard} ({@code ast_category_browse_filtered(…, "type=^wizard$")}, case-sensitive) and skips any other
 * without a log line.</li>
 * </ul>
 */
final class SectionTypeRule implements SectionRule {

    private static final Set<String> PEER_TYPES = Set.of("friend", "peer", "user");
    private static final Set<String> REACHABLE_TYPES = Set.of("friend", "peer");

    @Override
    public String problem(PeerSection section) {
        return section.file() == ConfFile.PJSIP ? wizardProblem(section) : peerProblem(section);
    }

    private static String wizardProblem(PeerSection section) {
        for (PeerSection.Entry entry : section.entries()) {
            if (entry.key().contains("type") && entry.value().equals("wizard")) {
                return null;
            }
        }
        return origin(section) + " has no type=wizard line: the PJSIP wizard skips the section";
    }

    private static String peerProblem(PeerSection section) {
        List<String> types = section.values("type");
        if (types.isEmpty()) {
            return origin(section) + " has no type= line: Asterisk skips the section (\"lacks type\")";
        }
        boolean reachable = false;
        for (String type : types) {
            String folded = type.toLowerCase(Locale.ROOT);
            if (!PEER_TYPES.contains(folded)) {
                return origin(section) + " has a type= other than friend, peer or user: Asterisk skips the section";
            }
            reachable |= REACHABLE_TYPES.contains(folded);
        }
        return reachable ? null : origin(section) + " has only type=user: no peer to register or to call";
    }

    private static String origin(PeerSection section) {
        return section.overrideOnly() ? "conf_override (the whole section, no template)" : "the section";
    }
}
