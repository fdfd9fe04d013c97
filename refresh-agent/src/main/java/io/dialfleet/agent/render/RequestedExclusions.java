package io.dialfleet.agent.render;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Phones the caller wants left out of a render, by extension, each with the reason to report — the agent's way of
 * applying a server without the phones its verification found dead. An extension matches a phone the way Asterisk
 * matches the section name in the phone's file: chan_sip compares peer names ignoring case ({@code peer_cmp_cb} uses
 * {@code strcasecmp}); chan_iax2 and PJSIP's sorcery compare them exactly.
 */
final class RequestedExclusions {

    private static final RequestedExclusions NONE = new RequestedExclusions(Map.of());

    private final Map<String, String> exact;
    private final Map<String, String> folded = new HashMap<>();

    private RequestedExclusions(Map<String, String> byExtension) {
        this.exact = Map.copyOf(byExtension);
        // Sorted so that two spellings differing only in case give the same reason whatever the map's order.
        byExtension.keySet().stream().sorted()
                .forEach(extension -> folded.putIfAbsent(fold(extension), byExtension.get(extension)));
    }

    /** @param byExtension extension → reason; neither may be null */
    static RequestedExclusions of(Map<String, String> byExtension) {
        if (byExtension.isEmpty()) {
            return NONE;
        }
        byExtension.forEach((extension, reason) -> {
            if (extension == null || reason == null) {
                throw new IllegalArgumentException("an excluded phone needs an extension and a reason");
            }
        });
        return new RequestedExclusions(byExtension);
    }

    /** The reason given for leaving out the phone whose section goes into {@code file}, or null to keep it. */
    String reasonFor(String extension, ConfFile file) {
        if (exact.isEmpty()) {
            return null;
        }
        String reason = exact.get(extension);
        if (reason == null && file == ConfFile.SIP) {
            reason = folded.get(fold(extension));
        }
        return reason;
    }

    private static String fold(String extension) {
        return extension.toLowerCase(Locale.ROOT);
    }
}
