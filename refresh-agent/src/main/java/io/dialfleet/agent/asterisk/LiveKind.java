package io.dialfleet.agent.asterisk;

import io.dialfleet.agent.render.ConfFile;

/**
 * The kinds of live objects the verifier checks, each read with one show command (docs/spec/asterisk-behaviour.md,
 * "Show-command output").
 */
public enum LiveKind {
    SIP_PEERS(ConfFile.SIP, "sip", "peers", 25),
    PJSIP_ENDPOINTS(ConfFile.PJSIP, "pjsip", "endpoints", 51),
    IAX2_PEERS(ConfFile.IAX, "iax2", "peers", 15),
    DIALPLAN_EXTENSIONS(ConfFile.EXTENSIONS, "dialplan", "extensions", 0),
    VOICEMAIL_BOXES(ConfFile.VOICEMAIL, "voicemail", "mailboxes", 0);

    /** The file whose module's reload changes these objects. */
    private final ConfFile file;
    private final String label;
    private final String noun;
    private final int nameWidth;

    LiveKind(ConfFile file, String label, String noun, int nameWidth) {
        this.file = file;
        this.label = label;
        this.noun = noun;
        this.nameWidth = nameWidth;
    }

    /** The kind for a reloaded file's module. */
    public static LiveKind of(ConfFile file) {
        for (LiveKind kind : values()) {
            if (kind.file == file) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no live objects for " + file);
    }

    String label() {
        return label;
    }

    String noun() {
        return noun;
    }

    /**
     * How many characters of a name the show command prints, 0 for all: {@code sip show peers} and
     * {@code iax2 show peers} cut {@code name/username} at 25 and 15 ({@code %-25.25s}, {@code %-15.15s} in
     * chan_sip.c and chan_iax2.c), {@code pjsip show endpoints} cuts {@code name/callerid} at 51.
     */
    int nameWidth() {
        return nameWidth;
    }

    /**
     * Whether these objects come from a phone's peer section, which carries the operator's template and override
     * lines, so that Asterisk may refuse one phone's and take the others'. Dialplan entries and mailbox lines are
     * written by dialfleet alone from checked values: when one is missing, the module as a whole did not load.
     */
    public boolean fromPeerSections() {
        return this == SIP_PEERS || this == PJSIP_ENDPOINTS || this == IAX2_PEERS;
    }

    /** The dialplan context is entirely dialfleet's: it must hold exactly the rendered extensions. */
    boolean exact() {
        return this == DIALPLAN_EXTENSIONS;
    }

    AsteriskCommand showCommand(String dialplanContext) {
        return switch (this) {
            case SIP_PEERS -> AsteriskCommand.Show.SIP_PEERS;
            case PJSIP_ENDPOINTS -> AsteriskCommand.Show.PJSIP_ENDPOINTS;
            case IAX2_PEERS -> AsteriskCommand.Show.IAX2_PEERS;
            case DIALPLAN_EXTENSIONS -> AsteriskCommand.dialplanShow(dialplanContext);
            case VOICEMAIL_BOXES -> AsteriskCommand.Show.VOICEMAIL_USERS;
        };
    }
}
