package io.dialfleet.agent.render;

import java.util.List;

/**
 * The names the rendered files define, each list in file order: what Asterisk must show after loading them
 * (docs/spec/conf-generation.md, "Safety": verify the live state against what was rendered).
 *
 * @param sipPeers           sections of the chan_sip file ({@code sip show peers})
 * @param pjsipEndpoints     wizard sections of the PJSIP file ({@code pjsip show endpoints}; the wizard names the
 *                           endpoint and the AOR like the section)
 * @param iax2Peers          sections of the IAX2 file ({@code iax2 show peers})
 * @param dialplanExtensions the extensions of {@code [dialfleet-phones]} ({@code dialplan show dialfleet-phones})
 * @param voicemailBoxes     mailbox numbers written ({@code voicemail show users}, context {@code default})
 */
public record RenderedNames(
        List<String> sipPeers,
        List<String> pjsipEndpoints,
        List<String> iax2Peers,
        List<String> dialplanExtensions,
        List<String> voicemailBoxes) {

    public RenderedNames {
        sipPeers = List.copyOf(sipPeers);
        pjsipEndpoints = List.copyOf(pjsipEndpoints);
        iax2Peers = List.copyOf(iax2Peers);
        dialplanExtensions = List.copyOf(dialplanExtensions);
        voicemailBoxes = List.copyOf(voicemailBoxes);
    }

    /** The names a file's module must show: peers, endpoints, extensions or mailboxes. */
    public List<String> of(ConfFile file) {
        return switch (file) {
            case SIP -> sipPeers;
            case PJSIP -> pjsipEndpoints;
            case IAX -> iax2Peers;
            case EXTENSIONS -> dialplanExtensions;
            case VOICEMAIL -> voicemailBoxes;
        };
    }
}
