package io.dialfleet.agent.render;

/**
 * The agent setting that picks the SIP stack ({@code dialfleet.agent.sip-stack}: {@code auto|chan_sip|pjsip}, read by
 * the configuration mapping; docs/spec/conf-generation.md, "Files").
 */
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
}
