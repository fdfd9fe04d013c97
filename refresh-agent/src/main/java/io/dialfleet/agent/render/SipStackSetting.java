package io.dialfleet.agent.render;

import java.util.Locale;

/** The agent setting that picks the SIP stack ({@code auto|chan_sip|pjsip}; conf-generation.md, "Files"). */
public enum SipStackSetting {
    /** Decide by the server's {@code asterisk_version} ({@link SipStack#forAsteriskVersion(String)}). */
    AUTO,
    /** Always chan_sip, whatever the version says. */
    CHAN_SIP,
    /** Always PJSIP, whatever the version says. */
    PJSIP;

    public SipStack resolve(String asteriskVersion) {
        return switch (this) {
            case AUTO -> SipStack.forAsteriskVersion(asteriskVersion);
            case CHAN_SIP -> SipStack.CHAN_SIP;
            case PJSIP -> SipStack.PJSIP;
        };
    }

    /** Reads {@code auto}, {@code chan_sip} or {@code pjsip}, in any letter case. */
    public static SipStackSetting parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "auto" -> AUTO;
            case "chan_sip" -> CHAN_SIP;
            case "pjsip" -> PJSIP;
            default -> throw new IllegalArgumentException("SIP stack setting must be auto, chan_sip or pjsip");
        };
    }
}
